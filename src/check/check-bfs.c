// SPDX-License-Identifier: GPL-2.0
/*
 * check-bfs.c - --bfs: breadth-first search, the frontier in memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check/check-internal.h"
#include "lib/interrupt.h"

/*
 * --bfs: a FIFO of whole states (4 KiB each; a ring that doubles when
 * full, up to MC_BFS_FRONTIER states, so memory follows the widest level) and a tree of (parent, step) for every state stored, to rebuild
 * the path.  The first time a state is reached is at its smallest depth,
 * so the first violation is a shortest one, as with iterative deepening,
 * and each state is expanded once.  No sleep sets (they are a depth-first
 * device).
 */
#define MC_BFS_FRONTIER (1u << 20)

struct mc_node {
	uint32_t parent; /* UINT32_MAX: the root */
	struct step step;
};

struct mc_qent {
	struct mc_state st;
	uint32_t node;
	uint8_t depth;
};

int mc_bfs(struct mc *mc)
{
	struct mc_result *res = mc->res;
	uint64_t cap = mc->max_slots;
	struct mc_node *nodes = malloc(cap * sizeof(*nodes));
	uint32_t qcap = 1024;
	struct mc_qent *q = malloc(qcap * sizeof(*q));
	uint32_t head = 0, len = 0, nr_nodes = 0;
	uint64_t sleep = 0, only = 0;

	if (!nodes || !q) {
		free(nodes);
		free(q);
		return -ENOMEM;
	}
	mc->iter = 2;
	mc_visit(mc, mc_key(mc->stack[0].hash, mc->stack[0].used), 0, &sleep,
		 &only);
	nodes[nr_nodes++] = (struct mc_node){.parent = UINT32_MAX};
	q[0].st = mc->stack[0];
	q[0].node = 0;
	q[0].depth = 0;
	len = 1;
	while (len && !mc->stop) {
		struct mc_qent *cur = &q[head];

		if (interrupt_signo) {
			mc_interrupted(mc);
			break;
		}
		mc->stack[0] =
			cur->st; /* mc_apply() copies from a stable place */
		mc->work_src = NULL;
		if (cur->depth > res->stats.depth) {
			/* every state of the levels above is expanded: all
			 * within cur->depth steps are stored, and checked */
			res->stats.depth = cur->depth;
			res->stats.depth_done = cur->depth;
			res->stats.states_done = mc->iter_states;
		}
		if (cur->depth < mc->depth_bound)
			for (int i = 0; i < mc->nalpha && !mc->stop; i++) {
				const struct mc_state *from = &mc->stack[0];
				uint8_t used[NR_BUDGETS];
				uint64_t sh, key;
				int inv, cpu, v;

				if (mc_apply(mc, from, &mc->alpha[i], used))
					continue;
				res->stats.transitions++;
				uint16_t chg[MC_NR_BLOCKS];
				uint64_t nbh[MC_NR_BLOCKS];
				int nchg = 0;

				sh = mc_block_hash_update(
					mc, from->hash, from->bh, &from->s,
					&mc->work.s, chg, nbh, &nchg);
				mc_check_dead(mc, &mc->work.s);
				if (!nchg) { /* a no-op step (mc_dfs()) */
					res->stats.noop++;
					mc->work_src = NULL;
					continue;
				}
				key = mc_key(sh, used);
				inv = invariant__check(&mc->work, &from->s,
						       mc->cfg->enabled, &cpu);
				if (inv >= 0) {
					int n = cur->depth + 1;

					res->violated = true;
					res->v.invariant = inv;
					res->v.cpu = cpu;
					res->v.length = n;
					res->v.steps[--n] = mc->alpha[i];
					for (uint32_t k = cur->node; n > 0;
					     k = nodes[k].parent)
						res->v.steps[--n] =
							nodes[k].step;
					mc->stop = true;
					break;
				}
				sleep = 0;
				v = mc_visit(mc, key, cur->depth + 1, &sleep,
					     &only);
				if (v == 0)
					continue;
				if (len == qcap && qcap < MC_BFS_FRONTIER) {
					/* grow the ring, unwrapped */
					struct mc_qent *nq = malloc(
						2 * (size_t)qcap * sizeof(*nq));

					if (nq) {
						for (uint32_t k = 0; k < len;
						     k++)
							nq[k] = q[(head + k) %
								  qcap];
						free(q);
						q = nq;
						head = 0;
						qcap *= 2;
						cur = &q[0];
						mc->stack[0] = cur->st;
					}
				}
				if (v < 0 || nr_nodes == UINT32_MAX ||
				    len == qcap) {
					res->stats.table_full = true;
					mc->stop = true;
					break;
				}
				nodes[nr_nodes] = (struct mc_node){
					.parent = cur->node,
					.step = mc->alpha[i],
				};
				{
					struct mc_qent *t =
						&q[(head + len) % qcap];

					t->st.s = mc->work.s;
					memcpy(t->st.used, used, NR_BUDGETS);
					t->st.hash = sh;
					memcpy(t->st.bh, from->bh,
					       sizeof(t->st.bh));
					for (int k = 0; k < nchg; k++)
						t->st.bh[chg[k]] = nbh[k];
					t->node = nr_nodes++;
					t->depth = (uint8_t)(cur->depth + 1);
				}
				len++;
				mc->work_src = NULL;
			}
		head = (head + 1) % qcap;
		len--;
	}
	res->stats.states = mc->iter_states;
	if (!len && !mc->stop) { /* the last level expanded too */
		res->stats.depth_done = mc->depth_bound;
		res->stats.states_done = mc->iter_states;
	}
	free(nodes);
	free(q);
	return 0;
}
