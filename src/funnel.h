/*
 * funnel.h: funnel_summary, shared by the aggregate (funnel.c) and the
 * set-returning stage functions (funnel_stages.c).
 */
#ifndef ABM_FUNNEL_H
#define ABM_FUNNEL_H

#include "stage.h"
#include "summary.h"

typedef struct FunnelSummary
{
	AbmSummaryHeader hdr;		/* hdr.scale: decimal places of spend */
	int128		spend[1];		/* an array so the money helpers apply */
	int64		furthest[ABM_STAGE_COUNT];	/* accounts whose furthest stage is k */
	int64		step_n[ABM_STAGE_COUNT];	/* timed steps into stage k */
	int64		touch_n[ABM_STAGE_COUNT];	/* timed spans first touch -> k */
	int128		step_us[ABM_STAGE_COUNT];	/* their microseconds */
	int128		touch_us[ABM_STAGE_COUNT];
} FunnelSummary;

/* Accounts that reached a stage: furthest stage at or after it. */
extern int64 funnel_reaching(const FunnelSummary *s, AbmStage stage);

#endif							/* ABM_FUNNEL_H */
