/*
 * ratio.c: ratio_summary, the state of every rate KPI.
 *
 * successes out of trials (won of decided deals, conversions of rows,
 * clicks of impressions), and for the amount-weighted win rate the money of
 * the successes out of the money of all trials.
 */
#include "ratio.h"

#include "libpq/pqformat.h"

/* Why a summary is not valid, or NULL: shared by text input and recv. */
static const char *
ratio_problem(const RatioSummary *s)
{
	if (s->successes < 0 || s->trials < 0)
		return "Counts must not be negative.";
	if (s->successes > s->trials)
		return psprintf("successes (" INT64_FORMAT ") exceed trials (" INT64_FORMAT ").",
						s->successes, s->trials);
	if (s->hdr.scale < 0 || s->hdr.scale > ABM_MONEY_MAX_SCALE)
		return psprintf("Money scale %d is outside 0..%d.", s->hdr.scale, ABM_MONEY_MAX_SCALE);
	if (s->money[RATIO_SUCCESS_AMOUNT] < 0 || s->money[RATIO_TRIAL_AMOUNT] < 0)
		return "Amounts must not be negative.";
	if (s->money[RATIO_SUCCESS_AMOUNT] > s->money[RATIO_TRIAL_AMOUNT])
		return "success_amount exceeds trial_amount.";
	if (s->trials == 0 && s->money[RATIO_TRIAL_AMOUNT] != 0)
		return "A summary without trials has no trial_amount.";
	return NULL;
}

PG_FUNCTION_INFO_V1(ratio_summary_in);
Datum
ratio_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RatioSummary *s = (RatioSummary *) abm_summary_new(sizeof(RatioSummary));
	SummaryTextReader r;
	const char *problem;

	summary_text_begin(&r, input, RATIO_TYPE);
	s->successes = summary_text_count(&r, "successes");
	s->trials = summary_text_count(&r, "trials");
	abm_money_add_amount(s->money, RATIO_MONEY_FIELDS, &s->hdr.scale, RATIO_SUCCESS_AMOUNT,
						 summary_text_money(&r, "success_amount"));
	abm_money_add_amount(s->money, RATIO_MONEY_FIELDS, &s->hdr.scale, RATIO_TRIAL_AMOUNT,
						 summary_text_money(&r, "trial_amount"));
	summary_text_end(&r);
	if ((problem = ratio_problem(s)) != NULL)
		summary_text_error(&r, "%s", problem);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(ratio_summary_out);
Datum
ratio_summary_out(PG_FUNCTION_ARGS)
{
	RatioSummary *s = RATIO_ARG(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v1 successes=" INT64_FORMAT " trials=" INT64_FORMAT " success_amount=",
					 s->successes, s->trials);
	abm_money_append(&buf, s->money[RATIO_SUCCESS_AMOUNT], s->hdr.scale);
	appendStringInfoString(&buf, " trial_amount=");
	abm_money_append(&buf, s->money[RATIO_TRIAL_AMOUNT], s->hdr.scale);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(ratio_summary_send);
Datum
ratio_summary_send(PG_FUNCTION_ARGS)
{
	RatioSummary *s = RATIO_ARG(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ABM_FORMAT_V1);
	pq_sendint64(&buf, s->successes);
	pq_sendint64(&buf, s->trials);
	pq_sendint16(&buf, s->hdr.scale);
	for (int i = 0; i < RATIO_MONEY_FIELDS; i++)
		abm_money_send(&buf, s->money[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(ratio_summary_recv);
Datum
ratio_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RatioSummary *s = (RatioSummary *) abm_summary_new(sizeof(RatioSummary));
	const char *problem;

	/* version, successes, trials, scale, two money sums */
	summary_recv_begin(buf, RATIO_TYPE, 1 + 8 + 8 + 2 + 16 * RATIO_MONEY_FIELDS);
	s->successes = pq_getmsgint64(buf);
	s->trials = pq_getmsgint64(buf);
	s->hdr.scale = (int16) pq_getmsgint(buf, 2);
	for (int i = 0; i < RATIO_MONEY_FIELDS; i++)
		s->money[i] = abm_money_recv(buf);
	if ((problem = ratio_problem(s)) != NULL)
		summary_recv_error(RATIO_TYPE, "%s", problem);
	PG_RETURN_POINTER(s);
}

/*
 * One decided outcome, added (sign = 1) or, for a moving window, removed
 * again (sign = -1).  A count can only overflow on trials.
 */
static void
ratio_add_outcome(RatioSummary *s, bool success, int sign)
{
	s->trials = abm_count_add(s->trials, sign, "ratio_summary trials");
	if (success)
		s->successes += sign;
}

static void
ratio_add_amount(RatioSummary *s, bool success, AbmAmount amount, int sign)
{
	abm_amount_require_nonnegative(amount, "amount");
	ratio_add_outcome(s, success, sign);
	amount.units *= sign;
	if (success)
		abm_money_add_amount(s->money, RATIO_MONEY_FIELDS, &s->hdr.scale,
							 RATIO_SUCCESS_AMOUNT, amount);
	abm_money_add_amount(s->money, RATIO_MONEY_FIELDS, &s->hdr.scale,
						 RATIO_TRIAL_AMOUNT, amount);
}

/*
 * After an inverse transition: a moving window removes only rows it added,
 * so only a direct call can get here with a broken summary (22023).
 */
static void
ratio_check_removal(const RatioSummary *s)
{
	const char *problem = ratio_problem(s);

	if (problem != NULL)
		abm_removal_error("ratio_summary", problem);
}

/* Transition (sign 1) and inverse transition (sign -1) functions. */
static Datum
ratio_step_bool(FunctionCallInfo fcinfo, int sign)
{
	RatioSummary *s = RATIO_STATE(0);

	ratio_add_outcome(s, PG_GETARG_BOOL(1), sign);
	if (sign < 0)
		ratio_check_removal(s);
	PG_RETURN_POINTER(s);
}

static Datum
ratio_step_amount(FunctionCallInfo fcinfo, int sign, bool is_float8)
{
	RatioSummary *s = RATIO_STATE(0);
	int16		scale_before = abm_scale_watch_begin(&s->hdr);

	ratio_add_amount(s, PG_GETARG_BOOL(1),
					 is_float8 ? abm_amount_from_float8(PG_GETARG_FLOAT8(2), "amount")
					 : abm_amount_from_numeric(PG_GETARG_DATUM(2), "amount"),
					 sign);
	if (sign < 0)
		ratio_check_removal(s);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

static Datum ratio_step_counts(FunctionCallInfo fcinfo, int sign);

ABM_SQL_FUNCTION(ratio_trans, ratio_step_bool(fcinfo, 1))
ABM_SQL_FUNCTION(ratio_inv, ratio_step_bool(fcinfo, -1))
ABM_SQL_FUNCTION(ratio_trans_amount, ratio_step_amount(fcinfo, 1, false))
ABM_SQL_FUNCTION(ratio_inv_amount, ratio_step_amount(fcinfo, -1, false))
ABM_SQL_FUNCTION(ratio_trans_amount_float8, ratio_step_amount(fcinfo, 1, true))
ABM_SQL_FUNCTION(ratio_inv_amount_float8, ratio_step_amount(fcinfo, -1, true))
ABM_SQL_FUNCTION(ratio_trans_counts, ratio_step_counts(fcinfo, 1))
ABM_SQL_FUNCTION(ratio_inv_counts, ratio_step_counts(fcinfo, -1))

static Datum
ratio_step_counts(FunctionCallInfo fcinfo, int sign)
{
	RatioSummary *s = RATIO_STATE(0);
	int64		numerator = PG_GETARG_INT64(1);
	int64		denominator = PG_GETARG_INT64(2);

	if (numerator < 0 || denominator < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rate counts must not be negative, got numerator " INT64_FORMAT " and denominator " INT64_FORMAT,
						numerator, denominator)));
	if (numerator > denominator)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rate numerator " INT64_FORMAT " exceeds its denominator " INT64_FORMAT,
						numerator, denominator),
				 errdetail("A rate is a share in [0, 1]: each row needs 0 <= numerator <= denominator.")));
	s->trials = abm_count_add(s->trials, sign * denominator, "ratio_summary trials");
	s->successes += sign * numerator;
	if (sign < 0)
		ratio_check_removal(s);
	PG_RETURN_POINTER(s);
}

/*
 * Adds (sign 1) or, for rollup() over a moving window, removes (sign -1) a
 * summary: as one unit of rollup() input, or as a partial state to combine.
 */
static Datum
ratio_merge(FunctionCallInfo fcinfo, int sign, bool as_one_unit)
{
	RatioSummary *s = RATIO_STATE(0);
	RatioSummary *other = RATIO_ARG(1);
	int16		scale_before = s->hdr.scale;
	int128		money[RATIO_MONEY_FIELDS];

	s->trials = abm_count_add(s->trials, sign * other->trials, "ratio_summary trials");
	s->successes += sign * other->successes;
	for (int i = 0; i < RATIO_MONEY_FIELDS; i++)
		money[i] = sign * other->money[i];
	abm_money_add_sums(s->money, RATIO_MONEY_FIELDS, &s->hdr.scale, money, other->hdr.scale);
	if (sign < 0)
		ratio_check_removal(s);
	if (!abm_scale_merge_rows(&s->hdr, scale_before, &other->hdr, sign, as_one_unit))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

ABM_SQL_FUNCTION(ratio_combine, ratio_merge(fcinfo, 1, false))
ABM_SQL_FUNCTION(ratio_rollup, ratio_merge(fcinfo, 1, true))
ABM_SQL_FUNCTION(ratio_subtract, ratio_merge(fcinfo, -1, true))

PG_FUNCTION_INFO_V1(ratio_successes);
Datum
ratio_successes(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(RATIO_ARG(0)->successes);
}

PG_FUNCTION_INFO_V1(ratio_trials);
Datum
ratio_trials(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(RATIO_ARG(0)->trials);
}

PG_FUNCTION_INFO_V1(ratio_failures);
Datum
ratio_failures(PG_FUNCTION_ARGS)
{
	RatioSummary *s = RATIO_ARG(0);

	PG_RETURN_INT64(s->trials - s->successes);
}

PG_FUNCTION_INFO_V1(ratio_success_amount);
Datum
ratio_success_amount(PG_FUNCTION_ARGS)
{
	RatioSummary *s = RATIO_ARG(0);

	PG_RETURN_DATUM(abm_money_to_numeric(s->money[RATIO_SUCCESS_AMOUNT], s->hdr.scale));
}

PG_FUNCTION_INFO_V1(ratio_trial_amount);
Datum
ratio_trial_amount(PG_FUNCTION_ARGS)
{
	RatioSummary *s = RATIO_ARG(0);

	PG_RETURN_DATUM(abm_money_to_numeric(s->money[RATIO_TRIAL_AMOUNT], s->hdr.scale));
}

PG_FUNCTION_INFO_V1(ratio_rate);
Datum
ratio_rate(PG_FUNCTION_ARGS)
{
	RatioSummary *s = RATIO_ARG(0);

	ABM_RETURN_RATE(s->successes, s->trials);
}

PG_FUNCTION_INFO_V1(ratio_amount_rate);
Datum
ratio_amount_rate(PG_FUNCTION_ARGS)
{
	RatioSummary *s = RATIO_ARG(0);

	/* Both sums share one scale, so their ratio needs no rescaling. */
	ABM_RETURN_RATE(s->money[RATIO_SUCCESS_AMOUNT], s->money[RATIO_TRIAL_AMOUNT]);
}
