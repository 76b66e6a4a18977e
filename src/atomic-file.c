// SPDX-License-Identifier: GPL-2.0
/*
 * atomic-file.c - write to a temporary file, then rename (atomic-file.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "atomic-file.h"

int atomic_file__open(struct atomic_file *af, const char *path, char *err,
		      int errlen)
{
	int ret;

	af->path = path;
	snprintf(af->tmp, sizeof(af->tmp), "%s.tmp.%ld", path,
		 (long)getpid());
	af->f = fopen(af->tmp, "wb");
	if (af->f)
		return 0;
	ret = -errno;
	snprintf(err, errlen, "%s: %s", af->tmp, strerror(errno));
	return ret;
}

int atomic_file__close(struct atomic_file *af, int ret, char *err,
		       int errlen)
{
	if (!ret && ferror(af->f))
		ret = -EIO;
	if (fclose(af->f) && !ret)
		ret = -errno;
	af->f = NULL;
	if (!ret && rename(af->tmp, af->path))
		ret = -errno;
	if (ret) {
		snprintf(err, errlen, "%s: %s", af->path, strerror(-ret));
		unlink(af->tmp);
	}
	return ret;
}
