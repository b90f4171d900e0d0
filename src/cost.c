/*
 * cost.c: cost_summary, the state of CAC, CPL and every cost per account.
 *
 * Spend and the number of units it bought.  The transition functions treat
 * each column's NULLs on their own, exactly like sum(spend) divided by
 * count(*) FILTER (WHERE acquired) or by sum(leads): spend on an account
 * that was never acquired is still part of the cost of acquiring the others.
 */
#include "summary.h"

#include "utils/fmgrprotos.h"

typedef struct CostSummary
{
	AbmSummaryHeader hdr;		/* hdr.scale: decimal places of spend */
	int64		units;
	int128		spend[1];		/* an array so the money helpers apply */
} CostSummary;

#define COST_TYPE "cost_summary"
#define COST_ARG(n) ((CostSummary *) abm_summary_read(fcinfo, (n), sizeof(CostSummary)))
#define COST_STATE(n) ((CostSummary *) abm_summary_for_update(fcinfo, (n), sizeof(CostSummary)))

/* Nothing beyond "nothing is negative", which the core checks. */
static const AbmField cost_fields[] = {
	ABM_FIELD(CostSummary, units, ABM_FIELD_COUNT),
	ABM_FIELD_SCALE_AT,
	ABM_FIELD_NAMED("spend", CostSummary, spend[0], ABM_FIELD_MONEY),
};

static const AbmSummaryType cost_type = {
	.name = COST_TYPE,
	.size = sizeof(CostSummary),
	.fields = ABM_FIELDS(cost_fields),
	.money_offset = offsetof(CostSummary, spend),
	.money_fields = 1,
};

ABM_SUMMARY_IO(cost_summary, cost_type)
ABM_SUMMARY_MERGE(cost_combine, cost_rollup, cost_subtract, cost_type)

/* Spend and units are added (sign 1) or, for a moving window, removed (-1). */
static void
cost_add_spend(CostSummary *s, AbmAmount spend, int sign)
{
	abm_amount_require_nonnegative(spend, "spend");
	spend.units *= sign;
	abm_money_add_amount(s->spend, 1, &s->hdr.scale, 0, spend);
}

static void
cost_add_units(CostSummary *s, int64 units, int sign)
{
	if (units < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("units must not be negative, got " INT64_FORMAT, units)));
	s->units = abm_count_add(s->units, sign * units, "cost_summary units");
}

/* Arguments 1 (spend) and 2 (acquired or units) may each be NULL. */
static Datum
cost_step(FunctionCallInfo fcinfo, int sign, AbmAmountType spend_type, bool units_are_flags)
{
	CostSummary *s;
	int16		scale_before;

	/* Not strict (NULLs are skipped per column), so a direct call may pass a NULL state. */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = COST_STATE(0);
	scale_before = abm_scale_watch_begin(&s->hdr);
	if (!PG_ARGISNULL(1))
		cost_add_spend(s, abm_amount_arg(fcinfo, 1, spend_type, "spend"), sign);
	if (!PG_ARGISNULL(2))
	{
		if (units_are_flags)
		{
			if (PG_GETARG_BOOL(2))
				cost_add_units(s, 1, sign);
		}
		else
			cost_add_units(s, PG_GETARG_INT64(2), sign);
	}
	if (sign < 0)
		abm_summary_check_removal(&cost_type, &s->hdr);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

/* Per spend type: acquired flags (_acquired) or unit counts (_units). */
#define COST_STEPS(suffix, type) \
	ABM_SQL_FUNCTION(cost_trans_acquired##suffix, cost_step(fcinfo, 1, (type), true)) \
	ABM_SQL_FUNCTION(cost_inv_acquired##suffix, cost_step(fcinfo, -1, (type), true)) \
	ABM_SQL_FUNCTION(cost_trans_units##suffix, cost_step(fcinfo, 1, (type), false)) \
	ABM_SQL_FUNCTION(cost_inv_units##suffix, cost_step(fcinfo, -1, (type), false))

COST_STEPS(, ABM_AMOUNT_NUMERIC)
COST_STEPS(_float8, ABM_AMOUNT_FLOAT8)
COST_STEPS(_int8, ABM_AMOUNT_INT8)
COST_STEPS(_int4, ABM_AMOUNT_INT4)

PG_FUNCTION_INFO_V1(cost_spend);
Datum
cost_spend(PG_FUNCTION_ARGS)
{
	CostSummary *s = COST_ARG(0);

	PG_RETURN_DATUM(abm_money_to_numeric(s->spend[0], s->hdr.scale));
}

PG_FUNCTION_INFO_V1(cost_units);
Datum
cost_units(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(COST_ARG(0)->units);
}

PG_FUNCTION_INFO_V1(cost_per_unit);
Datum
cost_per_unit(PG_FUNCTION_ARGS)
{
	CostSummary *s = COST_ARG(0);

	if (s->units == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(abm_numeric_quotient(
									  abm_money_to_numeric(s->spend[0], s->hdr.scale),
									  DirectFunctionCall1(int8_numeric, Int64GetDatum(s->units))));
}
