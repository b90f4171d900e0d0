/*
 * measure.h: measure_summary, the state of measure_agg (measure.c) and the
 * input of the mean interval, Welch's test and the surge score
 * (measure_statistics.c).
 *
 * Two forms, chosen by the values added:
 *   integer     every value so far was a whole number of magnitude at most
 *               2^53 (counts of touches, days, minutes): n, and the exact sum
 *               and sum of squares in 128-bit integers.  Adding, removing
 *               and merging are exact and do not depend on the order of the
 *               rows, so parallel plans and moving windows give the serial
 *               result to the bit.
 *   fractional  otherwise: n, the mean and the sum of squared deviations M2
 *               in float8, updated by Welford's method and merged by Chan's
 *               formula, which are numerically stable; but float8 rounding
 *               depends on the order of the rows.
 * A summary turns fractional on its first fractional value, or when the sum
 * of squares would no longer fit in 128 bits, and stays fractional.
 */
#ifndef ABM_MEASURE_H
#define ABM_MEASURE_H

#include "summary.h"

#define MEASURE_TYPE "measure_summary"
#define MEASURE_FRACTIONAL 0x01	/* hdr.flags: the float8 form */

/* Whole numbers up to this magnitude are exact in float8 and in the sums. */
#define MEASURE_EXACT_LIMIT 9007199254740992.0	/* 2^53 */

typedef struct MeasureSummary
{
	AbmSummaryHeader hdr;
	int64		n;
	int128		sum;			/* integer form, else 0 */
	int128		sum_squares;	/* integer form, else 0 */
	double		mean;			/* fractional form, else 0 */
	double		m2;				/* fractional form, else 0 */
} MeasureSummary;

#define MEASURE_ARG(k) ((MeasureSummary *) abm_summary_read(fcinfo, (k), sizeof(MeasureSummary)))
#define MEASURE_STATE(k) ((MeasureSummary *) abm_summary_for_update(fcinfo, (k), sizeof(MeasureSummary)))

/* The mean and M2 of a summary of either form (n > 0). */
extern void measure_moments(const MeasureSummary *s, double *mean, double *m2);

/* The sample variance M2 / (n - 1); false when n < 2. */
extern bool measure_sample_variance_of(const MeasureSummary *s, double *mean, double *variance);

#endif							/* ABM_MEASURE_H */
