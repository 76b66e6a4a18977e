// SPDX-License-Identifier: GPL-2.0
/*
 * perf/trace-event-info.c - the tracing data of HEADER_TRACING_DATA
 * (trace-event-info.h), as perf record writes it for an evlist with
 * tracepoint evsels (tools/perf/util/header.c write_tracing_data() ->
 * trace-event-info.c read_tracing_data()) and perf report reads it back
 * (trace-event-read.c trace_report(), libtraceevent's
 * tep_parse_header_page() and tep_parse_event()).
 *
 * Layout, in the byte order of the traced machine (little-endian):
 *
 *   "\027\010\104tracing" "0.6\0"	magic and version
 *   u8 big-endian?, u8 sizeof(long), u32 page size
 *   "header_page\0"  u64 size, events/header_page text
 *   "header_event\0" u64 size, events/header_event text
 *   u32 nr ftrace formats, each u64 size + text	(none here)
 *   u32 nr systems, each "SYS\0", u32 nr events, each u64 size + format
 *   u32 size + /proc/kallsyms		(0: perf no longer copies it)
 *   u32 size + printk_formats		(0: no trace_printk formats)
 *   u64 size + saved_cmdlines		(0: version 0.6 has the field)
 *
 * Every text is what the modelled kernel (arm64, 64-bit, 4 KiB pages,
 * v6.x / v7.x) prints in /sys/kernel/tracing, made here from the model's
 * table: nothing is read from the host.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bytebuf.h"
#include "tools/perf/util/trace-event-info.h"

#define TRACING_PAGE_SIZE 4096 /* arm64 with 4 KiB pages */
#define TRACING_LONG_SIZE 8 /* sizeof(long), LP64 */

/* ---- the model's tracepoints ---- */

/*
 * include/trace/events/sched.h TRACE_EVENT(sched_switch): its
 * TP_STRUCT__entry() laid out after the 8 bytes of common fields.  char
 * is unsigned on arm64 (and on every arch since v6.2's -funsigned-char):
 * "signed:0" for the comms.
 */
static const struct tp_field sched_switch_fields[] = {
	{ "char prev_comm[16]", 8, 16, 0 },
	{ "pid_t prev_pid", 24, 4, 1 },
	{ "int prev_prio", 28, 4, 1 },
	{ "long prev_state", 32, 8, 1 },
	{ "char next_comm[16]", 40, 16, 0 },
	{ "pid_t next_pid", 56, 4, 1 },
	{ "int next_prio", 60, 4, 1 },
};

/*
 * Its TP_printk() as the format file shows it: __entry is REC, and the
 * task-state macros are expanded (TASK_REPORT is the OR of the states up
 * to TASK_PARKED, TASK_REPORT_MAX is (TASK_REPORT + 1) << 1).
 */
#define TASK_REPORT_TEXT                                                    \
	"(0x00000000 | 0x00000001 | 0x00000002 | 0x00000004 | 0x00000008 | " \
	"0x00000010 | 0x00000020 | 0x00000040)"
#define TASK_REPORT_MAX_TEXT "((" TASK_REPORT_TEXT " + 1) << 1)"
#define TASK_STATE_MASK_TEXT "(" TASK_REPORT_MAX_TEXT " - 1)"

static const char sched_switch_print_fmt[] =
	"\"prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s%s ==> "
	"next_comm=%s next_pid=%d next_prio=%d\", "
	"REC->prev_comm, REC->prev_pid, REC->prev_prio, "
	"(REC->prev_state & " TASK_STATE_MASK_TEXT ") ? "
	"__print_flags(REC->prev_state & " TASK_STATE_MASK_TEXT ", \"|\", "
	"{ 0x00000001, \"S\" }, { 0x00000002, \"D\" }, "
	"{ 0x00000004, \"T\" }, { 0x00000008, \"t\" }, "
	"{ 0x00000010, \"X\" }, { 0x00000020, \"Z\" }, "
	"{ 0x00000040, \"P\" }, { 0x00000080, \"I\" }) : \"R\", "
	"REC->prev_state & " TASK_REPORT_MAX_TEXT " ? \"+\" : \"\", "
	"REC->next_comm, REC->next_pid, REC->next_prio";

/*
 * The ID is the number the kernel gave the event when it registered it
 * (events/sched/sched_switch/id): it depends on the kernel's config; the
 * model fixes one, and perf record opens the event with it as attr.config.
 */
static const struct tracepoint_def tracepoints[] = {
	{
		.system = "sched",
		.name = "sched_switch",
		.id = 316,
		.fields = sched_switch_fields,
		.nr_fields = sizeof(sched_switch_fields) /
			     sizeof(sched_switch_fields[0]),
		.print_fmt = sched_switch_print_fmt,
	},
};

#define NR_TRACEPOINTS ((int)(sizeof(tracepoints) / sizeof(tracepoints[0])))

const struct tracepoint_def *tracepoint__find(const char *sys_name)
{
	const char *colon = sys_name ? strchr(sys_name, ':') : NULL;

	if (!colon)
		return NULL;
	for (int i = 0; i < NR_TRACEPOINTS; i++) {
		const struct tracepoint_def *tp = &tracepoints[i];
		size_t n = strlen(tp->system);

		if ((size_t)(colon - sys_name) == n &&
		    !memcmp(sys_name, tp->system, n) &&
		    !strcmp(colon + 1, tp->name))
			return tp;
	}
	return NULL;
}

/* ---- the output ---- */

static void tb_printf(struct bytebuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void tb_printf(struct bytebuf *b, const char *fmt, ...)
{
	char small[256], *s = small;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if ((size_t)n >= sizeof(small)) {
		s = malloc((size_t)n + 1);
		if (!s) {
			b->oom = 1;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	bytebuf__add(b, s, (size_t)n);
	if (s != small)
		free(s);
}

/* a text with a @hdr-byte size before it (perf's record_file()) */
static void tb_file(struct bytebuf *b, const struct bytebuf *text, int hdr)
{
	if (text->oom)
		b->oom = 1;
	bytebuf__le(b, text->len, hdr);
	bytebuf__add(b, text->p, text->len);
}

/* ---- the kernel's texts ---- */

/*
 * events/header_page: kernel/trace/ring_buffer.c
 * ring_buffer_print_page_header(): struct buffer_data_page, a u64
 * time_stamp and a local_t commit before the data, which fills the rest
 * of the (sub-buffer) page.
 */
static void header_page_text(struct bytebuf *t)
{
	tb_printf(t, "\tfield: u64 timestamp;\t"
		     "offset:0;\tsize:8;\tsigned:0;\n");
	tb_printf(t, "\tfield: local_t commit;\t"
		     "offset:8;\tsize:%d;\tsigned:1;\n",
		  TRACING_LONG_SIZE);
	tb_printf(t, "\tfield: int overwrite;\t"
		     "offset:8;\tsize:1;\tsigned:1;\n");
	tb_printf(t, "\tfield: char data;\toffset:%d;\tsize:%d;\tsigned:0;\n",
		  8 + TRACING_LONG_SIZE,
		  TRACING_PAGE_SIZE - 8 - TRACING_LONG_SIZE);
}

/*
 * events/header_event: kernel/trace/ring_buffer.c
 * ring_buffer_print_entry_header(): the compressed event header and the
 * RINGBUF_TYPE_* values (padding 29, time extend 30, absolute time stamp
 * 31, data up to type_len 28).  perf skips it.
 */
static void header_event_text(struct bytebuf *t)
{
	tb_printf(t, "# compressed entry header\n");
	tb_printf(t, "\ttype_len    :    5 bits\n");
	tb_printf(t, "\ttime_delta  :   27 bits\n");
	tb_printf(t, "\tarray       :   32 bits\n");
	tb_printf(t, "\n");
	tb_printf(t, "\tpadding     : type == %d\n", 29);
	tb_printf(t, "\ttime_extend : type == %d\n", 30);
	tb_printf(t, "\ttime_stamp : type == %d\n", 31);
	tb_printf(t, "\tdata max type_len  == %d\n", 28);
}

static void field_line(struct bytebuf *t, const struct tp_field *f)
{
	tb_printf(t, "\tfield:%s;\toffset:%u;\tsize:%u;\tsigned:%d;\n", f->decl,
		  f->offset, f->size, f->is_signed);
}

/* trace_entry's fields, common to every event (include/linux/trace_events.h) */
static const struct tp_field common_fields[] = {
	{ "unsigned short common_type", 0, 2, 0 },
	{ "unsigned char common_flags", 2, 1, 0 },
	{ "unsigned char common_preempt_count", 3, 1, 0 },
	{ "int common_pid", 4, 4, 1 },
};

/*
 * events/SYSTEM/NAME/format: kernel/trace/trace_events.c f_show(): the
 * name, the ID, the common fields, a blank line, the event's fields, a
 * blank line and the print format.
 */
static void event_format_text(struct bytebuf *t, const struct tracepoint_def *tp)
{
	tb_printf(t, "name: %s\n", tp->name);
	tb_printf(t, "ID: %llu\n", (unsigned long long)tp->id);
	tb_printf(t, "format:\n");
	for (size_t i = 0; i < sizeof(common_fields) / sizeof(common_fields[0]);
	     i++)
		field_line(t, &common_fields[i]);
	tb_printf(t, "\n");
	for (int i = 0; i < tp->nr_fields; i++)
		field_line(t, &tp->fields[i]);
	tb_printf(t, "\nprint fmt: %s\n", tp->print_fmt);
}

/* ---- perf's writer, tools/perf/util/trace-event-info.c ---- */

/* tracing_data_header(): magic, version, endianness, long and page size */
static void tracing_data_header(struct bytebuf *b)
{
	static const uint8_t magic[] = { 23, 8, 68 };

	bytebuf__add(b, magic, sizeof(magic));
	bytebuf__add(b, "tracing", 7);
	bytebuf__add(b, "0.6", 4); /* VERSION, with its NUL */
	bytebuf__le(b, 0, 1); /* little-endian */
	bytebuf__le(b, TRACING_LONG_SIZE, 1);
	bytebuf__le(b, TRACING_PAGE_SIZE, 4);
}

/* record_header_files(): header_page and header_event, u64 sizes */
static void record_header_files(struct bytebuf *b)
{
	struct bytebuf t = { 0 };

	bytebuf__add(b, "header_page", 12);
	header_page_text(&t);
	tb_file(b, &t, 8);
	t.len = 0;
	bytebuf__add(b, "header_event", 13);
	header_event_text(&t);
	tb_file(b, &t, 8);
	bytebuf__release(&t);
}

/* is @tps[@i] a duplicate of an earlier one? */
static int seen(const struct tracepoint_def *const *tps, int i)
{
	for (int j = 0; j < i; j++)
		if (tps[j] == tps[i])
			return 1;
	return 0;
}

/* is @tps[@i]'s system that of an earlier one? */
static int system_seen(const struct tracepoint_def *const *tps, int i)
{
	for (int j = 0; j < i; j++)
		if (!strcmp(tps[j]->system, tps[i]->system))
			return 1;
	return 0;
}

/*
 * record_event_files() and copy_event_system(): the systems of the
 * tracepoints (not "ftrace"), each with the format files of its
 * tracepoints in the evlist.  perf goes in readdir() order; the model in
 * evlist order, so that the bytes are the same every time.
 */
static void record_event_files(struct bytebuf *b,
			       const struct tracepoint_def *const *tps, int n)
{
	struct bytebuf t = { 0 };
	uint32_t nsys = 0;

	for (int i = 0; i < n; i++)
		nsys += !system_seen(tps, i);
	bytebuf__le(b, nsys, 4);
	for (int i = 0; i < n; i++) {
		uint32_t count = 0;

		if (system_seen(tps, i))
			continue;
		bytebuf__add(b, tps[i]->system, strlen(tps[i]->system) + 1);
		for (int j = i; j < n; j++)
			count += !seen(tps, j) &&
				 !strcmp(tps[j]->system, tps[i]->system);
		bytebuf__le(b, count, 4);
		for (int j = i; j < n; j++) {
			if (seen(tps, j) ||
			    strcmp(tps[j]->system, tps[i]->system))
				continue;
			t.len = 0;
			event_format_text(&t, tps[j]);
			tb_file(b, &t, 8);
		}
	}
	bytebuf__release(&t);
}

uint8_t *tracing_data_get(const struct tracepoint_def *const *tps, int n,
			  size_t *len)
{
	struct bytebuf b = { 0 };

	tracing_data_header(&b);
	record_header_files(&b);
	/* record_ftrace_files(): events/ftrace formats of the evlist's
	 * tracepoints: none is an ftrace event */
	bytebuf__le(&b, 0, 4);
	record_event_files(&b, tps, n);
	/* record_proc_kallsyms(): a zero size: perf no longer copies
	 * /proc/kallsyms here (it resolves kernel symbols itself) */
	bytebuf__le(&b, 0, 4);
	/* record_ftrace_printk(): no trace_printk() formats */
	bytebuf__le(&b, 0, 4);
	/* record_saved_cmdline(): empty, as where ftrace recorded no comms
	 * (perf's own tracepoint use does not record them) */
	bytebuf__le(&b, 0, 8);
	if (b.oom) {
		free(b.p);
		*len = 0;
		return NULL;
	}
	*len = b.len;
	return b.p;
}
