/* SPDX-License-Identifier: GPL-2.0 */
/*
 * perf/trace-event-info.h - the tracing data perf record puts in the
 * HEADER_TRACING_DATA feature section when the evlist has tracepoint
 * evsels (tools/perf/util/trace-event-info.c writes it,
 * trace-event-read.c reads it), and the model's table of tracepoints: the
 * format files the modelled kernel shows under /sys/kernel/tracing/events.
 *
 * Invariants:
 *  - the bytes depend only on the tracepoints asked for, in that order:
 *    nothing is read from the host;
 *  - a tracepoint's ID is its attr.config in the perf.data (perf finds the
 *    format of a PERF_TYPE_TRACEPOINT evsel by attr.config).
 */
#ifndef AUXSIM_PERF_TRACE_EVENT_INFO_H
#define AUXSIM_PERF_TRACE_EVENT_INFO_H

#include <stddef.h>
#include <stdint.h>

/* one "\tfield:..." line of a format file */
struct tp_field {
	const char *decl; /* type and name, e.g. "char prev_comm[16]" */
	unsigned int offset, size;
	int is_signed;
};

/* events/SYSTEM/NAME: its id and format files */
struct tracepoint_def {
	const char *system, *name;
	uint64_t id;
	const struct tp_field *fields; /* the event's own, after the common */
	int nr_fields;
	const char *print_fmt;
};

/* the tracepoint named "SYSTEM:NAME", or NULL if the model has none */
const struct tracepoint_def *tracepoint__find(const char *sys_name);

/*
 * The HEADER_TRACING_DATA body for tracepoints @tps[0..@n) (duplicates
 * written once), as perf's tracing_data_get() writes it: a malloc'd
 * buffer, its size in *@len; NULL when out of memory.
 */
uint8_t *tracing_data_get(const struct tracepoint_def *const *tps, int n,
			  size_t *len);

#endif /* AUXSIM_PERF_TRACE_EVENT_INFO_H */
