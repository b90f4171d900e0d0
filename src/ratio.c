/*
 * ratio.c: ratio_summary, the state of every rate KPI.
 *
 * successes out of trials (won of decided deals, conversions of rows,
 * clicks of impressions), and for the amount-weighted win rate the money of
 * the successes out of the money of all trials.
 */
#include "ratio.h"


/* KPI invariants; the core checks that nothing is negative. */
static const char *
ratio_problem(const AbmSummaryHeader *h)
{
	const RatioSummary *s = (const RatioSummary *) h;

	if (s->successes > s->trials)
		return psprintf("successes (" INT64_FORMAT ") exceed trials (" INT64_FORMAT ").",
						s->successes, s->trials);
	if (s->money[RATIO_SUCCESS_AMOUNT] > s->money[RATIO_TRIAL_AMOUNT])
		return "success_amount exceeds trial_amount.";
	if (s->trials == 0 && s->money[RATIO_TRIAL_AMOUNT] != 0)
		return "A summary without trials has no trial_amount.";
	return NULL;
}

static const AbmField ratio_fields[] = {
	ABM_FIELD(RatioSummary, successes, ABM_FIELD_COUNT),
	ABM_FIELD(RatioSummary, trials, ABM_FIELD_COUNT),
	ABM_FIELD_SCALE_AT,
	ABM_FIELD_NAMED("success_amount", RatioSummary, money[RATIO_SUCCESS_AMOUNT], ABM_FIELD_MONEY),
	ABM_FIELD_NAMED("trial_amount", RatioSummary, money[RATIO_TRIAL_AMOUNT], ABM_FIELD_MONEY),
};

const AbmSummaryType ratio_type = {
	.name = RATIO_TYPE,
	.size = sizeof(RatioSummary),
	.fields = ABM_FIELDS(ratio_fields),
	.money_offset = offsetof(RatioSummary, money),
	.money_fields = RATIO_MONEY_FIELDS,
	.problem = ratio_problem,
};

ABM_SUMMARY_IO(ratio_summary, ratio_type)
ABM_SUMMARY_MERGE(ratio_combine, ratio_rollup, ratio_subtract, ratio_type)

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

/* Transition (sign 1) and inverse transition (sign -1) functions. */
static Datum
ratio_step_bool(FunctionCallInfo fcinfo, int sign)
{
	RatioSummary *s = RATIO_STATE(0);

	ratio_add_outcome(s, PG_GETARG_BOOL(1), sign);
	if (sign < 0)
		abm_summary_check_removal(&ratio_type, &s->hdr);
	PG_RETURN_POINTER(s);
}

static Datum
ratio_step_amount(FunctionCallInfo fcinfo, int sign, AbmAmountType type)
{
	RatioSummary *s = RATIO_STATE(0);
	int16		scale_before = abm_scale_watch_begin(&s->hdr);

	ratio_add_amount(s, PG_GETARG_BOOL(1), abm_amount_arg(fcinfo, 2, type, "amount"), sign);
	if (sign < 0)
		abm_summary_check_removal(&ratio_type, &s->hdr);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

static Datum ratio_step_counts(FunctionCallInfo fcinfo, int sign);

ABM_SQL_FUNCTION(ratio_trans, ratio_step_bool(fcinfo, 1))
ABM_SQL_FUNCTION(ratio_inv, ratio_step_bool(fcinfo, -1))
ABM_SQL_FUNCTION(ratio_trans_amount, ratio_step_amount(fcinfo, 1, ABM_AMOUNT_NUMERIC))
ABM_SQL_FUNCTION(ratio_inv_amount, ratio_step_amount(fcinfo, -1, ABM_AMOUNT_NUMERIC))
ABM_SQL_FUNCTION(ratio_trans_amount_float8, ratio_step_amount(fcinfo, 1, ABM_AMOUNT_FLOAT8))
ABM_SQL_FUNCTION(ratio_inv_amount_float8, ratio_step_amount(fcinfo, -1, ABM_AMOUNT_FLOAT8))
ABM_SQL_FUNCTION(ratio_trans_amount_int8, ratio_step_amount(fcinfo, 1, ABM_AMOUNT_INT8))
ABM_SQL_FUNCTION(ratio_inv_amount_int8, ratio_step_amount(fcinfo, -1, ABM_AMOUNT_INT8))
ABM_SQL_FUNCTION(ratio_trans_amount_int4, ratio_step_amount(fcinfo, 1, ABM_AMOUNT_INT4))
ABM_SQL_FUNCTION(ratio_inv_amount_int4, ratio_step_amount(fcinfo, -1, ABM_AMOUNT_INT4))
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
		abm_summary_check_removal(&ratio_type, &s->hdr);
	PG_RETURN_POINTER(s);
}

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
