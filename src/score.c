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

#include "libpq/pqformat.h"

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

static const char *
score_problem(const ScoreSummary *s)
{
	int64		total = 0;

	if (s->hdr.flags != SCALE_NPS && (s->hdr.flags < CSAT_SCALE_MIN || s->hdr.flags > SCORE_MAX))
		return psprintf("Scale 1-%d is not 0-10 or 1-N with N from %d to %d.",
						s->hdr.flags, CSAT_SCALE_MIN, SCORE_MAX);
	for (int k = 0; k < SCORE_VALUES; k++)
	{
		if (s->counts[k] < 0)
			return psprintf("The count of score %d is negative.", k);
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

PG_FUNCTION_INFO_V1(score_summary_in);
Datum
score_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	ScoreSummary *s = (ScoreSummary *) abm_summary_new(sizeof(ScoreSummary));
	SummaryTextReader r;
	const char *value;
	int			len;
	int64		scale_max;
	const char *problem;

	summary_text_begin(&r, input, SCORE_TYPE);

	value = summary_text_field(&r, "scale", &len);
	if (len == 4 && strncmp(value, "0-10", 4) == 0)
		s->hdr.flags = SCALE_NPS;
	else if (len >= 3 && strncmp(value, "1-", 2) == 0 &&
			 summary_parse_count(value + 2, len - 2, &scale_max) &&
			 scale_max >= CSAT_SCALE_MIN && scale_max <= SCORE_MAX)
		s->hdr.flags = (uint8) scale_max;
	else
		summary_text_error(&r, "Scale \"%.*s\" must be 0-10 or 1-N with N from %d to %d.",
						   len, value, CSAT_SCALE_MIN, SCORE_MAX);

	value = summary_text_field(&r, "counts", &len);
	for (int k = 0; k < SCORE_VALUES; k++)
	{
		const char *comma = memchr(value, ',', len);
		int			item_len = (k < SCORE_MAX) ? (comma ? (int) (comma - value) : -1) : len;

		if (item_len < 0 || !summary_parse_count(value, item_len, &s->counts[k]))
			summary_text_error(&r, "Field \"counts\" must be %d comma-separated whole numbers, one per score 0..10.",
							   SCORE_VALUES);
		if (k < SCORE_MAX)
		{
			value += item_len + 1;
			len -= item_len + 1;
		}
	}
	summary_text_end(&r);
	if ((problem = score_problem(s)) != NULL)
		summary_text_error(&r, "%s", problem);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(score_summary_out);
Datum
score_summary_out(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = SCORE_ARG(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "v1 scale=");
	append_scale(&buf, s);
	appendStringInfoString(&buf, " counts=");
	for (int k = 0; k < SCORE_VALUES; k++)
		appendStringInfo(&buf, k == 0 ? INT64_FORMAT : "," INT64_FORMAT, s->counts[k]);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(score_summary_send);
Datum
score_summary_send(PG_FUNCTION_ARGS)
{
	ScoreSummary *s = SCORE_ARG(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ABM_FORMAT_V1);
	pq_sendbyte(&buf, s->hdr.flags);
	for (int k = 0; k < SCORE_VALUES; k++)
		pq_sendint64(&buf, s->counts[k]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(score_summary_recv);
Datum
score_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	ScoreSummary *s = (ScoreSummary *) abm_summary_new(sizeof(ScoreSummary));
	const char *problem;

	/* version, scale, eleven counts */
	summary_recv_begin(buf, SCORE_TYPE, 1 + 1 + 8 * SCORE_VALUES);
	s->hdr.flags = (uint8) pq_getmsgbyte(buf);
	for (int k = 0; k < SCORE_VALUES; k++)
		s->counts[k] = pq_getmsgint64(buf);
	if ((problem = score_problem(s)) != NULL)
		summary_recv_error(SCORE_TYPE, "%s", problem);
	PG_RETURN_POINTER(s);
}

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

/* Adds (sign 1) or, for rollup() over a moving window, removes a summary. */
static Datum
score_merge(FunctionCallInfo fcinfo, int sign)
{
	ScoreSummary *s = SCORE_STATE(0);
	ScoreSummary *other = SCORE_ARG(1);

	/* Same scale is the common case: only a difference needs the counts. */
	if (s->hdr.flags == other->hdr.flags)
		;
	else if (score_is_empty(other))
		PG_RETURN_POINTER(s);
	else if (score_is_empty(s))
		s->hdr.flags = other->hdr.flags;
	else
	{
		StringInfoData a;
		StringInfoData b;

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
	for (int k = 0; k < SCORE_VALUES; k++)
	{
		s->counts[k] = abm_count_add(s->counts[k], sign * other->counts[k], "score_summary responses");
		if (s->counts[k] < 0)
			abm_removal_error("score_summary", "A score's count would be negative.");
	}
	(void) score_responses_of(s);	/* the total must fit too */
	score_forget_scale_if_empty(s, sign);
	PG_RETURN_POINTER(s);
}

ABM_SQL_FUNCTION(score_trans, score_step(fcinfo, 1))
ABM_SQL_FUNCTION(score_inv, score_step(fcinfo, -1))
ABM_SQL_FUNCTION(score_trans_csat, score_step_csat(fcinfo, 1))
ABM_SQL_FUNCTION(score_inv_csat, score_step_csat(fcinfo, -1))
ABM_SQL_FUNCTION(score_trans_scaled, score_step_scaled(fcinfo, 1))
ABM_SQL_FUNCTION(score_inv_scaled, score_step_scaled(fcinfo, -1))
ABM_SQL_FUNCTION(score_combine, score_merge(fcinfo, 1))
ABM_SQL_FUNCTION(score_subtract, score_merge(fcinfo, -1))

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
