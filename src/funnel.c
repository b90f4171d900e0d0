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
#include "libpq/pqformat.h"
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

static const char *
funnel_problem(const FunnelSummary *s)
{
	int64		total = 0;

	if (s->hdr.scale < 0 || s->hdr.scale > ABM_MONEY_MAX_SCALE)
		return psprintf("Money scale %d is outside 0..%d.", s->hdr.scale, ABM_MONEY_MAX_SCALE);
	if (s->spend[0] < 0)
		return "spend must not be negative.";
	for (int k = STAGE_TARGET; k <= STAGE_EXPANDED; k++)
	{
		if (s->furthest[IDX(k)] < 0)
			return psprintf("The count of accounts at %s is negative.", abm_stage_name(k));
		if (__builtin_add_overflow(total, s->furthest[IDX(k)], &total))
			return "The total number of accounts exceeds the 64-bit count limit.";
	}
	for (int k = STAGE_TARGET; k <= STAGE_EXPANDED; k++)
	{
		int64		reaching = funnel_reaching(s, k);

		if (s->step_n[IDX(k)] < 0 || s->step_us[IDX(k)] < 0 ||
			s->touch_n[IDX(k)] < 0 || s->touch_us[IDX(k)] < 0)
			return psprintf("Timing fields of %s must not be negative.", abm_stage_name(k));
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

/* Text form helpers: "a,b,c,d,e,f" for six int64 or int128 values. */
static void
append_list(StringInfo buf, const char *name, const int64 *v64, const int128 *v128)
{
	appendStringInfo(buf, " %s=", name);
	for (int i = 0; i < ABM_STAGE_COUNT; i++)
	{
		if (i > 0)
			appendStringInfoChar(buf, ',');
		if (v64)
			appendStringInfo(buf, INT64_FORMAT, v64[i]);
		else
			abm_money_append(buf, v128[i], 0);
	}
}

static void
read_list(SummaryTextReader *r, const char *name, int64 *v64, int128 *v128)
{
	int			len;
	const char *value = summary_text_field(r, name, &len);

	for (int i = 0; i < ABM_STAGE_COUNT; i++)
	{
		const char *comma = memchr(value, ',', len);
		int			item_len = (i < ABM_STAGE_COUNT - 1) ? (comma ? (int) (comma - value) : -1) : len;
		AbmAmount	a;
		bool		ok;

		if (v64)
			ok = item_len > 0 && summary_parse_count(value, item_len, &v64[i]);
		else
		{
			ok = item_len > 0 && abm_money_parse(value, item_len, &a) && a.scale == 0;
			if (ok)
				v128[i] = a.units;
		}
		if (!ok)
			summary_text_error(r, "Field \"%s\" must be %d comma-separated whole numbers, one per stage.",
							   name, ABM_STAGE_COUNT);
		if (i < ABM_STAGE_COUNT - 1)
		{
			value += item_len + 1;
			len -= item_len + 1;
		}
	}
}

PG_FUNCTION_INFO_V1(funnel_summary_in);
Datum
funnel_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	FunnelSummary *s = (FunnelSummary *) abm_summary_new(sizeof(FunnelSummary));
	SummaryTextReader r;
	const char *problem;

	summary_text_begin(&r, input, FUNNEL_TYPE);
	read_list(&r, "furthest", s->furthest, NULL);
	abm_money_add_amount(s->spend, 1, &s->hdr.scale, 0, summary_text_money(&r, "spend"));
	read_list(&r, "step_n", s->step_n, NULL);
	read_list(&r, "step_us", NULL, s->step_us);
	read_list(&r, "touch_n", s->touch_n, NULL);
	read_list(&r, "touch_us", NULL, s->touch_us);
	summary_text_end(&r);
	if ((problem = funnel_problem(s)) != NULL)
		summary_text_error(&r, "%s", problem);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(funnel_summary_out);
Datum
funnel_summary_out(PG_FUNCTION_ARGS)
{
	FunnelSummary *s = FUNNEL_ARG(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "v1");
	append_list(&buf, "furthest", s->furthest, NULL);
	appendStringInfoString(&buf, " spend=");
	abm_money_append(&buf, s->spend[0], s->hdr.scale);
	append_list(&buf, "step_n", s->step_n, NULL);
	append_list(&buf, "step_us", NULL, s->step_us);
	append_list(&buf, "touch_n", s->touch_n, NULL);
	append_list(&buf, "touch_us", NULL, s->touch_us);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(funnel_summary_send);
Datum
funnel_summary_send(PG_FUNCTION_ARGS)
{
	FunnelSummary *s = FUNNEL_ARG(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ABM_FORMAT_V1);
	pq_sendint16(&buf, s->hdr.scale);
	abm_money_send(&buf, s->spend[0]);
	for (int i = 0; i < ABM_STAGE_COUNT; i++)
	{
		pq_sendint64(&buf, s->furthest[i]);
		pq_sendint64(&buf, s->step_n[i]);
		abm_money_send(&buf, s->step_us[i]);
		pq_sendint64(&buf, s->touch_n[i]);
		abm_money_send(&buf, s->touch_us[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(funnel_summary_recv);
Datum
funnel_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	FunnelSummary *s = (FunnelSummary *) abm_summary_new(sizeof(FunnelSummary));
	const char *problem;

	/* version, scale, spend, then per stage two counts and sums of each */
	summary_recv_begin(buf, FUNNEL_TYPE, 1 + 2 + 16 + ABM_STAGE_COUNT * (8 + 8 + 16 + 8 + 16));
	s->hdr.scale = (int16) pq_getmsgint(buf, 2);
	s->spend[0] = abm_money_recv(buf);
	for (int i = 0; i < ABM_STAGE_COUNT; i++)
	{
		s->furthest[i] = pq_getmsgint64(buf);
		s->step_n[i] = pq_getmsgint64(buf);
		s->step_us[i] = abm_money_recv(buf);
		s->touch_n[i] = pq_getmsgint64(buf);
		s->touch_us[i] = abm_money_recv(buf);
	}
	if ((problem = funnel_problem(s)) != NULL)
		summary_recv_error(FUNNEL_TYPE, "%s", problem);
	PG_RETURN_POINTER(s);
}

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

static void
funnel_check_removal(const FunnelSummary *s)
{
	const char *problem = funnel_problem(s);

	if (problem != NULL)
		abm_removal_error("funnel_summary", problem);
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
		funnel_check_removal(s);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

/*
 * Adds (sign 1) or, for rollup() over a moving window, removes (sign -1) a
 * summary: as one unit of rollup() input, or as a partial state to combine.
 */
static Datum
funnel_merge(FunctionCallInfo fcinfo, int sign, bool as_one_unit)
{
	FunnelSummary *s = FUNNEL_STATE(0);
	FunnelSummary *o = FUNNEL_ARG(1);
	int16		scale_before = s->hdr.scale;
	int128		spend[1] = {sign * o->spend[0]};

	for (int i = 0; i < ABM_STAGE_COUNT; i++)
	{
		s->furthest[i] = abm_count_add(s->furthest[i], sign * o->furthest[i], "funnel_summary accounts");
		s->step_n[i] = abm_count_add(s->step_n[i], sign * o->step_n[i], "funnel_summary timed steps");
		s->touch_n[i] = abm_count_add(s->touch_n[i], sign * o->touch_n[i], "funnel_summary timed steps");
		s->step_us[i] = abm_money_add(s->step_us[i], sign * o->step_us[i]);
		s->touch_us[i] = abm_money_add(s->touch_us[i], sign * o->touch_us[i]);
	}
	abm_money_add_sums(s->spend, 1, &s->hdr.scale, spend, o->hdr.scale);
	funnel_check_total(s);
	if (sign < 0)
		funnel_check_removal(s);
	if (!abm_scale_merge_rows(&s->hdr, scale_before, &o->hdr, sign, as_one_unit))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

ABM_SQL_FUNCTION(funnel_trans_stage, funnel_step(fcinfo, 1, false))
ABM_SQL_FUNCTION(funnel_inv_stage, funnel_step(fcinfo, -1, false))
ABM_SQL_FUNCTION(funnel_trans_times, funnel_step(fcinfo, 1, true))
ABM_SQL_FUNCTION(funnel_inv_times, funnel_step(fcinfo, -1, true))
ABM_SQL_FUNCTION(funnel_combine, funnel_merge(fcinfo, 1, false))
ABM_SQL_FUNCTION(funnel_rollup, funnel_merge(fcinfo, 1, true))
ABM_SQL_FUNCTION(funnel_subtract, funnel_merge(fcinfo, -1, true))

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
