// SPDX-License-Identifier: GPL-2.0
/*
 * cex.c - counterexample files (cex.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/cex.h"
#include "check/invariant.h"
#include "lib/suggest.h"
#include "model/variant.h"

enum cex_key {
	K_SCENARIO,
	K_KERNEL,
	K_PERF,
	K_PATCH,
	K_STEPS,
	K_SCENARIO_ABS,
	K_SCENARIO_HASH,
	K_INVARIANT,
	NR_KEYS
};

static const char *const cex_keys[NR_KEYS] = {
	"scenario", "kernel",	    "perf",	     "patch",
	"steps",    "scenario-abs", "scenario-hash", "invariant",
};

#define CEX_HASH_PREFIX "fnv1a64:"

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* copy @n bytes of @v into @dst of @size: false if they do not fit */
static bool copy_val(char *dst, size_t size, const char *v, size_t n)
{
	if (n >= size)
		return false;
	memcpy(dst, v, n);
	dst[n] = '\0';
	return true;
}

/* `patch NAME` (or `patch none`) at @line, the value at column @col */
static int parse_patch(struct cex *c, const char *v, size_t n, int line,
		       int col, bool *none, struct scn_error *err)
{
	char name[SCN_NAME_LEN], known[512], ex[STEP_EXCERPT];

	if (!copy_val(name, sizeof(name), v, n) ||
	    (strcmp(name, "none") && !variant__find_patch(name))) {
		variant__patch_names(known, sizeof(known));
		step__excerpt(ex, sizeof(ex), v, n);
		/* the whole list, or none of it: a message is cut at the end */
		if (strlen(known) + strlen(ex) + 40 > sizeof(err->msg))
			return scn__errorf(err, -EINVAL, line, col,
					   "unknown patch '%s' (known: none "
					   "and those 'auxsim list' names)",
					   ex);
		return scn__errorf(err, -EINVAL, line, col,
				   "unknown patch '%s' (known: none, %s)", ex,
				   known);
	}
	if (!strcmp(name, "none") || *none) {
		if (c->nr_patches || *none)
			return scn__errorf(err, -EINVAL, line, col,
					   "'patch none' with another patch "
					   "line: none means no patch at all");
		*none = true;
		c->patches_set = true;
		return 0;
	}
	for (int i = 0; i < c->nr_patches; i++)
		if (!strcmp(c->patches[i], name))
			return scn__errorf(err, -EINVAL, line, col,
					   "patch '%s' twice", name);
	if (c->nr_patches == SCN_MAX_PATCHES)
		return scn__errorf(err, -E2BIG, line, col,
				   "more than %d patches", SCN_MAX_PATCHES);
	strcpy(c->patches[c->nr_patches++], name);
	c->patches_set = true;
	return 0;
}

/* `scenario-hash fnv1a64:HEX16` */
static int parse_hash(struct cex *c, const char *v, size_t n, int line, int col,
		      struct scn_error *err)
{
	size_t p = strlen(CEX_HASH_PREFIX);
	uint64_t h = 0;

	if (n < p || memcmp(v, CEX_HASH_PREFIX, p))
		return scn__errorf(err, -EINVAL, line, col,
				   "a scenario hash is '" CEX_HASH_PREFIX
				   "' and 16 hex digits (the only hash known)");
	for (size_t i = p; i < n; i++) {
		char ch = v[i];
		int d = ch >= '0' && ch <= '9'	 ? ch - '0'
			: ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
						 : -1;

		if (d < 0 || i - p == 16)
			return scn__errorf(
				err, -EINVAL, line, col + (int)i,
				"a scenario hash is '" CEX_HASH_PREFIX
				"' and 16 lower-case hex digits");
		h = h << 4 | (uint64_t)d;
	}
	if (n - p != 16)
		return scn__errorf(err, -EINVAL, line, col + (int)n,
				   "a scenario hash is '" CEX_HASH_PREFIX
				   "' and 16 lower-case hex digits");
	c->has_hash = true;
	c->scenario_hash = h;
	return 0;
}

/* the value @v (@n bytes, column @col) of key @k on @line */
static int parse_value(struct cex *c, int k, const char *v, size_t n, int line,
		       int col, bool *none, struct scn_error *err)
{
	char known[512], ex[STEP_EXCERPT];
	struct step_error se;
	int ret;

	switch (k) {
	case K_SCENARIO:
		if (!copy_val(c->scenario, sizeof(c->scenario), v, n))
			return scn__errorf(err, -E2BIG, line, col,
					   "a path longer than %d bytes",
					   (int)sizeof(c->scenario) - 1);
		c->scenario_line = line;
		c->scenario_col = col;
		return 0;
	case K_KERNEL:
		if (!copy_val(c->kernel, sizeof(c->kernel), v, n) ||
		    !variant__find_kernel(c->kernel)) {
			variant__kernel_names(known, sizeof(known));
			return scn__errorf(err, -EINVAL, line, col,
					   "unknown kernel '%s' (known: %s)",
					   step__excerpt(ex, sizeof(ex), v, n),
					   known);
		}
		return 0;
	case K_PERF:
		if (!copy_val(c->perf, sizeof(c->perf), v, n) ||
		    !variant__find_perf(c->perf)) {
			variant__perf_names(known, sizeof(known));
			return scn__errorf(err, -EINVAL, line, col,
					   "unknown perf '%s' (known: %s)",
					   step__excerpt(ex, sizeof(ex), v, n),
					   known);
		}
		return 0;
	case K_PATCH:
		return parse_patch(c, v, n, line, col, none, err);
	case K_SCENARIO_ABS:
		if (v[0] != '/')
			return scn__errorf(err, -EINVAL, line, col,
					   "'scenario-abs' is an absolute path "
					   "(it begins with '/')");
		if (!copy_val(c->scenario_abs, sizeof(c->scenario_abs), v, n))
			return scn__errorf(err, -E2BIG, line, col,
					   "a path longer than %d bytes",
					   (int)sizeof(c->scenario_abs) - 1);
		return 0;
	case K_SCENARIO_HASH:
		return parse_hash(c, v, n, line, col, err);
	case K_INVARIANT:
		if (!copy_val(c->invariant, sizeof(c->invariant), v, n) ||
		    invariant__find(c->invariant) < 0)
			return scn__errorf(err, -EINVAL, line, col,
					   "unknown invariant '%s' (auxsim "
					   "check --list-invariants lists "
					   "them)",
					   step__excerpt(ex, sizeof(ex), v, n));
		return 0;
	}
	ret = step__parse_list(v, n, c->steps, MC_MAX_DEPTH, c->step_col, &se);
	if (ret < 0) {
		if (se.token[0])
			return scn__errorf(err, ret, line, col + se.col - 1,
					   "step %d '%s': %s", se.index,
					   se.token, se.msg);
		return scn__errorf(err, ret, line, col + se.col - 1,
				   "step %d: %s", se.index, se.msg);
	}
	c->nr_steps = ret;
	c->steps_line = line;
	for (int i = 0; i < ret; i++)
		c->step_col[i] += col - 1;
	return 0;
}

/* one line of @n bytes (no newline), number @line > 1 */
static int parse_line(struct cex *c, const char *l, size_t n, int line,
		      int *seen, bool *none, struct scn_error *err)
{
	size_t k = 0, v, end = n;
	int key;

	if (!n || l[0] == '#')
		return 0;
	if (blank(l[0]))
		return scn__errorf(err, -EINVAL, line, 1,
				   "a line starting with a blank (expected "
				   "KEY VALUE)");
	while (k < n && !blank(l[k]))
		k++;
	for (key = 0; key < NR_KEYS; key++)
		if (strlen(cex_keys[key]) == k && !memcmp(l, cex_keys[key], k))
			break;
	if (key == NR_KEYS) {
		char word[STEP_EXCERPT];
		const char *near;

		step__excerpt(word, sizeof(word), l, k);
		near = suggest__closest(word, cex_keys, NR_KEYS);
		return scn__errorf(err, -EINVAL, line, 1,
				   "unknown key '%s'%s%s%s (known: scenario, "
				   "kernel, perf, patch, steps, scenario-abs, "
				   "scenario-hash, invariant)",
				   word, near ? "; did you mean '" : "",
				   near ? near : "", near ? "'?" : "");
	}
	for (v = k; v < n && blank(l[v]); v++)
		;
	while (end > v && blank(l[end - 1]))
		end--;
	if (v == end)
		return scn__errorf(err, -EINVAL, line, (int)n + 1,
				   "'%s' needs a value", cex_keys[key]);
	if (seen[key] && key != K_PATCH)
		return scn__errorf(err, -EINVAL, line, 1,
				   "a second '%s' line (the first is line %d)",
				   cex_keys[key], seen[key]);
	seen[key] = line;
	return parse_value(c, key, l + v, end - v, line, (int)v + 1, none, err);
}

int cex__parse(const char *buf, size_t len, struct cex *c,
	       struct scn_error *err)
{
	size_t at = 0, magic = strlen(CEX_MAGIC);
	size_t nomagic = strlen(CEX_NONE_MAGIC);
	int line = 0, seen[NR_KEYS] = {0}, ret;
	bool none = false;

	memset(c, 0, sizeof(*c));
	if (err)
		memset(err, 0, sizeof(*err));
	if (!len)
		return scn__errorf(err, -EINVAL, 0, 0,
				   "an empty file, not a counterexample "
				   "(auxsim check -o writes one)");
	if (len > CEX_MAX_SIZE)
		return scn__errorf(err, -E2BIG, 0, 0,
				   "larger than %d KiB: not a counterexample",
				   CEX_MAX_SIZE / 1024);
	while (at < len) {
		const char *l = buf + at, *nl = memchr(l, '\n', len - at);
		size_t n = nl ? (size_t)(nl - l) : len - at;

		line++;
		if (line == 1 && n >= nomagic &&
		    !memcmp(l, CEX_NONE_MAGIC, nomagic)) {
			c->none = true;
			magic = nomagic;
		} else if (line == 1 &&
			   (n < magic || memcmp(l, CEX_MAGIC, magic))) {
			return scn__errorf(err, -EINVAL, 1, 1,
					   "not an auxsim counterexample (the "
					   "first line must begin '" CEX_MAGIC
					   "')");
		}
		for (size_t i = 0; i < n && i <= CEX_MAX_LINE; i++) {
			unsigned char ch = (unsigned char)l[i];

			if (i == CEX_MAX_LINE)
				return scn__errorf(
					err, -E2BIG, line, (int)i + 1,
					"a line longer than %d bytes",
					CEX_MAX_LINE);
			if (!ch)
				return scn__errorf(
					err, -EINVAL, line, (int)i + 1,
					"a NUL byte: not a text file");
			if ((ch < 0x20 && ch != '\t' &&
			     !(ch == '\r' && i + 1 == n)) ||
			    ch == 0x7f)
				return scn__errorf(
					err, -EINVAL, line, (int)i + 1,
					"a control character (0x%02x)", ch);
		}
		if (!nl)
			return scn__errorf(err, -EINVAL, line, (int)n + 1,
					   "the file ends inside a line (no "
					   "newline): truncated?");
		at += n + 1;
		if (n && l[n - 1] == '\r')
			n--;
		if (line == 1) {
			copy_val(c->note, sizeof(c->note), l + magic,
				 n - magic < sizeof(c->note) - 1
					 ? n - magic
					 : sizeof(c->note) - 1);
			continue;
		}
		ret = parse_line(c, l, n, line, seen, &none, err);
		if (ret)
			return ret;
	}
	if (!seen[K_SCENARIO])
		return scn__errorf(err, -EINVAL, 0, 0,
				   "no 'scenario' line (the scenario to "
				   "replay)");
	if (c->none && seen[K_STEPS])
		return scn__errorf(err, -EINVAL, seen[K_STEPS], 1,
				   "steps in a file that says there is no "
				   "counterexample");
	if (!c->none && !seen[K_STEPS])
		return scn__errorf(err, -EINVAL, 0, 0,
				   "no 'steps' line (the steps to replay)");
	return 0;
}

int cex__load(const char *path, struct cex *c, struct scn_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = 0;
	struct stat st;
	char *buf = NULL;
	size_t len = 0;

	memset(c, 0, sizeof(*c));
	if (fd < 0 || fstat(fd, &st)) {
		ret = -errno;
		goto io;
	}
	if (S_ISDIR(st.st_mode)) {
		ret = -EISDIR;
		goto io;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return scn__errorf(err, -EINVAL, 0, 0,
				   "not a regular file, not a counterexample");
	}
	buf = malloc(CEX_MAX_SIZE + 1);
	if (!buf) {
		ret = -ENOMEM;
		goto io;
	}
	while (len <= CEX_MAX_SIZE) {
		ssize_t r = read(fd, buf + len, CEX_MAX_SIZE + 1 - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			goto io;
		}
		if (!r)
			break;
		len += (size_t)r;
	}
	close(fd);
	ret = cex__parse(buf, len, c, err);
	free(buf);
	return ret;
io:
	if (fd >= 0)
		close(fd);
	free(buf);
	return scn__errorf(err, ret, 0, 0, "%s", strerror(-ret));
}

int cex__write(FILE *f, const struct cex *c)
{
	fprintf(f, "%s%s\nscenario %s\n", c->none ? CEX_NONE_MAGIC : CEX_MAGIC,
		c->note, c->scenario);
	if (c->kernel[0])
		fprintf(f, "kernel %s\n", c->kernel);
	if (c->perf[0])
		fprintf(f, "perf %s\n", c->perf);
	if (c->patches_set && !c->nr_patches)
		fprintf(f, "patch none\n");
	for (int i = 0; i < c->nr_patches; i++)
		fprintf(f, "patch %s\n", c->patches[i]);
	if (c->none)
		return ferror(f) ? -EIO : 0;
	fprintf(f, "steps ");
	for (int i = 0; i < c->nr_steps; i++) {
		char st[64];

		step__format(st, sizeof(st), &c->steps[i]);
		fprintf(f, "%s%s", i ? "," : "", st);
	}
	fprintf(f, "\n");
	/* after the keys older files have, which keep their line numbers */
	if (c->scenario_abs[0])
		fprintf(f, "scenario-abs %s\n", c->scenario_abs);
	if (c->has_hash)
		fprintf(f, "scenario-hash " CEX_HASH_PREFIX "%016llx\n",
			(unsigned long long)c->scenario_hash);
	if (c->invariant[0])
		fprintf(f, "invariant %s\n", c->invariant);
	return ferror(f) ? -EIO : 0;
}

uint64_t cex__fnv1a64(uint64_t h, const void *p, size_t len)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

int cex__hash_file(const char *path, uint64_t *h)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	unsigned char buf[8192];
	uint64_t v = CEX_FNV1A64_BASIS;

	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = -errno;

			close(fd);
			return e;
		}
		if (!r)
			break;
		v = cex__fnv1a64(v, buf, (size_t)r);
	}
	close(fd);
	*h = v;
	return 0;
}

int cex__relpath(char *rel, size_t len, const char *from, const char *to)
{
	size_t common = 0, at = 0;
	int n;

	/* the longest common prefix of whole components */
	for (size_t i = 0;; i++) {
		bool fe = !from[i] || from[i] == '/';
		bool te = !to[i] || to[i] == '/';

		if (fe && te)
			common = i;
		if (!from[i] || !to[i] || from[i] != to[i])
			break;
	}
	if (!len)
		return -ENAMETOOLONG;
	rel[0] = '\0';
	/* one ".." for each component of @from past the common part */
	for (const char *p = from + common; *p; p++) {
		if (*p != '/' || !p[1] || p[1] == '/')
			continue;
		n = snprintf(rel + at, len - at, "../");
		if (n < 0 || (size_t)n >= len - at)
			return -ENAMETOOLONG;
		at += (size_t)n;
	}
	n = snprintf(rel + at, len - at, "%s",
		     to[common] == '/' ? to + common + 1 : to + common);
	if (n < 0 || (size_t)n >= len - at)
		return -ENAMETOOLONG;
	return 0;
}

int cex__set_scenario(struct cex *c, const char *scenario, const char *out)
{
	char dir[PATH_MAX], real_dir[PATH_MAX];
	const char *slash = strrchr(out, '/');
	int ret;

	if (!realpath(scenario, c->scenario_abs))
		return -errno;
	ret = cex__hash_file(c->scenario_abs, &c->scenario_hash);
	if (ret)
		return ret;
	c->has_hash = true;
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == out)
		snprintf(dir, sizeof(dir), "/");
	else if (snprintf(dir, sizeof(dir), "%.*s", (int)(slash - out), out) >=
		 (int)sizeof(dir))
		return -ENAMETOOLONG;
	if (!realpath(dir, real_dir) ||
	    cex__relpath(c->scenario, sizeof(c->scenario), real_dir,
			 c->scenario_abs))
		/* no relative path: the absolute one serves for both */
		snprintf(c->scenario, sizeof(c->scenario), "%s",
			 c->scenario_abs);
	return 0;
}
