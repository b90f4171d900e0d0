/*
 * score.c: score_summary, the state of NPS and CSAT.
 *
 * It counts the responses giving each score 0..10, which is all NPS, CSAT,
 * the mean score and any later statistic need, and adds up exactly.  It
 * also remembers the scale the scores were asked on: 0-10 (NPS) or 1-N
 * (CSAT, N in 3..10), so that CSAT knows its top two points and summaries of
 * different surveys are not silently mixed.
 */
#include "score.h"

static int
scale_low(const ScoreSummary *s)
{
	return s->hdr.flags == SCALE_NPS ? 0 : 1;
}

static int
scale_high(const ScoreSummary *s)
{
	return s->hdr.flags == SCALE_NPS ? SCORE_MAX : s->hdr.flags;
}

/* Total responses; counts are checked so the total always fits. */
int64
score_responses_of(const ScoreSummary *s)
{
	int64		total = 0;

	for (int k = 0; k < SCORE_VALUES; k++)
		total = abm_count_add(total, s->counts[k], "score_summary responses");
	return total;
}

int64
score_sum_range(const ScoreSummary *s, int low, int high)
{
	int64		total = 0;

	for (int k = low; k <= high; k++)
		total += s->counts[k];
	return total;
}

static bool
score_is_empty(const ScoreSummary *s)
{
	return score_sum_range(s, 0, SCORE_MAX) == 0;
}

static void
check_scale_max(int32 scale_max)
{
	if (scale_max < CSAT_SCALE_MIN || scale_max > SCORE_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale_max %d is out of range", scale_max),
				 errdetail("A 1..scale_max survey scale needs scale_max from %d to %d.",
						   CSAT_SCALE_MIN, SCORE_MAX)));
}

/* KPI invariants; the core checks that no count is negative. */
static const char *
score_problem(const AbmSummaryHeader *h)
{
	const ScoreSummary *s = (const ScoreSummary *) h;
	int64		total = 0;

	if (s->hdr.flags != SCALE_NPS && (s->hdr.flags < CSAT_SCALE_MIN || s->hdr.flags > SCORE_MAX))
		return psprintf("Scale 1-%d is not 0-10 or 1-N with N from %d to %d.",
						s->hdr.flags, CSAT_SCALE_MIN, SCORE_MAX);
	for (int k = 0; k < SCORE_VALUES; k++)
	{
		if (s->counts[k] != 0 && (k < scale_low(s) || k > scale_high(s)))
			return psprintf("Score %d has responses but lies outside the scale %d-%d.",
							k, scale_low(s), scale_high(s));
		if (__builtin_add_overflow(total, s->counts[k], &total))
			return "The total number of responses exceeds the 64-bit count limit.";
	}
	return NULL;
}

static void
append_scale(StringInfo buf, const ScoreSummary *s)
{
	appendStringInfo(buf, "%d-%d", scale_low(s), scale_high(s));
}

/* The survey scale, kept in hdr.flags: "0-10" or "1-N". */
static bool
scale_parse(const char *value, int len, uint8 *flags)
{
	int64		scale_max;

	if (len == 4 && strncmp(value, "0-10", 4) == 0)
		*flags = SCALE_NPS;
	else if (len >= 3 && strncmp(value, "1-", 2) == 0 &&
			 summary_parse_count(value + 2, len - 2, &scale_max) &&
			 scale_max >= CSAT_SCALE_MIN && scale_max <= SCORE_MAX)
		*flags = (uint8) scale_max;
	else
		return false;
	return true;
}

static void
scale_append(StringInfo buf, uint8 flags)
{
	ScoreSummary s = {.hdr.flags = flags};

	append_scale(buf, &s);
}

static bool score_merge_begin(AbmSummaryHeader *s, const AbmSummaryHeader *other);
static void score_merge_end(AbmSummaryHeader *s, int sign);

static const AbmField score_fields[] = {
	{"scale", ABM_FIELD_FLAGS, 0, 1, NULL, NULL},
	ABM_FIELD_LIST(ScoreSummary, counts, ABM_FIELD_COUNT, SCORE_VALUES, "score", NULL),
};

static const AbmSummaryType score_type = {
	.name = SCORE_TYPE,
	.size = sizeof(ScoreSummary),
	.fields = ABM_FIELDS(score_fields),
	.problem = score_problem,
	.flags_parse = scale_parse,
	.flags_append = scale_append,
	.flags_expected = "0-10 or 1-N with N from 3 to 10",
	.merge_begin = score_merge_begin,
	.merge_end = score_merge_end,
};

ABM_SUMMARY_IO(score_summary, score_type)
/* rollup() is score_combine itself: without money, as_one_unit means nothing. */
ABM_SQL_FUNCTION(score_combine, abm_summary_merge(fcinfo, &score_type, 1, false))
ABM_SQL_FUNCTION(score_subtract, abm_summary_merge(fcinfo, &score_type, -1, true))

/*
 * A moving window that removed every response must look like the initial
 * value again (scale 0-10), as a fresh aggregate over its empty frame
 * would: the scale belongs to the responses, not to the window.
 */
static void
score_forget_scale_if_empty(ScoreSummary *s, int sign)
{
	if (sign < 0 && score_is_empty(s))
		s->hdr.flags = SCALE_NPS;
}

/*
 * One response, which must lie on the summary's scale: added (sign 1) or,
 * for a moving window, removed again (sign -1).
 */
static void
score_add_response(ScoreSummary *s, int32 score, int sign)
{
	if (score < scale_low(s) || score > scale_high(s))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %d is out of range for a %d-%d scale", score,
						scale_low(s), scale_high(s)),
				 errdetail(s->hdr.flags == SCALE_NPS
						   ? "NPS scores run from 0 to 10."
						   : "Survey scores run from 1 to scale_max.")));
	s->counts[score] = abm_count_add(s->counts[score], sign, "score_summary responses");
	if (s->counts[score] < 0)
		abm_removal_error("score_summary", "A score's count would be negative.");
	score_forget_scale_if_empty(s, sign);
}

/* score_agg(score) and nps_score(score): the state's own scale. */
static Datum
score_step(FunctionCallInfo fcinfo, int sign)
{
	ScoreSummary *s = SCORE_STATE(0);

	score_add_response(s, PG_GETARG_INT32(1), sign);
	PG_RETURN_POINTER(s);
}

/* csat(score): the state starts on the default 1-5 scale. */
static Datum
score_step_csat(FunctionCallInfo fcinfo, int sign)
{
	ScoreSummary *s = SCORE_STATE(0);

	/* The initial value is 1-5; only an emptied window is back at 0-10. */
	if (s->hdr.flags == SCALE_NPS && score_is_empty(s))
		s->hdr.flags = CSAT_SCALE_DEFAULT;
	score_add_response(s, PG_GETARG_INT32(1), sign);
	PG_RETURN_POINTER(s);
}

/* score_agg(score, scale_max) and csat(score, scale_max). */
static Datum
score_step_scaled(FunctionCallInfo fcinfo, int sign)
{
	ScoreSummary *s = SCORE_STATE(0);
	int32		scale_max = PG_GETARG_INT32(2);

	check_scale_max(scale_max);
	/* Per row: compare first, look at the counts only when the scale differs. */
	if (s->hdr.flags == scale_max)
		;
	else if (score_is_empty(s))
		s->hdr.flags = (uint8) scale_max;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale_max changed from %d to %d within one aggregate",
						scale_high(s), scale_max),
				 errdetail("All responses summarized together must share one scale.")));
	score_add_response(s, PG_GETARG_INT32(1), sign);
	PG_RETURN_POINTER(s);
}

/*
 * Merging: summaries on one scale add up; an empty one takes the other's
 * scale; two non-empty ones on different scales cannot be added.
 */
static bool
score_merge_begin(AbmSummaryHeader *h, const AbmSummaryHeader *other_h)
{
	ScoreSummary *s = (ScoreSummary *) h;
	const ScoreSummary *other = (const ScoreSummary *) other_h;
	StringInfoData a;
	StringInfoData b;

	/* Same scale is the common case: only a difference needs the counts. */
	if (s->hdr.flags == other->hdr.flags)
		return true;
	if (score_is_empty(other))
		return false;
	if (score_is_empty(s))
	{
		s->hdr.flags = other->hdr.flags;
		return true;
	}
	initStringInfo(&a);
	initStringInfo(&b);
	append_scale(&a, s);
	append_scale(&b, other);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot combine score summaries on different scales: %s and %s",
					a.data, b.data),
			 errdetail("Responses to surveys on different scales cannot be added up.")));
}

static void
score_merge_end(AbmSummaryHeader *h, int sign)
{
	ScoreSummary *s = (ScoreSummary *) h;

	(void) score_responses_of(s);	/* the total must fit too */
	score_forget_scale_if_empty(s, sign);
}

ABM_SQL_FUNCTION(score_trans, score_step(fcinfo, 1))
ABM_SQL_FUNCTION(score_inv, score_step(fcinfo, -1))
ABM_SQL_FUNCTION(score_trans_csat, score_step_csat(fcinfo, 1))
ABM_SQL_FUNCTION(score_inv_csat, score_step_csat(fcinfo, -1))
ABM_SQL_FUNCTION(score_trans_scaled, score_step_scaled(fcinfo, 1))
ABM_SQL_FUNCTION(score_inv_scaled, score_step_scaled(fcinfo, -1))

PG_FUNCTION_INFO_V1(score_responses);
Datum
score_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(score_responses_of(SCORE_ARG(0)));
}

PG_FUNCTION_INFO_V1(score_promoters);
Datum
score_promoters(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(score_sum_range(SCORE_ARG(0), 9, 10));
}

PG_FUNCTION_INFO_V1(score_passives);
Datum
score_passives(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(score_sum_range(SCORE_ARG(0), 7, 8));
}

PG_FUNCTION_INFO_V1(score_detractors);
Datum
score_detractors(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(score_sum_range(SCORE_ARG(0), 0, 6));
}

PG_FUNCTION_INFO_V1(score_count);
Datum
score_count(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = SCORE_ARG(0);
	int32		score = PG_GETARG_INT32(1);

	if (score < 0 || score > SCORE_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %d is out of range", score),
				 errdetail("A score summary counts scores 0 to 10.")));
	PG_RETURN_INT64(s->counts[score]);
}

PG_FUNCTION_INFO_V1(score_mean);
Datum
score_mean(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = SCORE_ARG(0);
	int128		points = 0;

	for (int k = 1; k < SCORE_VALUES; k++)
		points += (int128) k * s->counts[k];
	ABM_RETURN_RATE(points, score_responses_of(s));
}

void
score_require_nps_scale(const ScoreSummary *s)
{
	if (scale_high(s) != SCORE_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("NPS needs scores on a 0-10 scale, not 1-%d", scale_high(s))));
}

PG_FUNCTION_INFO_V1(score_nps);
Datum
score_nps(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = SCORE_ARG(0);
	int64		responses = score_responses_of(s);
	int64		promoters = score_sum_range(s, 9, 10);
	int64		detractors = score_sum_range(s, 0, 6);

	score_require_nps_scale(s);
	if (responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) (promoters - detractors) / (double) responses);
}

/* Top-two-box share on a 1..scale_max scale. */
static Datum
csat_share(FunctionCallInfo fcinfo, ScoreSummary *s, int scale_max)
{
	int64		responses = score_responses_of(s);
	int64		outside = responses - score_sum_range(s, 1, scale_max);

	if (s->hdr.flags != SCALE_NPS && s->hdr.flags != scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("score summary is on a 1-%d scale, not 1-%d", s->hdr.flags, scale_max)));
	if (outside != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("score summary has " INT64_FORMAT " responses outside the CSAT scale 1-%d",
						outside, scale_max),
				 errhint("Pass the survey's scale_max, e.g. csat(summary, 10).")));
	ABM_RETURN_RATE(score_sum_range(s, scale_max - 1, scale_max), responses);
}

PG_FUNCTION_INFO_V1(score_csat);
Datum
score_csat(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = SCORE_ARG(0);

	return csat_share(fcinfo, s, s->hdr.flags == SCALE_NPS ? CSAT_SCALE_DEFAULT : s->hdr.flags);
}

PG_FUNCTION_INFO_V1(score_csat_scaled);
Datum
score_csat_scaled(PG_FUNCTION_ARGS)
{
	int32		scale_max = PG_GETARG_INT32(1);

	check_scale_max(scale_max);
	return csat_share(fcinfo, SCORE_ARG(0), scale_max);
}
