// SPDX-License-Identifier: GPL-2.0
/*
 * check-visited.c - the visited table of one process (hash compaction; the
 * table -j's workers share is check-workers.c's): its memory, its growth
 * and the visit of a state; the bitstate table (--bitstate); the states
 * stored, by depth.
 */
#include <string.h>
#include <sys/mman.h>

#include "check/check-internal.h"

/*
 * The visited table: anonymous zeroed memory, with transparent huge pages
 * where the kernel gives them (madvise mode): a random probe into 64 MiB
 * then costs a cache miss, not a TLB miss as well.
 */
struct mc_slot *mc_table_alloc(uint64_t slots)
{
	size_t bytes = slots * sizeof(struct mc_slot);
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	return p;
}

void mc_table_free(struct mc_slot *t, uint64_t slots)
{
	if (t)
		munmap(t, slots * sizeof(struct mc_slot));
}

/*
 * What reaching a stored state (its slot's meta @m) at @depth with sleep
 * set *@sleep in iteration @iter decides, and the slot's new meta *@nm:
 * 1 explore (first time this iteration, or shallower than before); 2 the
 * state was reached as deep with more asleep: explore only *@only, the
 * steps asleep then and awake now, with *@sleep narrowed (Godefroid's
 * "H(s).Sleep \ Sleep"), the slot recording it only at the same depth;
 * 0 nothing to do.
 */
int mc_meta_visit(uint64_t m, int depth, uint8_t iter, uint64_t *sleep,
		  uint64_t *only, uint64_t *nm)
{
	uint64_t todo;

	if (META_ITER(m) != iter || depth < META_DEPTH(m)) {
		*nm = META(depth, iter, *sleep);
		return 1;
	}
	todo = META_SLEEP(m) & ~*sleep;
	*nm = m;
	if (!todo)
		return 0;
	*sleep &= META_SLEEP(m);
	*only = todo;
	if (depth == META_DEPTH(m))
		*nm = META(depth, iter, *sleep);
	return 2;
}

/*
 * A table at 90% grows fourfold, up to mc->max_slots: a small search does
 * not pay for clearing the memory a large one needs.  Slots keep the whole
 * key, so they move over as they are.  -1: at its largest, or no memory.
 */
static int mc_table_grow(struct mc *mc)
{
	uint64_t n = 4 * (mc->mask + 1);
	struct mc_slot *t;

	if (n > mc->max_slots)
		n = mc->max_slots;
	if (mc->shared || n <= mc->mask + 1)
		return -1;
	t = mc_table_alloc(n);
	if (!t)
		return -1;
	for (uint64_t i = 0; i <= mc->mask; i++) {
		const struct mc_slot *sl = &mc->table[i];
		uint64_t j;

		if (!sl->hash)
			continue;
		for (j = sl->hash & (n - 1); t[j].hash; j = (j + 1) & (n - 1))
			;
		t[j] = *sl;
	}
	mc_table_free(mc->table, mc->mask + 1);
	mc->table = t;
	mc->mask = n - 1;
	return 0;
}

/*
 * 1: explore everything not in @sleep; 2: explore only *@only (the
 * transitions an earlier visit at the same depth left asleep, Godefroid's
 * "H(s).Sleep \ Sleep"), with *@sleep narrowed; 0: nothing to do (seen as
 * shallow or shallower, with no more asleep); -1: table full.  Slots of
 * earlier (shallower) iterations are not cleared: their iteration stamp
 * says they must be expanded again, and every iteration reaches them again.
 */
int mc_visit(struct mc *mc, uint64_t h, int depth, uint64_t *sleep,
	     uint64_t *only)
{
	uint64_t i = h & mc->mask;
	uint8_t iter = (uint8_t)mc->iter;

	for (uint64_t probe = 0; probe < MC_MAX_PROBE;
	     probe++, i = (i + 1) & mc->mask) {
		struct mc_slot *sl = &mc->table[i];

		if (!sl->hash) {
			if (mc->nr_slots * 10 > (mc->mask + 1) * 9)
				return mc_table_grow(mc)
					       ? -1
					       : mc_visit(mc, h, depth, sleep,
							  only);
			sl->hash = h;
			sl->meta = META(depth, iter, *sleep);
			mc->nr_slots++;
			mc->iter_states++;
			mc->visit_new = true;
			return 1;
		}
		if (sl->hash != h)
			continue;
		mc->iter_states += META_ITER(sl->meta) != iter;
		return mc_meta_visit(sl->meta, depth, iter, sleep, only,
				     &sl->meta);
	}
	return mc_table_grow(mc) ? -1 : mc_visit(mc, h, depth, sleep, only);
}

/* bitstate: two bits a state; 1: new, 0: (probably) seen */
int mc_visit_bits(struct mc *mc, uint64_t h)
{
	uint64_t b1 = h & mc->bits_mask;
	uint64_t b2 = ((h >> 29) * 0x9e3779b97f4a7c15ull >> 7) & mc->bits_mask;
	int seen = (mc->bits[b1 >> 3] >> (b1 & 7) & 1) &&
		   (mc->bits[b2 >> 3] >> (b2 & 7) & 1);

	if (seen)
		return 0;
	mc->bits[b1 >> 3] |= (uint8_t)(1u << (b1 & 7));
	mc->bits[b2 >> 3] |= (uint8_t)(1u << (b2 & 7));
	mc->iter_states++;
	mc->visit_new = true;
	return 1;
}

/* the states in the visited table, by the depth each was stored at */
void mc_at_depth(const struct mc *mc, uint64_t *at_depth)
{
	memset(at_depth, 0, (MC_MAX_DEPTH + 1) * sizeof(*at_depth));
	for (uint64_t i = 0; i <= mc->mask; i++)
		if (mc->table[i].hash &&
		    META_DEPTH(mc->table[i].meta) <= MC_MAX_DEPTH)
			at_depth[META_DEPTH(mc->table[i].meta)]++;
}
