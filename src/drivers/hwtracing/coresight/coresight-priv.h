/* SPDX-License-Identifier: GPL-2.0 */
/*
 * coresight-priv.h - what the CoreSight drivers share: the mode a device
 * is in.
 */
#ifndef AUXSIM_CORESIGHT_PRIV_H
#define AUXSIM_CORESIGHT_PRIV_H

/* drivers/hwtracing/coresight/coresight-priv.h: enum cs_mode */
enum cs_mode {
	CS_MODE_DISABLED = 0,
	CS_MODE_SYSFS = 1,
	CS_MODE_PERF = 2,
};

#endif /* AUXSIM_CORESIGHT_PRIV_H */
