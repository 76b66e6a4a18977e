/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/elf.h - the traced program, an AArch64 ELF that auxsim writes
 * itself: the loop the ETMv4 trace of etm4x-trace.c walks, so that perf
 * (through the MMAP2 record naming it) can read its opcodes and symbols.
 *
 * Invariants: the same bytes every time; written through a temporary file
 * and a rename.
 */
#ifndef AUXSIM_PERF_ELF_H
#define AUXSIM_PERF_ELF_H

/* the program with `movz x0, #@loop_count`; 0, or -errno with @err set */
int workload_elf__write(const char *path, int loop_count, char *err,
			int errlen);

#endif /* AUXSIM_PERF_ELF_H */
