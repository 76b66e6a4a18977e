/* SPDX-License-Identifier: GPL-2.0 */
/*
 * atomic-file.h - every output file auxsim writes (perf.data, the traced
 * program's ELF, the truth, the SVG, a counterexample) is written to a
 * file with no name in the target's directory (O_TMPFILE), flushed to disk,
 * and only then given its name, so that a failed, interrupted or killed
 * write never leaves a partial file under the name asked for, nor a
 * temporary file beside it.
 *
 * atomic_file__close() commits: fsync() of the file; linkat() of it (through
 * /proc/self/fd, or AT_EMPTY_PATH) to a fresh random name in the directory;
 * renameat() of that name over the target; fsync() of the directory.  Where
 * the filesystem has no O_TMPFILE (EOPNOTSUPP, EISDIR or EINVAL from the
 * open), the file is created under a random name with
 * O_CREAT|O_EXCL|O_NOFOLLOW (a name planted beforehand is never followed)
 * and registered with interrupt__add_temp(), so that a second SIGINT or
 * SIGTERM unlinks it; only SIGKILL in that fallback can leave it behind.
 * The new file's mode is fopen()'s: 0666 less the umask.  Every error names
 * the target path, never a temporary name.  AUXSIM_TEST_NO_TMPFILE=1 forces
 * the fallback (the tests' way in).
 *
 * Invariant: after atomic_file__close(), either @path holds everything
 * written (0) or nothing changed at @path, and no file the writer created is
 * left in the directory.
 */
#ifndef AUXSIM_ATOMIC_FILE_H
#define AUXSIM_ATOMIC_FILE_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

struct atomic_file {
	FILE *f;		 /* write here */
	const char *path;	 /* the target, as the caller named it */
	int dirfd;		 /* the target's directory */
	const char *base;	 /* the target's name in it (within @path) */
	bool named;		 /* the fallback: a named temporary file */
	char name[64];		 /* the temporary name in the directory */
	char tmp[PATH_MAX + 64]; /* the same, as a path (interrupt.h) */
};

/* open a file to become @path: 0, or -errno with @err set */
int atomic_file__open(struct atomic_file *af, const char *path, char *err,
		      int errlen);
/* commit it to @path; @ret < 0 (the writer's own error; -EINTR: stopped by
 * a signal) discards it instead.  0, or -errno with @err set */
int atomic_file__close(struct atomic_file *af, int ret, char *err, int errlen);

#endif /* AUXSIM_ATOMIC_FILE_H */
