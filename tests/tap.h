/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h - a small TAP producer for the C tests (git's t/ and kselftest.h
 * style).  Each test binary prints "TAP version 13", one "ok N - text" or
 * "not ok N - text" per assertion, diagnostics as "# ...", and the plan
 * "1..N" at the end; it exits 1 if any assertion failed.  Run under prove.
 *
 * Never print a line starting with "ok" or "not ok" from a test yourself.
 */
#ifndef AUXSIM_TAP_H
#define AUXSIM_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap__n, tap__failed;

__attribute__((format(printf, 2, 3))) static int ok(int cond,
						    const char *fmt, ...)
{
	va_list ap;

	if (!tap__n++) {
		setvbuf(stdout, NULL, _IOLBF, 0);
		printf("TAP version 13\n");
	}
	printf("%sok %d - ", cond ? "" : "not ", tap__n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap__failed++;
	return cond;
}

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#define is_int(got, want, ...)                                              \
	do {                                                                \
		long long g__ = (long long)(got), w__ = (long long)(want);  \
		if (!ok(g__ == w__, __VA_ARGS__))                           \
			diag("  %s:%d: got %lld, want %lld (%s)", __FILE__, \
			     __LINE__, g__, w__, #got);                     \
	} while (0)

#define is_u64(got, want, ...)                                             \
	do {                                                               \
		uint64_t g__ = (uint64_t)(got), w__ = (uint64_t)(want);    \
		if (!ok(g__ == w__, __VA_ARGS__))                          \
			diag("  %s:%d: got %#" PRIx64 ", want %#" PRIx64   \
			     " (%s)",                                      \
			     __FILE__, __LINE__, g__, w__, #got);          \
	} while (0)

#define is_str(got, want, ...)                                              \
	do {                                                                \
		const char *g__ = (got), *w__ = (want);                     \
		if (!ok(g__ && w__ && !strcmp(g__, w__), __VA_ARGS__))      \
			diag("  %s:%d: got \"%s\", want \"%s\"", __FILE__,  \
			     __LINE__, g__ ? g__ : "(null)",                \
			     w__ ? w__ : "(null)");                         \
	} while (0)

static int done_testing(void)
{
	if (!tap__n)
		printf("TAP version 13\n");
	printf("1..%d\n", tap__n);
	if (tap__failed)
		printf("# failed %d of %d\n", tap__failed, tap__n);
	return tap__failed ? 1 : 0;
}

#endif /* AUXSIM_TAP_H */
