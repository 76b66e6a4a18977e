/* SPDX-License-Identifier: GPL-2.0 */
/*
 * atomic-file.h - every output file auxsim writes (perf.data, the traced
 * program's ELF, the truth, the SVG, a counterexample) goes to a temporary
 * file next to it and is renamed into place, so that a failed or
 * interrupted write never leaves a partial file under the name asked for.
 *
 * Invariant: after atomic_file__close(), either @path holds everything
 * written (0) or nothing changed at @path and the temporary file is gone.
 */
#ifndef AUXSIM_ATOMIC_FILE_H
#define AUXSIM_ATOMIC_FILE_H

#include <stdio.h>

struct atomic_file {
	FILE *f;
	const char *path;
	char tmp[4096];
};

/* open a temporary file for @path: 0, or -errno with @err set */
int atomic_file__open(struct atomic_file *af, const char *path, char *err,
		      int errlen);
/* close it and rename it to its path; @ret < 0 (the writer's own error)
 * discards it.  0, or -errno with @err set */
int atomic_file__close(struct atomic_file *af, int ret, char *err,
		       int errlen);

#endif /* AUXSIM_ATOMIC_FILE_H */
