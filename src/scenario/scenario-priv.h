/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scenario-priv.h - what the parts of the scenario parser share: the
 * parser's state, the words of the current line, and the helpers every
 * statement uses.  Not for callers outside src/scenario/: they use
 * scenario.h.
 *
 *   scenario.c          the statement table, the checks after the last
 *                       line, scenario__parse() and scenario__load()
 *   scenario-lex.c      errors, a line into words, the shapes every
 *                       statement shares (once, A|B, unknown names)
 *   scenario-words.c    numbers with units, and a word as a time, size,
 *                       rate, CPU, CPU list, range, comm or percentage
 *   scenario-machine.c  machine, cpu, etr-size, user, perf, perf record,
 *                       kernel, patch, seed, duration, copy-rate
 *   scenario-task.c     task, pin, sched, slice
 *   scenario-signal.c   signal
 *   scenario-script.c   pmi, overflows, ticks, aux-mmap, max-sample-rate,
 *                       at, check
 *   scenario-time.c     the checks about time, after the last line
 *
 * A statement is `int st_KEYWORD(struct scn_parser *p)`: 0, or -EINVAL
 * or -E2BIG with p->err at the word at fault.  The statements keep their
 * st_ names (tests/t0012-scenario-grammar.sh reads scenario.c's table of
 * `{ "KEYWORD", st_KEYWORD }`); the helpers shared between the files are
 * scn__*, as scenario.h's.
 */
#ifndef AUXSIM_SCENARIO_PRIV_H
#define AUXSIM_SCENARIO_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/machine.h" /* AUXSIM_MAX_CPUS */
#include "scenario/scenario.h"

#define SCN_MAX_WORDS (SCN_LINE_MAX / 2 + 1)

struct scn_word {
	int off, len; /* in the line */
};

enum stmt {
	ST_MACHINE,
	ST_CPU,
	ST_ETR_SIZE,
	ST_USER,
	ST_PERF_RECORD,
	ST_PERF,
	ST_KERNEL,
	ST_PATCH,
	ST_SEED,
	ST_DURATION,
	ST_COPY_RATE,
	ST_TASK,
	ST_PIN,
	ST_SCHED,
	ST_SLICE,
	ST_SIGNAL,
	ST_PMI,
	ST_OVERFLOWS,
	ST_TICKS,
	ST_MAX_SAMPLE_RATE,
	ST_AUX_MMAP,
	ST_AT,
	ST_CHECK,
	NR_STMTS,
};

/* Where a checked-later value came from. */
struct scn_pos {
	int line, col;
};

struct scn_parser {
	struct auxsim_scenario *scn;
	struct scn_error *err;

	/* the current line */
	const char *s;
	int len, no;
	struct scn_word w[SCN_MAX_WORDS];
	int nw;

	int last_line;
	struct scn_pos first[NR_STMTS]; /* of single-valued statements */
	struct scn_pos perf_record_end; /* just after the perf record line */

	/* checked after the last line */
	struct scn_pos cpu_rate_pos[SCN_MAX_CPU_OVERRIDES];
	struct scn_pos patch_pos[SCN_MAX_PATCHES];
	struct scn_pos task_cpu_pos[SCN_MAX_TASKS][AUXSIM_MAX_CPUS];
	struct scn_pos task_start_pos[SCN_MAX_TASKS];
	char slice_comm[SCN_MAX_SLICES][SCN_COMM_LEN];
	struct scn_pos slice_comm_pos[SCN_MAX_SLICES];
	struct scn_pos slice_cpu_pos[SCN_MAX_SLICES];
	int first_slice_col;
	struct scn_pos sched_mode_pos;
};

#define word_at(p, i) ((p)->s + (p)->w[i].off)
#define word_len(p, i) ((size_t)(p)->w[i].len)
#define word_col(p, i) ((p)->w[i].off + 1)
/* the column just after the last word: where a missing word would go */
#define end_col(p) ((p)->w[(p)->nw - 1].off + (p)->w[(p)->nw - 1].len + 1)
/* a word for messages: at most 40 bytes of it */
#define WFMT "%.*s%s"
#define WARG(p, i)                                                             \
	(int)((p)->w[i].len > 40 ? 40 : (p)->w[i].len), word_at(p, i),         \
		(p)->w[i].len > 40 ? "..." : ""

#define perr(p, ret, col, ...)                                                 \
	scn__errorf((p)->err, ret, (p)->no, col, __VA_ARGS__)

static inline bool word_is(const struct scn_parser *p, int i, const char *kw)
{
	return i < p->nw && strlen(kw) == word_len(p, i) &&
	       !memcmp(word_at(p, i), kw, word_len(p, i));
}

/* Copy word @i into @buf; false if it does not fit. */
static inline bool word_copy(const struct scn_parser *p, int i, char *buf,
			     size_t size)
{
	size_t n = word_len(p, i);

	if (n >= size)
		return false;
	memcpy(buf, word_at(p, i), n);
	buf[n] = '\0';
	return true;
}

/* ---- scenario-lex.c: lines, words and the shapes of statements ---- */

/* Check the bytes of the line p->s and split it into p->w[]. */
int scn__split_line(struct scn_parser *p);
/* "unknown WHAT 'word'; did you mean ...?" at word @i */
int scn__unknown_name(struct scn_parser *p, int i, const char *what,
		      const char *(*closest)(const char *word),
		      const char *known);
/* "missing WHAT" just after the last word */
int scn__missing(struct scn_parser *p, const char *what);
/* "unexpected 'word'" at word @n, if the line has more than @n words */
int scn__no_more_words(struct scn_parser *p, int n);
/* a single-valued statement @st: the first is remembered, a second refused */
int scn__once(struct scn_parser *p, enum stmt st);
/* `KEYWORD A|B` for single-valued @st: *@second is whether it says @b */
int scn__choice(struct scn_parser *p, enum stmt st, const char *a,
		const char *b, bool *second);

/* ---- scenario-words.c: word @i as a value, or an error at it ---- */

int scn__word_time(struct scn_parser *p, int i, uint64_t *ns);
int scn__word_size(struct scn_parser *p, int i, uint64_t *bytes);
int scn__word_rate(struct scn_parser *p, int i, uint64_t *rate);
/* a decimal number; @what names it in messages */
int scn__word_u64(struct scn_parser *p, int i, const char *what, uint64_t *v);
/* @n bytes at @s (column @col) as a CPU number below AUXSIM_MAX_CPUS */
int scn__parse_cpu(struct scn_parser *p, const char *s, size_t n, int col,
		   int *cpu);
int scn__word_cpu(struct scn_parser *p, int i, int *cpu);
/* "START..END" */
int scn__word_range(struct scn_parser *p, int i, uint64_t *lo, uint64_t *hi);
/* "0-3", "1,2": a CPU mask, and in @pos where each CPU was named */
int scn__word_cpu_list(struct scn_parser *p, int i, uint32_t *mask,
		       struct scn_pos *pos);
/* a task's comm into @comm (SCN_COMM_LEN bytes) */
int scn__word_comm(struct scn_parser *p, int i, char *comm);
/* "30%", "2.5%" as permille */
int scn__word_percent(struct scn_parser *p, int i, uint32_t *permille);

/* ---- the statements, one function each (scenario.c's table) ---- */

/* scenario-machine.c */
int st_machine(struct scn_parser *p);
int st_cpu(struct scn_parser *p);
int st_etr_size(struct scn_parser *p);
int st_user(struct scn_parser *p);
int st_perf(struct scn_parser *p); /* and `perf record ...` */
int st_kernel(struct scn_parser *p);
int st_patch(struct scn_parser *p);
int st_seed(struct scn_parser *p);
int st_duration(struct scn_parser *p);
int st_copy_rate(struct scn_parser *p);

/* scenario-task.c */
int st_task(struct scn_parser *p);
int st_pin(struct scn_parser *p);
int st_sched(struct scn_parser *p);
int st_slice(struct scn_parser *p);
/* the index of the task @comm in @scn->tasks[], or -1 */
int scn__find_task(const struct auxsim_scenario *scn, const char *comm);

/* scenario-signal.c */
int st_signal(struct scn_parser *p);

/* scenario-script.c */
int st_pmi(struct scn_parser *p);
int st_overflows(struct scn_parser *p);
int st_ticks(struct scn_parser *p);
int st_aux_mmap(struct scn_parser *p);
int st_max_sample_rate(struct scn_parser *p);
int st_at(struct scn_parser *p);
int st_check(struct scn_parser *p);

#endif /* AUXSIM_SCENARIO_PRIV_H */
