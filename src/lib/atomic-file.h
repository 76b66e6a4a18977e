/* SPDX-License-Identifier: GPL-2.0 */
/*
 * atomic-file.h - every output file auxsim writes (perf.data, the traced
 * program's ELF, the truth, the SVG, the trace events, a counterexample) is
 * written to a file with no name in the target's directory (O_TMPFILE),
 * flushed to disk, and only then given its name, so that a failed,
 * interrupted or killed write never leaves a partial file under the name
 * asked for, nor a temporary file beside it.
 *
 * A target that is a symbolic link is written through: the file replaced is
 * the one the link (or chain of links, at most 40) names, in that file's
 * directory, and the link stays, as with `cp` or a shell's `>`; a link to
 * nothing yet creates the file it names.  Only the target's own name is
 * followed: the temporary file is never opened through a link.
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
 * the target path as the caller gave it, never a temporary name, with the
 * errno of the system call that failed (a full disk is ENOSPC, not EIO).
 * A SIGINT or SIGTERM that comes between the open and the commit drops the
 * file (-EINTR); one that came before the open does not (the run it ended
 * is written, as perf record writes after Ctrl-C).
 * AUXSIM_TEST_NO_TMPFILE=1 forces the fallback (the tests' way in).
 *
 * Two files that must appear together (perf.data and its ELF) are each
 * made ready with atomic_file__prepare() (everything that can fail for
 * want of space) before either is committed with atomic_file__commit().
 *
 * Invariant: after atomic_file__close(), either the target holds
 * everything written (0) or nothing changed at it, and no file the writer
 * created is left in the directory.
 */
#ifndef AUXSIM_ATOMIC_FILE_H
#define AUXSIM_ATOMIC_FILE_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

/* symbolic links followed from an output's name, as the kernel's MAXSYMLINKS */
#define ATOMIC_FILE_MAX_LINKS 40

struct atomic_file {
	FILE *f;		 /* write here */
	const char *path;	 /* the target, as the caller named it */
	char real[PATH_MAX];	 /* the file replaced: @path, links followed */
	int fd;			 /* the file written */
	int dirfd;		 /* the target's directory */
	const char *base;	 /* the target's name in it (within @real) */
	bool named;		 /* the file has a (temporary) name */
	bool fallback;		 /* no O_TMPFILE: created under that name */
	int sig0;		 /* interrupt__signo() at the open */
	int werr;		 /* the errno of the first failed write */
	char name[64];		 /* the temporary name in the directory */
	char tmp[PATH_MAX + 64]; /* the same, as a path (interrupt.h) */
};

/*
 * @path with its symbolic links followed, as the write will follow them:
 * into @buf (PATH_MAX); @path itself when it is no link (or does not
 * exist).  0, or -ELOOP, -ENAMETOOLONG.
 */
int atomic_file__resolve(const char *path, char *buf, size_t len);
/* open a file to become @path: 0, or -errno with @err set */
int atomic_file__open(struct atomic_file *af, const char *path, char *err,
		      int errlen);
/*
 * Before a run, what atomic_file__open() will do at @path, done and undone:
 * the links followed, the directory opened, an unnamed file created there
 * (or the fallback's named one, unlinked).  0, or -errno with @err set
 * ("PATH: why", a non-regular target -EINVAL).
 */
int atomic_file__probe(const char *path, char *err, int errlen);
/* commit it to @path; @ret < 0 (the writer's own error; -EIO: a write
 * failed, reported with its errno) discards it instead.  0, or -errno with
 * @err set (-EINTR: a signal came while it was written) */
int atomic_file__close(struct atomic_file *af, int ret, char *err, int errlen);
/* the first half of atomic_file__close(): flushed, synced and named in
 * the directory, not yet the target; or discarded (the same returns) */
int atomic_file__prepare(struct atomic_file *af, int ret, char *err,
			 int errlen);
/* the second half: renamed over the target.  0, or -errno with @err set */
int atomic_file__commit(struct atomic_file *af, char *err, int errlen);
/* drop an open or prepared file: nothing of it stays */
void atomic_file__discard(struct atomic_file *af);

#endif /* AUXSIM_ATOMIC_FILE_H */
