// SPDX-License-Identifier: GPL-2.0
/*
 * json.c - the streaming JSON writer (json.h).  Output is indented by two
 * spaces per level, one member per line.
 */
#include "lib/json.h"

void jw_init(struct json_writer *jw, FILE *f)
{
	jw->f = f;
	jw->depth = 0;
	jw->first[0] = true;
}

static void jw_indent(struct json_writer *jw)
{
	for (int i = 0; i < jw->depth; i++)
		fputs("  ", jw->f);
}

static void jw_puts_escaped(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

/* separator, newline, indentation and the key */
static void jw_member(struct json_writer *jw, const char *key)
{
	if (jw->depth) {
		if (!jw->first[jw->depth])
			fputc(',', jw->f);
		fputc('\n', jw->f);
		jw_indent(jw);
	}
	jw->first[jw->depth] = false;
	if (key) {
		jw_puts_escaped(jw->f, key);
		fputs(": ", jw->f);
	}
}

static void jw_open(struct json_writer *jw, const char *key, char c)
{
	jw_member(jw, key);
	fputc(c, jw->f);
	if (jw->depth + 1 < JW_MAX_DEPTH)
		jw->depth++;
	jw->first[jw->depth] = true;
}

static void jw_close(struct json_writer *jw, char c)
{
	bool empty = jw->first[jw->depth];

	if (jw->depth)
		jw->depth--;
	if (!empty) {
		fputc('\n', jw->f);
		jw_indent(jw);
	}
	fputc(c, jw->f);
	if (!jw->depth)
		fputc('\n', jw->f);
}

void jw_open_object(struct json_writer *jw, const char *key)
{
	jw_open(jw, key, '{');
}

void jw_close_object(struct json_writer *jw)
{
	jw_close(jw, '}');
}

void jw_open_array(struct json_writer *jw, const char *key)
{
	jw_open(jw, key, '[');
}

void jw_close_array(struct json_writer *jw)
{
	jw_close(jw, ']');
}

void jw_string(struct json_writer *jw, const char *key, const char *val)
{
	jw_member(jw, key);
	jw_puts_escaped(jw->f, val ? val : "");
}

void jw_u64(struct json_writer *jw, const char *key, uint64_t val)
{
	jw_member(jw, key);
	fprintf(jw->f, "%llu", (unsigned long long)val);
}

void jw_int(struct json_writer *jw, const char *key, long long val)
{
	jw_member(jw, key);
	fprintf(jw->f, "%lld", val);
}

void jw_bool(struct json_writer *jw, const char *key, bool val)
{
	jw_member(jw, key);
	fputs(val ? "true" : "false", jw->f);
}

void jw_fixed(struct json_writer *jw, const char *key, double val,
	      int decimals)
{
	jw_member(jw, key);
	fprintf(jw->f, "%.*f", decimals, val);
}

void jw_null(struct json_writer *jw, const char *key)
{
	jw_member(jw, key);
	fputs("null", jw->f);
}
