/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pmus.h - how PMUs and CoreSight sinks plug into the model.
 *
 * The core reaches a PMU only through its struct pmu, as the kernel does:
 * an event keeps the PMU's id (enum model_pmu, a value in the model state),
 * and perf_pmu() turns it into the PMU's const operations.  etm-perf reaches
 * its sink the same way, through struct coresight_ops_sink.  Each driver
 * file defines its own const struct; pmus.c holds the one table of each.
 * docs/architecture.md says how to add one.
 *
 * The callbacks take the event (or buffer) as an index into the model
 * state rather than a pointer, so that the state stays a value.
 */
#ifndef AUXSIM_PMUS_H
#define AUXSIM_PMUS_H

#include <stdbool.h>
#include <stdint.h>

struct aux_model;
struct perf_output_handle;
struct perf_event_attr_model;

/* include/linux/perf_event.h: enum perf_event_task_context, where a PMU's
 * events are scheduled (a hardware event joining a group led by a software
 * context event moves the group: perf_event_open()'s move_group) */
enum perf_event_task_context {
	perf_hw_context = 0,
	perf_sw_context,
};

/*
 * include/linux/perf_event.h: struct pmu.  Every PMU in the table has add,
 * del, start and stop; an AUX PMU has setup_aux and free_aux
 * (kernel/events/core.c: has_aux() tests setup_aux); event_init and read
 * are optional.
 */
struct pmu {
	const char *name;
	int task_ctx_nr;       /* enum perf_event_task_context */
	uint32_t capabilities; /* PERF_PMU_CAP_* */
	/*
	 * Model: capabilities the driver registers only in kernels with
	 * the behaviour bit @caps_feature (a KF_* of variant.h); e.g.
	 * cs_etm has PERF_PMU_CAP_AUX_PAUSE from v6.16 on.
	 */
	uint32_t feature_caps;
	uint32_t caps_feature;

	/* the driver's own checks of a new event, before it is allocated:
	 * 0 or a negative errno that perf_event_open() returns */
	int (*event_init)(struct aux_model *m,
			  const struct perf_event_attr_model *attr,
			  int group_leader);
	int (*add)(struct aux_model *m, int event, int flags);
	void (*del)(struct aux_model *m, int event, int flags);
	void (*start)(struct aux_model *m, int event, int flags);
	void (*stop)(struct aux_model *m, int event, int flags);
	/* not called yet: the model has no perf_event_read() */
	void (*read)(struct aux_model *m, int event);
	/* the AUX area of @rb: returns the rb's aux_priv (an index into the
	 * driver's own state), or -1 for NULL */
	int (*setup_aux)(struct aux_model *m, int event, int rb,
			 uint32_t nr_pages, bool overwrite);
	void (*free_aux)(struct aux_model *m, int aux_priv);
};

/* the PMU of id @pmu (enum model_pmu); never NULL */
const struct pmu *perf_pmu(int pmu);
/* pmu->capabilities of @pmu in the kernel variant of @m */
uint32_t pmu_capabilities(const struct aux_model *m, int pmu);

/* the PMUs, each defined in its driver's file (the software ones in
 * kernel/events/core.c, as the kernel has them) */
extern const struct pmu perf_swevent_dummy;
extern const struct pmu perf_tracepoint;
extern const struct pmu etm_pmu;
extern const struct pmu armv8_pmuv3_pmu;
extern const struct pmu arm_spe_pmu;

/*
 * include/linux/coresight.h: struct coresight_ops_sink, the operations of a
 * sink that etm-perf uses.  @config is the index alloc_buffer() returned
 * (the kernel's sink_config pointer, event_data->snk_config).
 */
struct coresight_ops_sink {
	int (*enable)(struct aux_model *m, struct perf_output_handle *handle);
	int (*disable)(struct aux_model *m);
	int (*alloc_buffer)(struct aux_model *m, int event, int rb,
			    uint32_t nr_pages, bool overwrite);
	void (*free_buffer)(struct aux_model *m, int config);
	uint64_t (*update_buffer)(struct aux_model *m,
				  struct perf_output_handle *handle,
				  int config);
};

/* The sinks the model knows (index of pmus.c's sink table). */
enum coresight_sink_id {
	CS_SINK_TMC_ETR = 0,
	NR_CS_SINKS,
};

/* the sink, defined in its driver's file */
extern const struct coresight_ops_sink tmc_etr_sink_ops;

/* the operations of the sink @cpu's ETM reaches
 * (coresight_find_default_sink(), then sink_ops()) */
const struct coresight_ops_sink *coresight_sink_ops(const struct aux_model *m,
						    int cpu);

#endif /* AUXSIM_PMUS_H */
