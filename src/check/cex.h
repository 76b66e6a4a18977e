/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cex.h - counterexample files: what `auxsim check -o FILE` writes and
 * `auxsim replay FILE` reads back.  Text, one "KEY VALUE" a line:
 *
 *	# auxsim counterexample: warn-aux-nest: the kernel WARNed at ...
 *	scenario ../scenarios/c001-throttle-pause.scn
 *	kernel v7.1
 *	perf perf-7.1
 *	patch none
 *	steps overflow:1:1,overflow:1:1,tick:1
 *	scenario-abs /opt/auxsim/scenarios/c001-throttle-pause.scn
 *	scenario-hash fnv1a64:d1a639c09a2458de
 *	invariant warn-aux-nest
 *
 * The first line says what the file is (the rest of it is a note for a
 * person); other lines starting with '#' and blank lines are ignored.
 * `scenario` and `steps` are required, every other key is optional and
 * once, but `patch`, repeatable ("none": no patch, alone).
 *
 *  - `scenario`: the scenario's path relative to the directory of FILE (or
 *    absolute), so that a file kept next to its scenario survives a move
 *    of the tree; files from before `scenario-abs` existed hold the path
 *    as check was given it, relative to the directory it ran in;
 *  - `scenario-abs`: the same file's absolute path (symbolic links
 *    resolved), for a FILE moved away from its scenario;
 *  - `scenario-hash`: "fnv1a64:" and 16 lower-case hex digits, the 64-bit
 *    FNV-1a hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3,
 *    over each byte) of the scenario file's contents when FILE was
 *    written: replay says when the scenario changed since;
 *  - `invariant`: the ID of the violated invariant, so that replay can say
 *    whether that violation reproduces.
 * Older files without the last three replay as before.
 *
 * When check found no violation, -o writes a file that says so, so that
 * it always reflects the latest check: the first line begins
 * CEX_NONE_MAGIC (the note is check's verdict), then the scenario and
 * variants, and no `steps` line (one is an error); replay reports that
 * there is nothing to replay.
 *
 * Errors: cex__parse() returns -EINVAL (-E2BIG past a size limit) and fills
 * a struct scn_error with the 1-based line and column of the offending
 * byte (line 0 when no line is at fault: an empty file, a missing key) and
 * a message; the caller prints "FILE:LINE:COL: message" and exits 2.  The
 * parser reads exactly @len bytes (no NUL needed after them), for the
 * fuzzer.
 *
 * Invariant: cex__write() then cex__parse() gives back the same struct cex,
 * but for the positions (tests/t0013-steps-cex.c).
 */
#ifndef AUXSIM_CEX_H
#define AUXSIM_CEX_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check/check.h"
#include "scenario/scenario.h"
#include "check/step.h"

#define CEX_MAGIC "# auxsim counterexample"
#define CEX_NONE_MAGIC "# auxsim no counterexample"
#define CEX_MAX_SIZE (64 * 1024) /* bytes in a file */
#define CEX_MAX_LINE 8192	 /* bytes in a line, without its newline */

struct cex {
	char note[256]; /* the first line after CEX_MAGIC, e.g. ": inv (...)" */
	bool none;	/* CEX_NONE_MAGIC: no violation found, no steps */
	char scenario[PATH_MAX];     /* relative to the file's directory */
	char scenario_abs[PATH_MAX]; /* "" when the file has none */
	bool has_hash;
	uint64_t scenario_hash; /* cex__fnv1a64() of the scenario's bytes */
	char invariant[48];	/* the violated invariant's ID; "" when none */
	char kernel[SCN_NAME_LEN]; /* "" when the file has none */
	char perf[SCN_NAME_LEN];
	char patches[SCN_MAX_PATCHES][SCN_NAME_LEN];
	int nr_patches;
	bool patches_set; /* a `patch` line: replaces the scenario's */
	struct step steps[MC_MAX_DEPTH];
	int nr_steps;
	/* where things are, for errors found later against the scenario */
	int scenario_line, scenario_col;
	int steps_line;
	int step_col[MC_MAX_DEPTH]; /* each step's column on steps_line */
};

/* parse @len bytes of @buf: 0, or -EINVAL/-E2BIG with @err filled */
int cex__parse(const char *buf, size_t len, struct cex *cex,
	       struct scn_error *err);
/* read @path and parse it; I/O errors give -errno and an @err with line 0
 * (a directory: -EISDIR) */
int cex__load(const char *path, struct cex *cex, struct scn_error *err);
/* write @cex in the format above: 0, or -EIO */
int cex__write(FILE *f, const struct cex *cex);

#define CEX_FNV1A64_BASIS 0xcbf29ce484222325ULL
/* FNV-1a 64 of @len bytes at @p, from @h (CEX_FNV1A64_BASIS to start) */
uint64_t cex__fnv1a64(uint64_t h, const void *p, size_t len);
/* cex__fnv1a64() of the file @path's contents: 0 or -errno */
int cex__hash_file(const char *path, uint64_t *h);

/*
 * The scenario keys of a file to be written at @out, for the scenario file
 * @scenario (an existing file): @cex->scenario relative to @out's
 * directory, @cex->scenario_abs, @cex->scenario_hash.  Symbolic links are
 * resolved in both.  0, or -errno (-ENAMETOOLONG: a path too long).
 */
int cex__set_scenario(struct cex *cex, const char *scenario, const char *out);

/* @rel (of @len bytes at most) is the path of @to relative to the
 * directory @from, both absolute and canonical: 0, or -ENAMETOOLONG */
int cex__relpath(char *rel, size_t len, const char *from, const char *to);

#endif /* AUXSIM_CEX_H */
