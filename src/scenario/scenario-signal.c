// SPDX-License-Identifier: GPL-2.0
/*
 * scenario-signal.c - the signal statement: the SIGUSR2 deliveries that trigger
 * perf record's snapshots, once or periodically (docs/scenario-format.md).
 * How many and until when is checked after the last line
 * (scenario-time.c).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "scenario/scenario-priv.h"

/* signal USR2 at T | signal USR2 every T [from T] [until T] */
int st_signal(struct scn_parser *p)
{
	struct auxsim_scenario *scn = p->scn;
	bool have_from = false, have_until = false;
	int until_col = 0, ret;
	struct scn_signal *sg;

	if (p->nw < 2)
		return scn__missing(p, "signal name: signal USR2 at T");
	if (!word_is(p, 1, "USR2") && !word_is(p, 1, "SIGUSR2"))
		return perr(p, -EINVAL, word_col(p, 1),
			    "unsupported signal '" WFMT
			    "' (auxsim models USR2, perf's snapshot trigger)",
			    WARG(p, 1));
	if (scn->nr_signals >= SCN_MAX_SIGNALS)
		return perr(p, -E2BIG, word_col(p, 0),
			    "too many 'signal' lines (max %d)",
			    SCN_MAX_SIGNALS);
	sg = &scn->signals[scn->nr_signals];
	memset(sg, 0, sizeof(*sg));
	sg->signo = SCN_SIGUSR2;
	sg->line = p->no;
	sg->until_ns = UINT64_MAX;
	if (p->nw < 3)
		return scn__missing(p, "'at T' or 'every T' after the signal");
	if (!word_is(p, 2, "at") && !word_is(p, 2, "every"))
		return perr(p, -EINVAL, word_col(p, 2),
			    "expected 'at' or 'every', got '" WFMT "'",
			    WARG(p, 2));
	if (p->nw < 4)
		return scn__missing(p, "time after 'at' or 'every'");
	sg->col = word_col(p, 3);
	if (word_is(p, 2, "at")) {
		ret = scn__word_time(p, 3, &sg->at_ns);
		if (ret)
			return ret;
		ret = scn__no_more_words(p, 4);
		if (ret)
			return ret;
		scn->nr_signals++;
		return 0;
	}
	ret = scn__word_time(p, 3, &sg->every_ns);
	sg->every_col = word_col(p, 3);
	if (ret)
		return ret;
	if (!sg->every_ns)
		return perr(p, -EINVAL, word_col(p, 3),
			    "period must be more than 0");
	sg->at_ns = sg->every_ns;
	for (int i = 4; i < p->nw; i += 2) {
		if (word_is(p, i, "from") && !have_from) {
			have_from = true;
			if (i + 1 >= p->nw)
				return scn__missing(p, "time after 'from'");
			ret = scn__word_time(p, i + 1, &sg->at_ns);
			sg->col = word_col(p, i + 1);
		} else if (word_is(p, i, "until") && !have_until) {
			have_until = true;
			if (i + 1 >= p->nw)
				return scn__missing(p, "time after 'until'");
			ret = scn__word_time(p, i + 1, &sg->until_ns);
			until_col = word_col(p, i + 1);
		} else if (word_is(p, i, "from") || word_is(p, i, "until")) {
			return perr(p, -EINVAL, word_col(p, i),
				    "duplicate '" WFMT "'", WARG(p, i));
		} else {
			return perr(p, -EINVAL, word_col(p, i),
				    "unexpected '" WFMT
				    "' (options: from T, until T)",
				    WARG(p, i));
		}
		if (ret)
			return ret;
	}
	if (sg->until_ns < sg->at_ns)
		return perr(p, -EINVAL, until_col,
			    "'until' is before the first signal");
	scn->nr_signals++;
	return 0;
}
