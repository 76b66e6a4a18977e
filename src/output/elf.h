/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/elf.h - the traced program, an AArch64 ELF that auxsim writes
 * itself: the loop the ETMv4 trace of etm4x-trace.c walks, so that perf
 * (through the MMAP2 record naming it) can read its opcodes and symbols.
 *
 * Its name comes from the perf.data's, so that every -o has its own:
 * FILE.auxsim.elf beside the file FILE names (a symbolic link followed, as
 * the perf.data is written through it).  perf finds it by the MMAP2
 * record's filename, an absolute path: the ELF has no build ID, so perf's
 * build-ID cache has nothing to offer (docs/perf-data.md).
 *
 * Invariant: the same bytes every time for one @loop_count.
 */
#ifndef AUXSIM_PERF_ELF_H
#define AUXSIM_PERF_ELF_H

#include <stddef.h>
#include <stdio.h>

#define WORKLOAD_ELF_SUFFIX ".auxsim.elf"

/* the ELF that comes with the perf.data @data: 0, or -ENAMETOOLONG,
 * -ELOOP, -EACCES (atomic_file__resolve()) */
int workload_elf__path(const char *data, char *buf, size_t len);
/* its size in bytes (the same for every loop count) */
size_t workload_elf__size(void);
/* the program with `movz x0, #@loop_count` into @f: 0, -ENOMEM or -EIO */
int workload_elf__emit(FILE *f, int loop_count);

#endif /* AUXSIM_PERF_ELF_H */
