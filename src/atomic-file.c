// SPDX-License-Identifier: GPL-2.0
/*
 * atomic-file.c - write to an unnamed (or randomly named) file in the
 * target's directory, flush it to disk, then give it its name
 * (atomic-file.h).
 */
#define _GNU_SOURCE /* O_TMPFILE, AT_EMPTY_PATH */
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

#include "atomic-file.h"
#include "interrupt.h"

#define NAME_TRIES 100

static void set_err(char *err, int errlen, const char *path, int e)
{
	if (e == EINTR)
		snprintf(err, errlen,
			 "%s: interrupted by a signal; not written", path);
	else
		snprintf(err, errlen, "%s: %s", path, strerror(e));
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
	int dlen = (int)(af->base - af->path);

	snprintf(af->tmp, sizeof(af->tmp), "%.*s%s", dlen, af->path, af->name);
}

static bool test_no_tmpfile(void)
{
	const char *test = getenv("AUXSIM_TEST_NO_TMPFILE");

	return test && *test && strcmp(test, "0");
}

int atomic_file__open(struct atomic_file *af, const char *path, char *err,
		      int errlen)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX];
	struct stat st;
	int fd = -1, e;

	memset(af, 0, sizeof(*af));
	af->path = path;
	af->dirfd = -1;
	af->base = slash ? slash + 1 : path;
	if (!*af->base || !strcmp(af->base, ".") || !strcmp(af->base, "..")) {
		set_err(err, errlen, path, EISDIR);
		return -EISDIR;
	}
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else if (slash - path >= (long)sizeof(dir)) {
		set_err(err, errlen, path, ENAMETOOLONG);
		return -ENAMETOOLONG;
	} else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	af->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (af->dirfd < 0)
		goto fail;
	/* a directory at the target: say so now, not after the write */
	if (!fstatat(af->dirfd, af->base, &st, AT_SYMLINK_NOFOLLOW) &&
	    S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (test_no_tmpfile()) {
		e = EOPNOTSUPP;
	} else {
		fd = openat(af->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC,
			    0666);
		e = fd < 0 ? errno : 0;
	}
	/* no O_TMPFILE here (EISDIR: a kernel before 3.11) */
	if (fd < 0 && e != EOPNOTSUPP && e != EISDIR && e != EINVAL) {
		errno = e;
		goto fail;
	}
	if (fd < 0) {
		af->named = true;
		for (int i = 0; i < NAME_TRIES && fd < 0; i++) {
			random_name(af);
			fd = openat(af->dirfd, af->name,
				    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
					    O_CLOEXEC,
				    0666);
			if (fd < 0 && errno != EEXIST)
				goto fail;
		}
		if (fd < 0)
			goto fail;
		tmp_path(af);
		interrupt__add_temp(af->tmp);
	}
	af->f = fdopen(fd, "wb");
	if (af->f)
		return 0;
fail:
	e = errno;
	if (fd >= 0) {
		close(fd);
		if (af->named) {
			interrupt__del_temp(af->tmp);
			unlinkat(af->dirfd, af->name, 0);
		}
	}
	if (af->dirfd >= 0)
		close(af->dirfd);
	af->dirfd = -1;
	set_err(err, errlen, path, e);
	return -e;
}

/* give the unnamed file a fresh random name in the directory */
static int link_tmpfile(struct atomic_file *af, int fd)
{
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (int i = 0; i < NAME_TRIES; i++) {
		random_name(af);
		tmp_path(af);
		interrupt__add_temp(af->tmp);
		if (!linkat(AT_FDCWD, proc, af->dirfd, af->name,
			    AT_SYMLINK_FOLLOW))
			return 0;
		/* no /proc: AT_EMPTY_PATH (CAP_DAC_READ_SEARCH) */
		if (errno == ENOENT &&
		    !linkat(fd, "", af->dirfd, af->name, AT_EMPTY_PATH))
			return 0;
		interrupt__del_temp(af->tmp);
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

int atomic_file__close(struct atomic_file *af, int ret, char *err, int errlen)
{
	int fd = fileno(af->f);
	bool linked = af->named;

	if (!ret && ferror(af->f))
		ret = -EIO;
	if (fflush(af->f) && !ret)
		ret = -errno;
	if (!ret && fsync(fd))
		ret = -errno;
	if (!ret && !af->named) {
		ret = link_tmpfile(af, fd);
		linked = !ret;
	}
	if (fclose(af->f) && !ret)
		ret = -errno;
	af->f = NULL;
	if (!ret && renameat(af->dirfd, af->name, af->dirfd, af->base))
		ret = -errno;
	if (ret && linked)
		unlinkat(af->dirfd, af->name, 0);
	if (linked)
		interrupt__del_temp(af->tmp);
	/* the new name (or the removal) made durable; a failure here is
	 * reported, though the file is in place */
	if (!ret && fsync(af->dirfd) && errno != EINVAL)
		ret = -errno;
	close(af->dirfd);
	af->dirfd = -1;
	if (ret)
		set_err(err, errlen, af->path, -ret);
	return ret;
}
