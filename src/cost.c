/*
 * cost.c: cost_summary, the state of CAC, CPL and every cost per account.
 *
 * Spend and the number of units it bought.  The transition functions treat
 * each column's NULLs on their own, exactly like sum(spend) divided by
 * count(*) FILTER (WHERE acquired) or by sum(leads): spend on an account
 * that was never acquired is still part of the cost of acquiring the others.
 */
#include "summary_text.h"

#include "libpq/pqformat.h"
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

static const char *
cost_problem(const CostSummary *s)
{
	if (s->units < 0)
		return "units must not be negative.";
	if (s->hdr.scale < 0 || s->hdr.scale > ABM_MONEY_MAX_SCALE)
		return psprintf("Money scale %d is outside 0..%d.", s->hdr.scale, ABM_MONEY_MAX_SCALE);
	if (s->spend[0] < 0)
		return "spend must not be negative.";
	return NULL;
}

/* After an inverse transition: 22023 if it took away what was never added. */
static void
cost_check_removal(const CostSummary *s)
{
	const char *problem = cost_problem(s);

	if (problem != NULL)
		abm_removal_error("cost_summary", problem);
}

PG_FUNCTION_INFO_V1(cost_summary_in);
Datum
cost_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	CostSummary *s = (CostSummary *) abm_summary_new(sizeof(CostSummary));
	SummaryTextReader r;
	const char *problem;

	summary_text_begin(&r, input, COST_TYPE);
	s->units = summary_text_count(&r, "units");
	abm_money_add_amount(s->spend, 1, &s->hdr.scale, 0, summary_text_money(&r, "spend"));
	summary_text_end(&r);
	if ((problem = cost_problem(s)) != NULL)
		summary_text_error(&r, "%s", problem);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cost_summary_out);
Datum
cost_summary_out(PG_FUNCTION_ARGS)
{
	CostSummary *s = COST_ARG(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v1 units=" INT64_FORMAT " spend=", s->units);
	abm_money_append(&buf, s->spend[0], s->hdr.scale);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(cost_summary_send);
Datum
cost_summary_send(PG_FUNCTION_ARGS)
{
	CostSummary *s = COST_ARG(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ABM_FORMAT_V1);
	pq_sendint64(&buf, s->units);
	pq_sendint16(&buf, s->hdr.scale);
	abm_money_send(&buf, s->spend[0]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(cost_summary_recv);
Datum
cost_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CostSummary *s = (CostSummary *) abm_summary_new(sizeof(CostSummary));
	const char *problem;

	/* version, units, scale, spend */
	summary_recv_begin(buf, COST_TYPE, 1 + 8 + 2 + 16);
	s->units = pq_getmsgint64(buf);
	s->hdr.scale = (int16) pq_getmsgint(buf, 2);
	s->spend[0] = abm_money_recv(buf);
	if ((problem = cost_problem(s)) != NULL)
		summary_recv_error(COST_TYPE, "%s", problem);
	PG_RETURN_POINTER(s);
}

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
cost_step(FunctionCallInfo fcinfo, int sign, bool spend_is_float8, bool units_are_flags)
{
	CostSummary *s;
	int16		scale_before;

	/* Not strict (NULLs are skipped per column), so a direct call may pass a NULL state. */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = COST_STATE(0);
	scale_before = abm_scale_watch_begin(&s->hdr);
	if (!PG_ARGISNULL(1))
		cost_add_spend(s, spend_is_float8
					   ? abm_amount_from_float8(PG_GETARG_FLOAT8(1), "spend")
					   : abm_amount_from_numeric(PG_GETARG_DATUM(1), "spend"),
					   sign);
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
		cost_check_removal(s);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

/*
 * Adds (sign 1) or, for rollup() over a moving window, removes (sign -1) a
 * summary: as one unit of rollup() input, or as a partial state to combine.
 */
static Datum
cost_merge(FunctionCallInfo fcinfo, int sign, bool as_one_unit)
{
	CostSummary *s = COST_STATE(0);
	CostSummary *other = COST_ARG(1);
	int16		scale_before = s->hdr.scale;
	int128		spend[1] = {sign * other->spend[0]};

	s->units = abm_count_add(s->units, sign * other->units, "cost_summary units");
	abm_money_add_sums(s->spend, 1, &s->hdr.scale, spend, other->hdr.scale);
	if (sign < 0)
		cost_check_removal(s);
	if (!abm_scale_merge_rows(&s->hdr, scale_before, &other->hdr, sign, as_one_unit))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

ABM_SQL_FUNCTION(cost_trans_acquired, cost_step(fcinfo, 1, false, true))
ABM_SQL_FUNCTION(cost_inv_acquired, cost_step(fcinfo, -1, false, true))
ABM_SQL_FUNCTION(cost_trans_acquired_float8, cost_step(fcinfo, 1, true, true))
ABM_SQL_FUNCTION(cost_inv_acquired_float8, cost_step(fcinfo, -1, true, true))
ABM_SQL_FUNCTION(cost_trans_units, cost_step(fcinfo, 1, false, false))
ABM_SQL_FUNCTION(cost_inv_units, cost_step(fcinfo, -1, false, false))
ABM_SQL_FUNCTION(cost_trans_units_float8, cost_step(fcinfo, 1, true, false))
ABM_SQL_FUNCTION(cost_inv_units_float8, cost_step(fcinfo, -1, true, false))
ABM_SQL_FUNCTION(cost_combine, cost_merge(fcinfo, 1, false))
ABM_SQL_FUNCTION(cost_rollup, cost_merge(fcinfo, 1, true))
ABM_SQL_FUNCTION(cost_subtract, cost_merge(fcinfo, -1, true))

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
