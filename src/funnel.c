/*
 * funnel.c: funnel_summary, the state of the six-stage ABM funnel.
 *
 * Per account the aggregate learns its furthest stage and, when it is given
 * the time each stage was reached, how long each step took.  It keeps:
 *   - accounts per furthest stage (cumulative counts follow: an account at
 *     "won" also reached target, engaged and opportunity);
 *   - the spend attributed to the accounts, exactly;
 *   - per stage k, the number and exact microsecond sum of the steps from
 *     the latest earlier stage with a time ("from previous"), and of the
 *     spans from the first touch (the engaged stage's time) to stage k.
 * Every field adds up, so summaries combine and roll up exactly, and the
 * average days per step are exact sums divided once at the end.
 */
#include "funnel.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#define FUNNEL_TYPE "funnel_summary"
#define FUNNEL_ARG(n) ((FunnelSummary *) abm_summary_read(fcinfo, (n), sizeof(FunnelSummary)))
#define FUNNEL_STATE(n) ((FunnelSummary *) abm_summary_for_update(fcinfo, (n), sizeof(FunnelSummary)))

/* Index of a stage in the per-stage arrays. */
#define IDX(stage) ((stage) - 1)

int64
funnel_reaching(const FunnelSummary *s, AbmStage stage)
{
	int64		total = 0;

	/* Checked on every way in: the total of furthest counts fits. */
	for (int k = stage; k <= STAGE_EXPANDED; k++)
		total += s->furthest[IDX(k)];
	return total;
}

/* KPI invariants; the core checks that nothing is negative. */
static const char *
funnel_problem(const AbmSummaryHeader *h)
{
	const FunnelSummary *s = (const FunnelSummary *) h;
	int64		total = 0;

	for (int k = STAGE_TARGET; k <= STAGE_EXPANDED; k++)
		if (__builtin_add_overflow(total, s->furthest[IDX(k)], &total))
			return "The total number of accounts exceeds the 64-bit count limit.";
	for (int k = STAGE_TARGET; k <= STAGE_EXPANDED; k++)
	{
		int64		reaching = funnel_reaching(s, k);

		if (s->step_n[IDX(k)] > reaching || s->touch_n[IDX(k)] > reaching)
			return psprintf("More timed steps into %s than accounts reaching it.", abm_stage_name(k));
		if ((k == STAGE_TARGET && (s->step_n[0] != 0 || s->touch_n[0] != 0)) ||
			(k <= STAGE_ENGAGED && s->touch_us[IDX(k)] != 0))
			return psprintf("Stage %s cannot have that timing.", abm_stage_name(k));
		if ((s->step_n[IDX(k)] == 0 && s->step_us[IDX(k)] != 0) ||
			(s->touch_n[IDX(k)] == 0 && s->touch_us[IDX(k)] != 0))
			return psprintf("Time is summed into %s without a step counted.", abm_stage_name(k));
	}
	return NULL;
}

static void funnel_check_total(const FunnelSummary *s);

static void
funnel_merge_end(AbmSummaryHeader *s, int sign)
{
	funnel_check_total((const FunnelSummary *) s);
}

#define FUNNEL_LIST(member, kind) \
	ABM_FIELD_LIST(FunnelSummary, member, kind, ABM_STAGE_COUNT, "stage", abm_stage_names)

/* Text order; the binary form sends spend first, then stage by stage. */
static const AbmField funnel_fields[] = {
	FUNNEL_LIST(furthest, ABM_FIELD_COUNT),
	ABM_FIELD_SCALE_AT,
	ABM_FIELD_NAMED("spend", FunnelSummary, spend[0], ABM_FIELD_MONEY),
	FUNNEL_LIST(step_n, ABM_FIELD_COUNT),
	FUNNEL_LIST(step_us, ABM_FIELD_WHOLE),
	FUNNEL_LIST(touch_n, ABM_FIELD_COUNT),
	FUNNEL_LIST(touch_us, ABM_FIELD_WHOLE),
};
static const uint8 funnel_binary_order[] = {1, 2, 0, 3, 4, 5, 6};

static const AbmSummaryType funnel_type = {
	.name = FUNNEL_TYPE,
	.size = sizeof(FunnelSummary),
	.fields = ABM_FIELDS(funnel_fields),
	.binary_order = funnel_binary_order,
	.interleave_from = 2,
	.money_offset = offsetof(FunnelSummary, spend),
	.money_fields = 1,
	.problem = funnel_problem,
	.merge_end = funnel_merge_end,
};

ABM_SUMMARY_IO(funnel_summary, funnel_type)
ABM_SUMMARY_MERGE(funnel_combine, funnel_rollup, funnel_subtract, funnel_type)

/* The total of accounts must fit, so that cumulative counts never wrap. */
static void
funnel_check_total(const FunnelSummary *s)
{
	int64		total = 0;

	for (int i = 0; i < ABM_STAGE_COUNT; i++)
		total = abm_count_add(total, s->furthest[i], "funnel_summary accounts");
}

/*
 * Every piece of an account row is added (sign 1) or, for a moving window,
 * removed again (sign -1).
 */
static void
funnel_add_account(FunnelSummary *s, AbmStage furthest, int sign)
{
	s->furthest[IDX(furthest)] = abm_count_add(s->furthest[IDX(furthest)], sign,
											   "funnel_summary accounts");
}

static void
funnel_add_spend(FunnelSummary *s, FunctionCallInfo fcinfo, int argno, int sign)
{
	AbmAmount	spend;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return;
	spend = abm_amount_from_numeric(PG_GETARG_DATUM(argno), "spend");
	abm_amount_require_nonnegative(spend, "spend");
	spend.units *= sign;
	abm_money_add_amount(s->spend, 1, &s->hdr.scale, 0, spend);
}

static void
add_timing(int64 *n, int128 *us, int stage, TimestampTz from, TimestampTz to, int sign)
{
	n[IDX(stage)] = abm_count_add(n[IDX(stage)], sign, "funnel_summary timed steps");
	us[IDX(stage)] = abm_money_add(us[IDX(stage)], sign * ((int128) to - from));
}

/* Raises 22023 showing the whole row, so the user can find it. */
static void
reached_at_error(ArrayType *reached, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid funnel reached_at array %s: %s",
					OidOutputFunctionCall(F_ARRAY_OUT, PointerGetDatum(reached)), what),
			 errdetail("reached_at[k] is when stage k was reached (target, engaged, opportunity, won, retained, expanded), NULL if not reached.")));
}

/*
 * One account from its six stage times.  Read in place: timestamptz is a
 * fixed-width by-value type, so the array data is a plain int64 vector with
 * an optional null bitmap, and no per-row deconstruction is needed.
 */
static void
funnel_add_times(FunnelSummary *s, ArrayType *reached, int sign)
{
	const bits8 *nulls = ARR_NULLBITMAP(reached);
	const char *data = ARR_DATA_PTR(reached);
	TimestampTz at[ABM_STAGE_COUNT + 1];
	bool		has[ABM_STAGE_COUNT + 1];
	int			furthest = 0;
	int			last_timed = 0;

	if (ARR_ELEMTYPE(reached) != TIMESTAMPTZOID)
		elog(ERROR, "funnel_agg expects timestamptz[]");
	if (ARR_NDIM(reached) != 1 || ARR_DIMS(reached)[0] != ABM_STAGE_COUNT)
		reached_at_error(reached, "expected a one-dimensional array of 6 elements");

	for (int k = STAGE_TARGET; k <= STAGE_EXPANDED; k++)
	{
		has[k] = nulls == NULL || (nulls[IDX(k) / 8] & (1 << (IDX(k) % 8))) != 0;
		if (!has[k])
			continue;
		memcpy(&at[k], data, sizeof(TimestampTz));
		data += sizeof(TimestampTz);
		if (TIMESTAMP_NOT_FINITE(at[k]))
			reached_at_error(reached, psprintf("stage %s has an infinite time", abm_stage_name(k)));
		if (last_timed > 0 && at[k] < at[last_timed])
			reached_at_error(reached, psprintf("stage %s was reached before stage %s",
											   abm_stage_name(k), abm_stage_name(last_timed)));
		last_timed = furthest = k;
	}
	if (furthest == 0)
		return;					/* reached no stage: not in the funnel */

	funnel_add_account(s, furthest, sign);
	last_timed = 0;
	for (int k = STAGE_TARGET; k <= furthest; k++)
	{
		if (!has[k])
			continue;			/* skipped: reached, but no time of its own */
		if (last_timed > 0)
			add_timing(s->step_n, s->step_us, k, at[last_timed], at[k], sign);
		if (k > STAGE_ENGAGED && has[STAGE_ENGAGED])
			add_timing(s->touch_n, s->touch_us, k, at[STAGE_ENGAGED], at[k], sign);
		else if (k == STAGE_ENGAGED)
			add_timing(s->touch_n, s->touch_us, k, at[k], at[k], sign);
		last_timed = k;
	}
}

/* Transition (sign 1) and inverse transition (sign -1) over one account row. */
static Datum
funnel_step(FunctionCallInfo fcinfo, int sign, bool from_times)
{
	FunnelSummary *s;
	int16		scale_before;

	/* Not strict (a NULL stage still brings spend): a direct call may pass a NULL state. */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = FUNNEL_STATE(0);
	scale_before = abm_scale_watch_begin(&s->hdr);
	if (!PG_ARGISNULL(1))
	{
		if (from_times)
			funnel_add_times(s, PG_GETARG_ARRAYTYPE_P(1), sign);
		else
			funnel_add_account(s, PG_GETARG_ABM_STAGE(1), sign);
	}
	funnel_add_spend(s, fcinfo, 2, sign);
	if (sign < 0)
		abm_summary_check_removal(&funnel_type, &s->hdr);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

ABM_SQL_FUNCTION(funnel_trans_stage, funnel_step(fcinfo, 1, false))
ABM_SQL_FUNCTION(funnel_inv_stage, funnel_step(fcinfo, -1, false))
ABM_SQL_FUNCTION(funnel_trans_times, funnel_step(fcinfo, 1, true))
ABM_SQL_FUNCTION(funnel_inv_times, funnel_step(fcinfo, -1, true))

PG_FUNCTION_INFO_V1(funnel_stage_accounts);
Datum
funnel_stage_accounts(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(funnel_reaching(FUNNEL_ARG(0), PG_GETARG_ABM_STAGE(1)));
}

PG_FUNCTION_INFO_V1(funnel_spend);
Datum
funnel_spend(PG_FUNCTION_ARGS)
{
	FunnelSummary *s = FUNNEL_ARG(0);

	PG_RETURN_DATUM(abm_money_to_numeric(s->spend[0], s->hdr.scale));
}
