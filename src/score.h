/*
 * score.h: score_summary, shared by the survey aggregates (score.c) and the
 * statistics on NPS (statistics.c).
 */
#ifndef ABM_SCORE_H
#define ABM_SCORE_H

#include "summary.h"

#define SCORE_MAX 10
#define SCORE_VALUES (SCORE_MAX + 1)
#define SCALE_NPS 0				/* hdr.flags for a 0-10 scale */
#define CSAT_SCALE_MIN 3
#define CSAT_SCALE_DEFAULT 5

typedef struct ScoreSummary
{
	AbmSummaryHeader hdr;		/* hdr.flags: SCALE_NPS, or N for a 1-N scale */
	int64		counts[SCORE_VALUES];
} ScoreSummary;

#define SCORE_TYPE "score_summary"
#define SCORE_ARG(n) ((ScoreSummary *) abm_summary_read(fcinfo, (n), sizeof(ScoreSummary)))
#define SCORE_STATE(n) ((ScoreSummary *) abm_summary_for_update(fcinfo, (n), sizeof(ScoreSummary)))

/* Total responses (22003 if it would not fit in 64 bits). */
extern int64 score_responses_of(const ScoreSummary *s);

/* Responses with a score from low to high inclusive. */
extern int64 score_sum_range(const ScoreSummary *s, int low, int high);

#define score_promoters_of(s) score_sum_range((s), 9, 10)
#define score_detractors_of(s) score_sum_range((s), 0, 6)

/* 22023 unless the summary's scale ends at 10 (NPS needs 0..10). */
extern void score_require_nps_scale(const ScoreSummary *s);

#endif							/* ABM_SCORE_H */
