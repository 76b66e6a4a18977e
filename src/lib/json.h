/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json.h - a small streaming JSON writer (the shape of bpftool's
 * json_writer.c, written anew): no allocation, keys in call order, so the
 * output is deterministic.
 *
 * Invariants: every jw_open_* is matched by its jw_close_*; a key is given
 * inside objects and NULL inside arrays; depth stays below JW_MAX_DEPTH.
 */
#ifndef AUXSIM_JSON_H
#define AUXSIM_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JW_MAX_DEPTH 16

struct json_writer {
	FILE *f;
	int depth;
	bool first[JW_MAX_DEPTH];
};

void jw_init(struct json_writer *jw, FILE *f);
void jw_open_object(struct json_writer *jw, const char *key);
void jw_close_object(struct json_writer *jw);
void jw_open_array(struct json_writer *jw, const char *key);
void jw_close_array(struct json_writer *jw);
void jw_string(struct json_writer *jw, const char *key, const char *val);
void jw_u64(struct json_writer *jw, const char *key, uint64_t val);
void jw_int(struct json_writer *jw, const char *key, long long val);
void jw_bool(struct json_writer *jw, const char *key, bool val);
/* a number with @decimals fixed decimals (captured_mb) */
void jw_fixed(struct json_writer *jw, const char *key, double val,
	      int decimals);
void jw_null(struct json_writer *jw, const char *key);

#endif /* AUXSIM_JSON_H */
