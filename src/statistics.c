/*
 * statistics.c: the uncertainty of a rate or an NPS, read from summaries.
 *
 *   wilson_interval   Wilson score interval of a proportion;
 *   nps_interval      Wald or adjusted-Wald interval of an NPS;
 *   proportion_test   pooled two-proportion z-test (A/B of two rates);
 *   nps_test          z-test of the difference of two independent NPS.
 *
 * Counts arrive exactly from the summaries; everything after is float8.
 * A sample with nothing in it gives NULLs, never an error.
 */
#include "ratio.h"
#include "score.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "normal.h"

void
abm_check_confidence(float8 confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence must lie strictly between 0 and 1, got %g", confidence),
				 errhint("Use e.g. 0.95 for a 95%% interval.")));
}

/* z for a two-sided interval at this confidence; 22023 outside (0, 1). */
static double
z_for_confidence(float8 confidence)
{
	abm_check_confidence(confidence);
	/* From the upper tail when it is the small side: (1 - c) / 2 is exact there. */
	if (confidence >= 0.5)
		return -abm_normal_quantile((1.0 - confidence) / 2.0);
	return abm_normal_quantile((1.0 + confidence) / 2.0);
}

static double
clamp(double x, double low, double high)
{
	return x < low ? low : (x > high ? high : x);
}

Datum
abm_float8_row(FunctionCallInfo fcinfo, const double *values, const bool *isnull, int n)
{
	TupleDesc	tupdesc;
	Datum		datums[4];
	bool		nulls[4];

	Assert(n <= 4);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	for (int i = 0; i < n; i++)
	{
		datums[i] = Float8GetDatum(values[i]);
		nulls[i] = isnull ? isnull[i] : false;
	}
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, datums, nulls));
}

/*
 * Wilson score interval of x successes in n trials:
 *   (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), clamped to [0, 1].
 * False when n = 0 (no interval).
 */
static bool
wilson(int64 x, int64 n, float8 confidence, double *lower, double *upper)
{
	double		z = z_for_confidence(confidence);
	double		p;
	double		z2 = z * z;
	double		center;
	double		half;
	double		denominator;

	if (x < 0 || n < 0 || x > n)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("successes " INT64_FORMAT " and trials " INT64_FORMAT " do not make a proportion", x, n),
				 errdetail("A proportion needs 0 <= successes <= trials.")));
	if (n == 0)
		return false;
	p = (double) x / (double) n;
	center = p + z2 / (2.0 * n);
	half = z * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * (double) n));
	denominator = 1.0 + z2 / n;
	*lower = clamp((center - half) / denominator, 0.0, 1.0);
	*upper = clamp((center + half) / denominator, 0.0, 1.0);
	/* 0 of n and n of n have an exact end: keep rounding from moving it */
	if (x == 0)
		*lower = 0.0;
	if (x == n)
		*upper = 1.0;
	return true;
}

/* Arguments (successes, trials, confidence) or (summary, confidence). */
static bool
wilson_from_args(FunctionCallInfo fcinfo, bool from_summary, double *lower, double *upper)
{
	if (from_summary)
	{
		RatioSummary *s = RATIO_ARG(0);

		return wilson(s->successes, s->trials, PG_GETARG_FLOAT8(1), lower, upper);
	}
	return wilson(PG_GETARG_INT64(0), PG_GETARG_INT64(1), PG_GETARG_FLOAT8(2), lower, upper);
}

#define WILSON_FUNCTIONS(suffix, from_summary) \
PG_FUNCTION_INFO_V1(wilson_interval##suffix); \
Datum \
wilson_interval##suffix(PG_FUNCTION_ARGS) \
{ \
	double		bounds[2]; \
	bool		isnull[2] = {false, false}; \
\
	if (!wilson_from_args(fcinfo, (from_summary), &bounds[0], &bounds[1])) \
		isnull[0] = isnull[1] = true; \
	PG_RETURN_DATUM(abm_float8_row(fcinfo, bounds, isnull, 2)); \
} \
\
PG_FUNCTION_INFO_V1(wilson_lower##suffix); \
Datum \
wilson_lower##suffix(PG_FUNCTION_ARGS) \
{ \
	double		lower, upper; \
\
	if (!wilson_from_args(fcinfo, (from_summary), &lower, &upper)) \
		PG_RETURN_NULL(); \
	PG_RETURN_FLOAT8(lower); \
} \
\
PG_FUNCTION_INFO_V1(wilson_upper##suffix); \
Datum \
wilson_upper##suffix(PG_FUNCTION_ARGS) \
{ \
	double		lower, upper; \
\
	if (!wilson_from_args(fcinfo, (from_summary), &lower, &upper)) \
		PG_RETURN_NULL(); \
	PG_RETURN_FLOAT8(upper); \
}

WILSON_FUNCTIONS(_counts, false)
WILSON_FUNCTIONS(_summary, true)

/*
 * NPS and its standard error in NPS points, from promoter and detractor
 * shares p and d of n responses: 100 sqrt((p + d - (p - d)^2) / n).
 */
static double
nps_standard_error(double promoters, double detractors, double n)
{
	double		p = promoters / n;
	double		d = detractors / n;

	return 100.0 * sqrt(fmax(0.0, p + d - (p - d) * (p - d)) / n);
}

static double
nps_of(double promoters, double detractors, double n)
{
	return 100.0 * (promoters - detractors) / n;
}

PG_FUNCTION_INFO_V1(nps_interval);
Datum
nps_interval(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = SCORE_ARG(0);
	double		z = z_for_confidence(PG_GETARG_FLOAT8(1));
	char	   *method = text_to_cstring(PG_GETARG_TEXT_PP(2));
	double		n = (double) score_responses_of(s);
	double		promoters = (double) score_promoters_of(s);
	double		detractors = (double) score_detractors_of(s);
	double		result[4] = {0, 0, 0, 0};
	bool		isnull[4] = {false, false, false, false};
	double		center;
	double		se;

	score_require_nps_scale(s);
	if (strcmp(method, "wald") == 0)
	{
		center = n > 0 ? nps_of(promoters, detractors, n) : 0.0;
		se = n > 0 ? nps_standard_error(promoters, detractors, n) : 0.0;
	}
	else if (strcmp(method, "adjusted_wald") == 0)
	{
		/* Adjusted Wald: 3/4 more promoters and detractors, 3 more responses. */
		center = nps_of(promoters + 0.75, detractors + 0.75, n + 3.0);
		se = nps_standard_error(promoters + 0.75, detractors + 0.75, n + 3.0);
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown NPS interval method \"%s\"", method),
				 errhint("The methods are \"wald\" and \"adjusted_wald\".")));

	if (n == 0)
	{
		isnull[0] = isnull[1] = isnull[2] = isnull[3] = true;
		PG_RETURN_DATUM(abm_float8_row(fcinfo, result, isnull, 4));
	}
	result[0] = nps_of(promoters, detractors, n);
	result[1] = clamp(center - z * se, -100.0, 100.0);
	result[2] = clamp(center + z * se, -100.0, 100.0);
	result[3] = se;
	PG_RETURN_DATUM(abm_float8_row(fcinfo, result, isnull, 4));
}

/* (difference, z, p_value); z and p are NULL when the spread is zero. */
static Datum
z_test_row(FunctionCallInfo fcinfo, double difference, double standard_error)
{
	double		result[3] = {difference, 0.0, 0.0};
	bool		isnull[3] = {false, false, false};

	if (standard_error > 0.0)
	{
		result[1] = difference / standard_error;
		result[2] = abm_two_sided_p(result[1]);
	}
	else
		isnull[1] = isnull[2] = true;
	return abm_float8_row(fcinfo, result, isnull, 3);
}

PG_FUNCTION_INFO_V1(proportion_test);
Datum
proportion_test(PG_FUNCTION_ARGS)
{
	RatioSummary *a = RATIO_ARG(0);
	RatioSummary *b = RATIO_ARG(1);
	double		n1 = (double) a->trials;
	double		n2 = (double) b->trials;
	double		pooled;
	bool		isnull[3] = {true, true, true};
	double		none[3] = {0, 0, 0};

	if (a->trials == 0 || b->trials == 0)
		PG_RETURN_DATUM(abm_float8_row(fcinfo, none, isnull, 3));
	pooled = ((double) a->successes + (double) b->successes) / (n1 + n2);
	/* x1/n1 - x2/n2 = (x1 n2 - x2 n1) / (n1 n2), the numerator exact in 128 bits */
	PG_RETURN_DATUM(z_test_row(fcinfo,
							   (double) ((int128) a->successes * b->trials -
										 (int128) b->successes * a->trials) / (n1 * n2),
							   sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))));
}

PG_FUNCTION_INFO_V1(nps_test);
Datum
nps_test(PG_FUNCTION_ARGS)
{
	ScoreSummary *a = SCORE_ARG(0);
	ScoreSummary *b = SCORE_ARG(1);
	double		n1 = (double) score_responses_of(a);
	double		n2 = (double) score_responses_of(b);
	double		se1;
	double		se2;
	bool		isnull[3] = {true, true, true};
	double		none[3] = {0, 0, 0};

	score_require_nps_scale(a);
	score_require_nps_scale(b);
	if (n1 == 0 || n2 == 0)
		PG_RETURN_DATUM(abm_float8_row(fcinfo, none, isnull, 3));
	se1 = nps_standard_error(score_promoters_of(a), score_detractors_of(a), n1);
	se2 = nps_standard_error(score_promoters_of(b), score_detractors_of(b), n2);
	PG_RETURN_DATUM(z_test_row(fcinfo,
							   nps_of(score_promoters_of(a), score_detractors_of(a), n1) -
							   nps_of(score_promoters_of(b), score_detractors_of(b), n2),
							   sqrt(se1 * se1 + se2 * se2)));
}
