/*
 * ratio.h: ratio_summary, shared by the rate aggregates (ratio.c) and the
 * statistics on rates (statistics.c).
 */
#ifndef ABM_RATIO_H
#define ABM_RATIO_H

#include "summary.h"

enum
{
	RATIO_SUCCESS_AMOUNT,
	RATIO_TRIAL_AMOUNT,
	RATIO_MONEY_FIELDS
};

typedef struct RatioSummary
{
	AbmSummaryHeader hdr;		/* hdr.scale: decimal places of money[] */
	int64		successes;
	int64		trials;
	int128		money[RATIO_MONEY_FIELDS];
} RatioSummary;

#define RATIO_TYPE "ratio_summary"
extern const AbmSummaryType ratio_type;
#define RATIO_ARG(n) ((RatioSummary *) abm_summary_read(fcinfo, (n), sizeof(RatioSummary)))
#define RATIO_STATE(n) ((RatioSummary *) abm_summary_for_update(fcinfo, (n), sizeof(RatioSummary)))

#endif							/* ABM_RATIO_H */
