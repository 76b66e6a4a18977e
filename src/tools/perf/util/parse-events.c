// SPDX-License-Identifier: GPL-2.0
/*
 * parse-events.c - the `perf record -e` event string of a scenario.
 *
 * A hand-written subset of tools/perf/util/parse-events.y and
 * parse-events.l with the checks of tools/perf/util/pmu.c
 * (pmu_config_term(): "unknown term", "value too big for format") and
 * parse-events.c (parse_events_add_pmu(): "Cannot find PMU", and the
 * u/k/h modifier rules of get_event_modifier()):
 *
 *   events   := item (',' item)*
 *   item     := event | '{' event (',' event)* '}' [':' mods]
 *   event    := NAME ['/' [term (',' term)*] '/' [[':'] mods]]
 *             | NAME ':' mods
 *   term     := '@' SINK | TERM ['=' VALUE]
 *   mods     := [ukhp]+
 *
 * The PMUs and their format terms are the ones of the modelled machines
 * (drivers/hwtracing/coresight/coresight-etm-perf.c, drivers/perf/
 * arm_spe_pmu.c) plus intel_pt, whose terms are not checked.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "scenario/scenario.h"

enum term_kind {
	TERM_NUM, /* decimal or 0x hex u64, at most @bits wide */
	TERM_STR, /* any value, required */
	TERM_AUX_ACTION, /* pause, resume, start-paused */
	TERM_CALL_GRAPH, /* fp, dwarf, lbr, no */
};

struct term_def {
	const char *name;
	enum term_kind kind;
	int bits; /* width of the format field, 64 for a whole config word */
};

/* tools/perf/util/parse-events.c config_term_names[] (a subset). */
static const struct term_def generic_terms[] = {
	{ "config", TERM_NUM, 64 },
	{ "config1", TERM_NUM, 64 },
	{ "config2", TERM_NUM, 64 },
	{ "config3", TERM_NUM, 64 },
	{ "period", TERM_NUM, 64 },
	{ "freq", TERM_NUM, 64 },
	{ "time", TERM_NUM, 64 },
	{ "call-graph", TERM_CALL_GRAPH, 0 },
	{ "stack-size", TERM_NUM, 64 },
	{ "inherit", TERM_NUM, 64 },
	{ "no-inherit", TERM_NUM, 64 },
	{ "overwrite", TERM_NUM, 64 },
	{ "no-overwrite", TERM_NUM, 64 },
	{ "name", TERM_STR, 0 },
	{ "percore", TERM_NUM, 64 },
	{ "aux-output", TERM_NUM, 64 },
	{ "aux-action", TERM_AUX_ACTION, 0 },
	{ "aux-sample-size", TERM_NUM, 64 },
	{ 0 },
};

/* /sys/bus/event_source/devices/cs_etm/format/ */
static const struct term_def cs_etm_terms[] = {
	{ "cycacc", TERM_NUM, 1 }, /* config:12 */
	{ "contextid", TERM_NUM, 1 }, /* config:14 */
	{ "contextid1", TERM_NUM, 1 }, /* config:14 */
	{ "contextid2", TERM_NUM, 1 }, /* config:17 */
	{ "timestamp", TERM_NUM, 1 }, /* config:28 */
	{ "retstack", TERM_NUM, 1 }, /* config:29 */
	{ "branch_broadcast", TERM_NUM, 1 }, /* config:8 */
	{ "preset", TERM_NUM, 4 }, /* config:0-3 */
	{ "sinkid", TERM_NUM, 32 }, /* config2:0-31 */
	{ "configid", TERM_NUM, 32 }, /* config2:32-63 */
	{ "cc_threshold", TERM_NUM, 12 }, /* config3:0-11 */
	{ 0 },
};

/* /sys/bus/event_source/devices/arm_spe_0/format/ */
static const struct term_def arm_spe_terms[] = {
	{ "ts_enable", TERM_NUM, 1 }, /* config:0 */
	{ "pa_enable", TERM_NUM, 1 }, /* config:1 */
	{ "pct_enable", TERM_NUM, 1 }, /* config:2 */
	{ "jitter", TERM_NUM, 1 }, /* config:16 */
	{ "branch_filter", TERM_NUM, 1 }, /* config:32 */
	{ "load_filter", TERM_NUM, 1 }, /* config:33 */
	{ "store_filter", TERM_NUM, 1 }, /* config:34 */
	{ "event_filter", TERM_NUM, 64 }, /* config1:0-63 */
	{ "min_latency", TERM_NUM, 12 }, /* config2:0-11 */
	{ 0 },
};

struct pmu_def {
	const char *name;
	const struct term_def *terms; /* NULL: any term is accepted */
	bool sink; /* accepts @sink */
};

static const struct pmu_def pmus[] = {
	{ "cs_etm", cs_etm_terms, true },
	{ "arm_spe", arm_spe_terms, false },
	{ "arm_spe_0", arm_spe_terms, false },
	{ "intel_pt", NULL, false },
	{ 0 },
};

/* tools/perf/util/parse-events.c event_symbols_hw[] and _sw[]. */
static const char *const legacy_events[] = {
	"cpu-cycles", "cycles", "instructions", "cache-references",
	"cache-misses", "branch-instructions", "branches", "branch-misses",
	"bus-cycles", "stalled-cycles-frontend", "idle-cycles-frontend",
	"stalled-cycles-backend", "idle-cycles-backend", "ref-cycles",
	"cpu-clock", "task-clock", "page-faults", "faults", "minor-faults",
	"major-faults", "context-switches", "cs", "cpu-migrations",
	"migrations", "alignment-faults", "emulation-faults", "dummy",
	"bpf-output", "cgroup-switches", NULL,
};

struct pe_state {
	struct scn_record *rec;
	const char *s;
	size_t i;
	int line, col0;
	struct scn_error *err;
};

#define pe_err(st, ret, idx, ...) \
	scn__errorf((st)->err, ret, (st)->line, (st)->col0 + (int)(idx), \
		    __VA_ARGS__)

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool span_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && !memcmp(s, word, n);
}

static const struct pmu_def *find_pmu(const char *s, size_t n)
{
	for (const struct pmu_def *p = pmus; p->name; p++)
		if (span_is(s, n, p->name))
			return p;
	return NULL;
}

static bool is_legacy(const char *s, size_t n)
{
	for (const char *const *l = legacy_events; *l; l++)
		if (span_is(s, n, *l))
			return true;
	return false;
}

static const struct term_def *find_term(const struct term_def *t,
					const char *s, size_t n)
{
	for (; t && t->name; t++)
		if (span_is(s, n, t->name))
			return t;
	return NULL;
}

/* Decimal or 0x hex, as parse-events.l's num_dec and num_hex. */
static int parse_num(const char *s, size_t n, uint64_t *val)
{
	uint64_t v = 0;
	unsigned int base = 10;
	size_t i = 0;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == n)
		return -EINVAL;
	for (; i < n; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		if (v > (UINT64_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*val = v;
	return 0;
}

static void append_term_names(char *buf, size_t len, const struct term_def *t)
{
	size_t off = 0;

	buf[0] = '\0';
	for (const struct term_def *first = t; t->name && off < len; t++) {
		int n = snprintf(buf + off, len - off, "%s%s",
				 t == first ? "" : ",", t->name);

		if (n < 0)
			break;
		off += n;
	}
}

/* pmu.c pmu_config_term() and parse-events.c config_term_common(). */
static int check_term(struct pe_state *st, struct scn_event *ev,
		      const struct pmu_def *pmu, size_t name_at,
		      size_t name_len, size_t val_at, size_t val_len,
		      bool bare)
{
	const char *name = st->s + name_at, *val = st->s + val_at;
	const struct term_def *t = find_term(generic_terms, name, name_len);
	char valid[200];
	uint64_t v;
	int ret;

	if (!t && pmu)
		t = find_term(pmu->terms, name, name_len);
	if (!t && pmu && !pmu->terms) {
		/* intel_pt: any format term; the kernel checks it. */
		if (!bare && !val_len)
			return pe_err(st, -EINVAL, val_at,
				      "missing value for term '%.*s'",
				      (int)name_len, name);
		return 0;
	}
	if (!t) {
		valid[0] = '\0';
		if (pmu)
			append_term_names(valid, sizeof(valid), pmu->terms);
		return pe_err(st, -EINVAL, name_at,
			      "unknown term '%.*s' for pmu '%s'%s%s%s",
			      (int)name_len, name, ev->pmu,
			      valid[0] ? " (valid terms: " : "", valid,
			      valid[0] ? ", and the generic ones)" : "");
	}
	if (bare && t->kind != TERM_NUM)
		return pe_err(st, -EINVAL, name_at,
			      "term '%s' requires a value", t->name);
	if (bare)
		return 0; /* "1" */
	if (!val_len)
		return pe_err(st, -EINVAL, val_at,
			      "missing value for term '%s'", t->name);

	switch (t->kind) {
	case TERM_NUM:
		ret = parse_num(val, val_len, &v);
		if (ret == -ERANGE)
			return pe_err(st, -EINVAL, val_at,
				      "value '%.*s' of term '%s' does not fit in a u64",
				      (int)val_len, val, t->name);
		if (ret)
			return pe_err(st, -EINVAL, val_at,
				      "expected numeric value for term '%s', got '%.*s'",
				      t->name, (int)val_len, val);
		if (t->bits < 64 && v >> t->bits)
			return pe_err(st, -EINVAL, val_at,
				      "value too big for format (%s), maximum is %llu",
				      t->name, (1ull << t->bits) - 1);
		break;
	case TERM_AUX_ACTION:
		if (!span_is(val, val_len, "pause") &&
		    !span_is(val, val_len, "resume") &&
		    !span_is(val, val_len, "start-paused"))
			return pe_err(st, -EINVAL, val_at,
				      "unknown aux-action '%.*s' (pause, resume or start-paused)",
				      (int)val_len, val);
		break;
	case TERM_CALL_GRAPH:
		if (!span_is(val, val_len, "fp") &&
		    !span_is(val, val_len, "dwarf") &&
		    !span_is(val, val_len, "lbr") &&
		    !span_is(val, val_len, "no"))
			return pe_err(st, -EINVAL, val_at,
				      "unknown call-graph mode '%.*s' (fp, dwarf, lbr or no)",
				      (int)val_len, val);
		break;
	case TERM_STR:
		break;
	}
	return 0;
}

static int add_term(struct pe_state *st, struct scn_event *ev, size_t at,
		    const char *name, size_t name_len, const char *val,
		    size_t val_len)
{
	struct scn_term *t;

	if (ev->nr_terms >= SCN_MAX_TERMS)
		return pe_err(st, -E2BIG, at, "too many terms (max %d)",
			      SCN_MAX_TERMS);
	if (name_len >= sizeof(t->name))
		return pe_err(st, -E2BIG, at,
			      "term name longer than %zu characters",
			      sizeof(t->name) - 1);
	if (val_len >= sizeof(t->val))
		return pe_err(st, -E2BIG, at,
			      "value of term '%.*s' longer than %zu characters",
			      (int)name_len, name, sizeof(t->val) - 1);
	t = &ev->terms[ev->nr_terms++];
	t->col = st->col0 + (int)at;
	memcpy(t->name, name, name_len);
	t->name[name_len] = '\0';
	memcpy(t->val, val, val_len);
	t->val[val_len] = '\0';
	return 0;
}

/* '/' already consumed; consumes the closing '/'. */
static int parse_terms(struct pe_state *st, struct scn_event *ev,
		       const struct pmu_def *pmu)
{
	const char *s = st->s;
	size_t open = st->i - 1;
	int ret;

	if (s[st->i] == '/') {
		st->i++;
		return 0;
	}
	for (;;) {
		size_t at = st->i, name_len, val_at, val_len;
		bool bare = false;

		if (s[at] == '@') {
			size_t n;

			st->i++;
			while (is_name_char(s[st->i]) || s[st->i] == '.')
				st->i++;
			n = st->i - at - 1;
			if (!n)
				return pe_err(st, -EINVAL, st->i,
					      "event syntax error: expected a sink name after '@'");
			if (!pmu || !pmu->sink)
				return pe_err(st, -EINVAL, at,
					      "sink selection '@%.*s' is only valid for cs_etm, not '%s'",
					      (int)n, s + at + 1, ev->pmu);
			if (ev->sink[0])
				return pe_err(st, -EINVAL, at,
					      "sink already selected ('@%s')",
					      ev->sink);
			if (n >= sizeof(ev->sink))
				return pe_err(st, -E2BIG, at,
					      "sink name longer than %zu characters",
					      sizeof(ev->sink) - 1);
			memcpy(ev->sink, s + at + 1, n);
			ev->sink[n] = '\0';
		} else {
			if (!is_alpha(s[at]) && s[at] != '_') {
				if (!s[at])
					goto unterminated;
				return pe_err(st, -EINVAL, at,
					      "event syntax error: expected a term, got '%c'",
					      s[at]);
			}
			while (is_name_char(s[st->i]))
				st->i++;
			name_len = st->i - at;
			if (s[st->i] == '=') {
				st->i++;
				val_at = st->i;
				while (s[st->i] && s[st->i] != ',' &&
				       s[st->i] != '/')
					st->i++;
				val_len = st->i - val_at;
			} else {
				val_at = st->i;
				val_len = 1;
				bare = true;
			}
			ret = check_term(st, ev, pmu, at, name_len, val_at,
					 val_len, bare);
			if (ret)
				return ret;
			ret = add_term(st, ev, at, s + at, name_len,
				       bare ? "1" : s + val_at, val_len);
			if (ret)
				return ret;
		}

		if (s[st->i] == ',') {
			st->i++;
			continue;
		}
		if (s[st->i] == '/') {
			st->i++;
			return 0;
		}
		if (!s[st->i])
			goto unterminated;
		return pe_err(st, -EINVAL, st->i,
			      "event syntax error: unexpected '%c' in the terms of '%s'",
			      s[st->i], ev->pmu);
	}
unterminated:
	return pe_err(st, -EINVAL, open,
		      "event syntax error: '/' without its closing '/'");
}

struct mods {
	bool u, k, h;
	int p;
};

/* [ukhp]+ at st->i; other letters and digits are bad modifiers. */
static int parse_mods(struct pe_state *st, struct mods *m)
{
	const char *s = st->s;
	size_t start = st->i;

	memset(m, 0, sizeof(*m));
	while (is_alpha(s[st->i]) || (s[st->i] >= '0' && s[st->i] <= '9')) {
		char c = s[st->i];
		bool *flag = NULL;

		if (c == 'u')
			flag = &m->u;
		else if (c == 'k')
			flag = &m->k;
		else if (c == 'h')
			flag = &m->h;
		else if (c == 'p') {
			if (++m->p > 3)
				return pe_err(st, -EINVAL, st->i,
					      "Bad event modifier: precise_ip at most 3 ('ppp')");
		} else {
			return pe_err(st, -EINVAL, st->i,
				      "Bad event modifier '%c' (auxsim knows u, k, h and p)",
				      c);
		}
		if (flag) {
			if (*flag)
				return pe_err(st, -EINVAL, st->i,
					      "Bad event modifier: duplicate '%c'",
					      c);
			*flag = true;
		}
		st->i++;
	}
	if (st->i == start)
		return pe_err(st, -EINVAL, st->i,
			      "event syntax error: expected a modifier after ':'");
	return 0;
}

/*
 * get_event_modifier(): the first of u/k/h on an event with no exclusion
 * yet excludes everything, then each letter lets its level back in.
 */
static void apply_mods(struct scn_event *ev, const struct mods *m)
{
	bool exclude = ev->exclude_user || ev->exclude_kernel || ev->exclude_hv;

	if (!m->u && !m->k && !m->h)
		return;
	if (!exclude)
		ev->exclude_user = ev->exclude_kernel = ev->exclude_hv = true;
	if (m->u)
		ev->exclude_user = false;
	if (m->k)
		ev->exclude_kernel = false;
	if (m->h)
		ev->exclude_hv = false;
}

static int parse_event(struct pe_state *st, int group, bool leader)
{
	struct scn_record *rec = st->rec;
	const char *s = st->s;
	size_t start = st->i, n;
	const struct pmu_def *pmu;
	struct scn_event *ev;
	struct mods m;
	bool slash = false;
	int ret;

	while (is_name_char(s[st->i]))
		st->i++;
	n = st->i - start;
	if (!n) {
		if (!s[start])
			return pe_err(st, -EINVAL, start,
				      "event syntax error: expected an event");
		return pe_err(st, -EINVAL, start,
			      "event syntax error: unexpected '%c'", s[start]);
	}
	pmu = find_pmu(s + start, n);
	/* SYSTEM:EVENT is a tracepoint (parse-events.y tracepoint_name);
	 * the model knows sched:sched_switch */
	if (!pmu && !is_legacy(s + start, n) && s[st->i] == ':' &&
	    is_name_char(s[st->i + 1])) {
		static const char tp[] = "sched:sched_switch";

		st->i++;
		while (is_name_char(s[st->i]))
			st->i++;
		n = st->i - start;
		if (n != sizeof(tp) - 1 || memcmp(s + start, tp, n))
			return pe_err(st, -EINVAL, start,
				      "event syntax error: unknown tracepoint "
				      "'%.*s' (auxsim knows %s)",
				      (int)n, s + start, tp);
		pmu = NULL;
	} else if (!pmu && !is_legacy(s + start, n)) {
		if (s[st->i] == '/')
			return pe_err(st, -EINVAL, start,
				      "Cannot find PMU `%.*s'. Missing kernel support?",
				      (int)n, s + start);
		return pe_err(st, -EINVAL, start,
			      "Bad event name: Unable to find event on a PMU of '%.*s'",
			      (int)n, s + start);
	}
	if (rec->nr_events >= SCN_MAX_EVENTS)
		return pe_err(st, -E2BIG, start, "too many events (max %d)",
			      SCN_MAX_EVENTS);

	ev = &rec->events[rec->nr_events];
	memset(ev, 0, sizeof(*ev));
	memcpy(ev->pmu, s + start, n); /* n < SCN_NAME_LEN: a known name */
	ev->group = group;
	ev->group_leader = leader;
	ev->col = st->col0 + (int)start;

	if (s[st->i] == '/') {
		slash = true;
		st->i++;
		ret = parse_terms(st, ev, pmu);
		if (ret)
			return ret;
	}
	if (s[st->i] == ':' || (slash && is_alpha(s[st->i]))) {
		if (s[st->i] == ':')
			st->i++;
		ret = parse_mods(st, &m);
		if (ret)
			return ret;
		apply_mods(ev, &m);
	}
	n = st->i - start;
	if (n >= sizeof(ev->text))
		return pe_err(st, -E2BIG, start,
			      "event longer than %zu characters",
			      sizeof(ev->text) - 1);
	memcpy(ev->text, s + start, n);
	ev->text[n] = '\0';
	rec->nr_events++;
	return 0;
}

static int next_group_index(const struct scn_record *rec)
{
	int g = 0;

	for (int i = 0; i < rec->nr_events; i++)
		if (rec->events[i].group >= g)
			g = rec->events[i].group + 1;
	return g;
}

static int parse_group(struct pe_state *st)
{
	const char *s = st->s;
	size_t open = st->i;
	int group = next_group_index(st->rec);
	int first = st->rec->nr_events;
	struct mods m;
	int ret;

	st->i++;
	for (bool leader = true;; leader = false) {
		if (s[st->i] == '{')
			return pe_err(st, -EINVAL, st->i,
				      "event syntax error: nested groups");
		if (s[st->i] == '}' && leader)
			return pe_err(st, -EINVAL, st->i,
				      "event syntax error: empty group");
		ret = parse_event(st, group, leader);
		if (ret)
			return ret;
		if (s[st->i] == ',') {
			st->i++;
			continue;
		}
		if (s[st->i] == '}') {
			st->i++;
			break;
		}
		if (!s[st->i])
			return pe_err(st, -EINVAL, open,
				      "event syntax error: '{' without its closing '}'");
		return pe_err(st, -EINVAL, st->i,
			      "event syntax error: unexpected '%c' in group",
			      s[st->i]);
	}
	if (s[st->i] == ':') {
		st->i++;
		ret = parse_mods(st, &m);
		if (ret)
			return ret;
		for (int i = first; i < st->rec->nr_events; i++)
			apply_mods(&st->rec->events[i], &m);
	}
	return 0;
}

int parse_events(struct scn_record *rec, const char *str, int line, int col0,
		 struct scn_error *err)
{
	struct pe_state st = {
		.rec = rec,
		.s = str,
		.line = line,
		.col0 = col0,
		.err = err,
	};
	int nr_events = rec->nr_events;
	int ret;

	for (;;) {
		if (str[st.i] == '{')
			ret = parse_group(&st);
		else
			ret = parse_event(&st, -1, false);
		if (ret)
			goto fail;
		if (!str[st.i])
			return 0;
		if (str[st.i] != ',') {
			ret = pe_err(&st, -EINVAL, st.i,
				     "event syntax error: unexpected '%c' after event",
				     str[st.i]);
			goto fail;
		}
		st.i++;
	}
fail:
	rec->nr_events = nr_events;
	return ret;
}
