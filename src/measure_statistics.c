/*
 * measure_statistics.c: what a measure_summary says beyond its mean.
 *
 *   mean_interval  Student-t interval of the mean: mean +- t(c, n-1) s / sqrt(n);
 *   mean_test      Welch's test of two means (unequal variances);
 *   surge_score    how far one period is above a baseline of periods, in
 *                  baseline standard deviations (intent surge).
 *
 * A sample too small for the statistic, or without spread, gives NULLs,
 * never an error.
 */
#include "measure.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"

#include "student_t.h"

PG_FUNCTION_INFO_V1(mean_interval);
Datum
mean_interval(PG_FUNCTION_ARGS)
{
	MeasureSummary *s = MEASURE_ARG(0);
	float8		confidence = PG_GETARG_FLOAT8(1);
	double		bounds[2] = {0, 0};
	bool		isnull[2] = {true, true};
	double		mean, variance;

	abm_check_confidence(confidence);
	if (measure_sample_variance_of(s, &mean, &variance))
	{
		double		half = variance > 0.0
			? abm_student_t_quantile_central(confidence, (double) (s->n - 1)) *
			sqrt(variance / (double) s->n)
			: 0.0;

		bounds[0] = mean - half;
		bounds[1] = mean + half;
		isnull[0] = isnull[1] = false;
	}
	PG_RETURN_DATUM(abm_float8_row(fcinfo, bounds, isnull, 2));
}

/*
 * (difference, t, df, p_value): difference = mean(a) - mean(b) when both
 * have a value; t = difference / sqrt(va/na + vb/nb) with the
 * Welch-Satterthwaite degrees of freedom
 *   df = (va/na + vb/nb)^2 / ((va/na)^2 / (na-1) + (vb/nb)^2 / (nb-1)),
 * and the two-sided p-value; these three need two values on each side and
 * some spread.
 */
PG_FUNCTION_INFO_V1(mean_test);
Datum
mean_test(PG_FUNCTION_ARGS)
{
	MeasureSummary *a = MEASURE_ARG(0);
	MeasureSummary *b = MEASURE_ARG(1);
	double		result[4] = {0, 0, 0, 0};
	bool		isnull[4] = {true, true, true, true};
	double		mean_a, mean_b, var_a, var_b, m2;

	if (a->n > 0 && b->n > 0)
	{
		measure_moments(a, &mean_a, &m2);
		measure_moments(b, &mean_b, &m2);
		result[0] = mean_a - mean_b;
		isnull[0] = false;
	}
	if (measure_sample_variance_of(a, &mean_a, &var_a) &&
		measure_sample_variance_of(b, &mean_b, &var_b))
	{
		double		ea = var_a / (double) a->n;
		double		eb = var_b / (double) b->n;
		double		se2 = ea + eb;

		if (se2 > 0.0)
		{
			result[1] = result[0] / sqrt(se2);
			result[2] = se2 * se2 / (ea * ea / (double) (a->n - 1) + eb * eb / (double) (b->n - 1));
			result[3] = abm_student_t_two_sided_p(result[1], result[2]);
			isnull[1] = isnull[2] = isnull[3] = false;
		}
	}
	PG_RETURN_DATUM(abm_float8_row(fcinfo, result, isnull, 4));
}

/* (current - mean) / sample standard deviation of the baseline. */
PG_FUNCTION_INFO_V1(surge_score);
Datum
surge_score(PG_FUNCTION_ARGS)
{
	float8		current = PG_GETARG_FLOAT8(0);
	MeasureSummary *baseline = MEASURE_ARG(1);
	double		mean, variance;

	if (!isfinite(current))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("current activity must be a finite number, got %g", current)));
	if (!measure_sample_variance_of(baseline, &mean, &variance) || variance == 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((current - mean) / sqrt(variance));
}
