/* SPDX-License-Identifier: GPL-2.0 */
/*
 * invariant.h - what the model checker checks at every state, with stable
 * IDs (`auxsim check --list-invariants`).  Each cites the kernel WARN site
 * or the rule it stands for.
 *
 * Invariants:
 *  - IDs never change meaning; new invariants get new IDs;
 *  - invariant__check() reads the model state (and the parent state, for
 *    the WARN invariants: a WARN is the transition that fired it) and has
 *    no side effect.
 */
#ifndef AUXSIM_INVARIANT_H
#define AUXSIM_INVARIANT_H

#include <stdbool.h>

#include "model/model.h"

enum invariant_id {
	/* one per modelled WARN site, in enum warn_site order */
	INV_WARN_FIRST,
	INV_WARN_LAST = INV_WARN_FIRST + NR_WARN_SITES - 1,
	INV_AUX_HANDLE, /* aux_nest <=> an open handle */
	INV_THROTTLE_STOPS_COUNTERS,
	INV_THROTTLE_STOPS_AUX,
	INV_USER_PAUSE_RESPECTED,
	INV_AUX_TRACES_WHEN_ALLOWED,
	INV_NO_AUX_LEAK,
	INV_SNAPSHOT_NOT_OLDER_THAN_LOST,
	INV_NO_SILENT_LOSS,
	NR_INVARIANTS,
};

struct invariant_desc {
	const char *id; /* "warn-aux-nest", "aux-handle", ... */
	const char *what; /* what holds: "no WARN at ..." */
	const char *cites;
	/* what happened when it does not hold, for a violation's headline:
	 * "the kernel WARNed at perf_aux_output_begin"; no citation (that
	 * is @cites, printed once) */
	const char *broken;
};

extern const struct invariant_desc invariants[NR_INVARIANTS];

/*
 * invariant__check() given only what it reads of the parent: its WARN
 * bits and count.  (The WARN invariants are the only ones of a step; the
 * rest are of a state.)
 */
int invariant__check_from(const struct aux_model *m, uint32_t parent_warned,
			  uint32_t parent_nr_warnings, const bool *enabled,
			  int *cpu);

/* the first invariant @m violates (going from @parent), or -1 */
int invariant__check(const struct aux_model *m, const struct aux_state *parent,
		     const bool *enabled, int *cpu);
/* the invariant named @id, or -1 */
int invariant__find(const char *id);

#endif /* AUXSIM_INVARIANT_H */
