// SPDX-License-Identifier: GPL-2.0
/*
 * atomic-file.c - write to an unnamed (or randomly named) file in the
 * target's directory, flush it to disk, then give it its name
 * (atomic-file.h).
 */
#define _GNU_SOURCE /* O_TMPFILE, AT_EMPTY_PATH, fopencookie() */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/atomic-file.h"
#include "lib/interrupt.h"

#define NAME_TRIES 100

#define PROTECTED                                                              \
	"a symbolic link of another user in a sticky directory: not "          \
	"followed (as fs.protected_symlinks)"
#define NOT_REGULAR                                                            \
	"not a regular file (auxsim replaces its output files whole)"

static void set_why(char *err, int errlen, const struct atomic_file *af,
		    const char *why)
{
	if (strcmp(af->path, af->real))
		snprintf(err, errlen, "%s (a link to %s): %s", af->path,
			 af->real, why);
	else
		snprintf(err, errlen, "%s: %s", af->path, why);
}

static void set_err(char *err, int errlen, const struct atomic_file *af, int e)
{
	set_why(err, errlen, af,
		e == EINTR ? "interrupted by a signal; not written"
			   : strerror(e));
}

/* the directory part of @path into @buf ("." when it has none) */
static int dir_of(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');
	int n;

	if (!slash)
		n = snprintf(buf, len, ".");
	else if (slash == path)
		n = snprintf(buf, len, "/");
	else
		n = snprintf(buf, len, "%.*s", (int)(slash - path), path);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int atomic_file__resolve(const char *path, char *buf, size_t len)
{
	char cur[PATH_MAX], link[PATH_MAX], dir[PATH_MAX];
	struct stat st, ds;
	int n;

	n = snprintf(cur, sizeof(cur), "%s", path);
	if (n < 0 || (size_t)n >= sizeof(cur))
		return -ENAMETOOLONG;
	for (int hops = 0;; hops++) {
		ssize_t l;

		/* not there (or not reachable: the open says why) */
		if (lstat(cur, &st) || !S_ISLNK(st.st_mode))
			break;
		if (hops == ATOMIC_FILE_MAX_LINKS)
			return -ELOOP;
		if (dir_of(cur, dir, sizeof(dir)))
			return -ENAMETOOLONG;
		/* fs.protected_symlinks' rule (fs/namei.c
		 * may_follow_link()): in a sticky world-writable directory
		 * (/tmp), only a link of ours or of the directory's owner */
		if (!stat(dir, &ds) && (ds.st_mode & S_ISVTX) &&
		    (ds.st_mode & S_IWOTH) && st.st_uid != geteuid() &&
		    st.st_uid != ds.st_uid)
			return -EACCES;
		l = readlink(cur, link, sizeof(link) - 1);
		if (l < 0)
			break;
		link[l] = '\0';
		if (link[0] == '/') {
			memcpy(cur, link, (size_t)l + 1);
			continue;
		}
		/* relative to the link's own directory */
		n = strrchr(cur, '/')
			    ? snprintf(cur, sizeof(cur), "%s/%s", dir, link)
			    : snprintf(cur, sizeof(cur), "%s", link);
		if (n < 0 || (size_t)n >= sizeof(cur))
			return -ENAMETOOLONG;
	}
	n = snprintf(buf, len, "%s", cur);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* ".BASE.XXXXXXXXXXXX" with twelve random characters: a name nobody can
 * plant beforehand (getrandom(); the clock and pid if it fails) */
static void random_name(struct atomic_file *af)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static uint64_t counter;
	uint8_t r[12];
	char x[13];

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		struct timespec ts;
		uint64_t v;

		clock_gettime(CLOCK_REALTIME, &ts);
		v = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^
		    (uint64_t)getpid() << 40 ^
		    ++counter * 0x9e3779b97f4a7c15ull;
		for (size_t i = 0; i < sizeof(r); i++) {
			v = v * 6364136223846793005ull + 1442695040888963407ull;
			r[i] = (uint8_t)(v >> 56);
		}
	}
	for (size_t i = 0; i < sizeof(r); i++)
		x[i] = set[r[i] % (sizeof(set) - 1)];
	x[sizeof(r)] = '\0';
	snprintf(af->name, sizeof(af->name), ".%.40s.%s", af->base, x);
}

/* af->tmp: the temporary name as a path from the current directory */
static void tmp_path(struct atomic_file *af)
{
	int dlen = (int)(af->base - af->real);

	snprintf(af->tmp, sizeof(af->tmp), "%.*s%s", dlen, af->real, af->name);
}

static bool test_no_tmpfile(void)
{
	const char *test = getenv("AUXSIM_TEST_NO_TMPFILE");

	return test && *test && strcmp(test, "0");
}

/*
 * The FILE writes through these, so that a failed write keeps its errno
 * (stdio keeps only an error flag): the first one is af->werr.  A short
 * count is an error to stdio; 0, not -1, is how to say so (fopencookie(3)).
 */
static ssize_t cookie_write(void *cookie, const char *buf, size_t size)
{
	struct atomic_file *af = cookie;
	size_t done = 0;

	while (done < size) {
		ssize_t n = write(af->fd, buf + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!af->werr)
				af->werr = n < 0 ? errno : ENOSPC;
			return 0;
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

static int cookie_seek(void *cookie, off64_t *offset, int whence)
{
	struct atomic_file *af = cookie;
	off_t at = lseek(af->fd, (off_t)*offset, whence);

	if (at < 0) {
		if (!af->werr)
			af->werr = errno;
		return -1;
	}
	*offset = at;
	return 0;
}

/* the fd is closed by atomic_file__prepare(), after its fsync() */
static int cookie_close(void *cookie)
{
	(void)cookie;
	return 0;
}

int atomic_file__open(struct atomic_file *af, const char *path, char *err,
		      int errlen)
{
	static const cookie_io_functions_t io = {
		.write = cookie_write,
		.seek = cookie_seek,
		.close = cookie_close,
	};
	char dir[PATH_MAX];
	struct stat st;
	int e;

	memset(af, 0, sizeof(*af));
	af->path = path;
	af->fd = -1;
	af->dirfd = -1;
	af->sig0 = interrupt__signo();
	e = -atomic_file__resolve(path, af->real, sizeof(af->real));
	if (e) {
		snprintf(af->real, sizeof(af->real), "%s", path);
		if (e == EACCES) {
			set_why(err, errlen, af, PROTECTED);
			return -e;
		}
		goto fail_e;
	}
	af->base =
		strrchr(af->real, '/') ? strrchr(af->real, '/') + 1 : af->real;
	if (!*af->base || !strcmp(af->base, ".") || !strcmp(af->base, "..")) {
		e = EISDIR;
		goto fail_e;
	}
	e = -dir_of(af->real, dir, sizeof(dir));
	if (e)
		goto fail_e;
	af->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (af->dirfd < 0)
		goto fail;
	/* what is at the target: say now, not after the write, that a
	 * directory or a device cannot be replaced */
	if (!fstatat(af->dirfd, af->base, &st, AT_SYMLINK_NOFOLLOW)) {
		if (S_ISDIR(st.st_mode)) {
			e = EISDIR;
			goto fail_e;
		}
		if (!S_ISREG(st.st_mode)) {
			atomic_file__discard(af);
			set_why(err, errlen, af, NOT_REGULAR);
			return -EINVAL;
		}
	} else if (errno != ENOENT) {
		goto fail; /* ENAMETOOLONG, EACCES, ... */
	}
	if (test_no_tmpfile()) {
		e = EOPNOTSUPP;
	} else {
		af->fd = openat(af->dirfd, ".",
				O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
		e = af->fd < 0 ? errno : 0;
	}
	/* no O_TMPFILE here (EISDIR: a kernel before 3.11) */
	if (af->fd < 0 && e != EOPNOTSUPP && e != EISDIR && e != EINVAL)
		goto fail_e;
	if (af->fd < 0) {
		af->fallback = true;
		for (int i = 0; i < NAME_TRIES && af->fd < 0; i++) {
			random_name(af);
			af->fd = openat(af->dirfd, af->name,
					O_WRONLY | O_CREAT | O_EXCL |
						O_NOFOLLOW | O_CLOEXEC,
					0666);
			if (af->fd < 0 && errno != EEXIST)
				goto fail;
		}
		if (af->fd < 0)
			goto fail;
		af->named = true;
		tmp_path(af);
		interrupt__add_temp(af->tmp);
	}
	af->f = fopencookie(af, "wb", io);
	if (af->f)
		return 0;
fail:
	e = errno;
fail_e:
	atomic_file__discard(af);
	set_err(err, errlen, af, e);
	return -e;
}

void atomic_file__discard(struct atomic_file *af)
{
	if (af->f)
		fclose(af->f);
	af->f = NULL;
	if (af->fd >= 0)
		close(af->fd);
	af->fd = -1;
	if (af->named) {
		unlinkat(af->dirfd, af->name, 0);
		interrupt__del_temp(af->tmp);
		af->named = false;
	}
	if (af->dirfd >= 0)
		close(af->dirfd);
	af->dirfd = -1;
}

int atomic_file__probe(const char *path, char *err, int errlen)
{
	struct atomic_file af;
	int ret = atomic_file__open(&af, path, err, errlen);

	if (!ret)
		atomic_file__discard(&af);
	return ret;
}

/* give the unnamed file a fresh random name in the directory */
static int link_tmpfile(struct atomic_file *af)
{
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", af->fd);
	for (int i = 0; i < NAME_TRIES; i++) {
		random_name(af);
		tmp_path(af);
		interrupt__add_temp(af->tmp);
		if (!linkat(AT_FDCWD, proc, af->dirfd, af->name,
			    AT_SYMLINK_FOLLOW))
			return 0;
		/* no /proc: AT_EMPTY_PATH (CAP_DAC_READ_SEARCH) */
		if (errno == ENOENT &&
		    !linkat(af->fd, "", af->dirfd, af->name, AT_EMPTY_PATH))
			return 0;
		interrupt__del_temp(af->tmp);
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

int atomic_file__prepare(struct atomic_file *af, int ret, char *err, int errlen)
{
	/* a failed write, with its errno: the writers say -EIO */
	if ((!ret || ret == -EIO) && (ferror(af->f) || af->werr))
		ret = -(af->werr ? af->werr : EIO);
	if (fflush(af->f) && !ret)
		ret = -(af->werr ? af->werr : errno);
	if (fclose(af->f) && !ret)
		ret = -(af->werr ? af->werr : errno);
	af->f = NULL;
	/* a SIGINT/SIGTERM since the open: dropped, as asked */
	if (!ret && interrupt__signo() && !af->sig0)
		ret = -EINTR;
	if (!ret && fsync(af->fd))
		ret = -errno;
	if (!ret && !af->named) {
		ret = link_tmpfile(af);
		af->named = !ret;
	}
	if (!ret && close(af->fd))
		ret = -errno;
	else if (ret)
		close(af->fd);
	af->fd = -1;
	if (ret) {
		atomic_file__discard(af);
		set_err(err, errlen, af, -ret);
	}
	return ret;
}

int atomic_file__commit(struct atomic_file *af, char *err, int errlen)
{
	int ret = 0;

	if (renameat(af->dirfd, af->name, af->dirfd, af->base)) {
		ret = -errno;
		unlinkat(af->dirfd, af->name, 0);
	}
	interrupt__del_temp(af->tmp);
	af->named = false;
	/* the new name (or the removal) made durable; a failure here is
	 * reported, though the file is in place */
	if (!ret && fsync(af->dirfd) && errno != EINVAL)
		ret = -errno;
	close(af->dirfd);
	af->dirfd = -1;
	if (ret)
		set_err(err, errlen, af, -ret);
	return ret;
}

int atomic_file__close(struct atomic_file *af, int ret, char *err, int errlen)
{
	ret = atomic_file__prepare(af, ret, err, errlen);
	return ret ? ret : atomic_file__commit(af, err, errlen);
}
