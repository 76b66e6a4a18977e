// SPDX-License-Identifier: GPL-2.0
/*
 * bench.c - `make bench`: speed and memory of the timed simulator on a
 * scenario (default: s000-dd-migrate over 10 simulated seconds).  Wall
 * time is measured here and only here; model output never depends on it.
 *
 *   bench SCENARIO [DURATION] [REPEATS] [TARGET-X]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "scenario/scenario.h"
#include "sim/sim.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static struct auxsim_scenario scn;
	struct scn_error err = { 0 };
	struct sim_config cfg = { 0 };
	struct sim_result res;
	struct rusage ru;
	const char *dur = argc > 2 ? argv[2] : "10s";
	int reps = argc > 3 ? atoi(argv[3]) : 5;
	int target = argc > 4 ? atoi(argv[4]) : 500;
	uint64_t overflows = 0;
	double best = 1e30, sim_s;
	uint64_t events = 0, switches = 0, bytes = 0;
	char msg[256];

	if (argc < 2 || reps < 1) {
		fprintf(stderr, "usage: bench SCENARIO [DURATION] [REPEATS]\n");
		return 2;
	}
	if (scenario__load(argv[1], &scn, &err)) {
		fprintf(stderr, "%s:%d:%d: %s\n", argv[1], err.line, err.col,
			err.msg);
		return 2;
	}
	if (scn__parse_time(dur, strlen(dur), &cfg.duration_ns))
		return 2;
	for (int i = 0; i < reps; i++) {
		double t0 = now(), t;

		if (sim__run(&scn, &cfg, &res, msg, sizeof(msg))) {
			fprintf(stderr, "bench: %s\n", msg);
			return 1;
		}
		t = now() - t0;
		if (t < best)
			best = t;
		events = res.nr_events;
		switches = res.nr_switches;
		bytes = 0;
		for (int k = 0; k < res.nsnaps; k++)
			bytes += res.snaps[k].total_bytes;
		overflows = 0;
		for (int k = 0; k < MAX_EVENTS; k++)
			overflows += res.final.event[k].nr_overflows;
		sim_result__free(&res);
	}
	getrusage(RUSAGE_SELF, &ru);
	sim_s = cfg.duration_ns / 1e9;
	printf("bench: %s, %.1f simulated s, best of %d runs\n", scn.name,
	       sim_s, reps);
	printf("  wall time          %.6f s\n", best);
	printf("  faster than real   %.0fx   (target >= %dx)\n", sim_s / best,
	       target);
	printf("  discrete events    %llu (%llu context switches)\n",
	       (unsigned long long)events, (unsigned long long)switches);
	printf("  events per second  %.0f\n", events / best);
	if (overflows)
		printf("  counter overflows  %llu (%.0f per second)\n",
		       (unsigned long long)overflows, overflows / best);
	printf("  snapshot bytes     %llu modelled, none allocated\n",
	       (unsigned long long)bytes);
	printf("  peak RSS           %ld KiB   (target <= 32768 KiB)\n",
	       ru.ru_maxrss);
	return 0;
}
