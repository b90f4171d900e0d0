/*
 * pipeline.h: pipeline_summary, shared by its KPIs (pipeline.c) and the
 * sketch of its sales cycles (cycle_sketch.c).
 */
#ifndef ABM_PIPELINE_H
#define ABM_PIPELINE_H

#include "summary.h"

enum
{
	PIPE_OPEN,					/* amount of open deals: the pipeline */
	PIPE_WEIGHTED,				/* amount x probability of open deals */
	PIPE_WON,
	PIPE_LOST,
	PIPE_MONEY_FIELDS
};

typedef struct PipelineSummary
{
	AbmSummaryHeader hdr;		/* hdr.scale: decimal places of money[] */
	int64		open;
	int64		won;
	int64		lost;
	int64		won_with_amount;	/* won deals whose amount is known */
	int64		won_cycles;		/* won deals with both dates */
	int64		lost_cycles;
	int128		won_cycle_us;	/* their cycles' exact sum, microseconds */
	int128		lost_cycle_us;
	int128		money[PIPE_MONEY_FIELDS];

	/*
	 * The sketch of won cycles (cycle_sketch.c): cycles of 0, then
	 * sketch_n buckets in use, as sketch_n counts (int64, all above 0)
	 * followed by their bucket numbers (int16, increasing).  Its size is the
	 * summary's size.
	 */
	int64		zero_cycles;
	int32		sketch_n;
	int32		unused;			/* 0: keeps the counts 8-byte aligned */
	int64		sketch[FLEXIBLE_ARRAY_MEMBER];
} PipelineSummary;

#define PIPELINE_TYPE "pipeline_summary"
extern const AbmSummaryType pipeline_type;

/* cycle_sketch.c */
extern const AbmSummaryTail cycle_sketch_tail;
extern const char *cycle_sketch_problem(const PipelineSummary *s);
extern PipelineSummary *cycle_sketch_add(PipelineSummary *s, int128 cycle_us, int sign);
extern double cycle_sketch_quantile_us(const PipelineSummary *s, double q);

#endif							/* ABM_PIPELINE_H */
