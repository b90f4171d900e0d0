/*
 * funnel_stages.c: funnel_stages(funnel_summary), one row per funnel stage.
 *
 * Applied to a summary in an outer query (or LATERAL per segment), never
 * inside the aggregate call, so it works the same on stored summaries, on
 * parallel plans and on Citus.
 */
#include "funnel.h"

#include "datatype/timestamp.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#define BAR_WIDTH 30			/* characters for the target stage */

enum
{
	COL_STAGE,
	COL_POSITION,
	COL_ACCOUNTS,
	COL_SHARE_OF_TARGET,
	COL_CONVERSION_RATE,
	COL_DROP_OFF,
	COL_SPEND_PER_ACCOUNT,
	COL_AVG_DAYS_FROM_PREVIOUS,
	COL_AVG_DAYS_FROM_FIRST_TOUCH,
	COL_BAR,
	FUNNEL_STAGE_COLUMNS
};

/* Average days of n steps totalling us microseconds; NULL without steps. */
static void
set_avg_days(Datum *values, bool *nulls, int col, int64 n, int128 us)
{
	if (n == 0)
	{
		nulls[col] = true;
		return;
	}
	values[col] = Float8GetDatum((double) us / (double) n / (double) USECS_PER_DAY);
}

/*
 * A bar of Unicode block characters, in eighths of a character, so small
 * differences show.  Databases not in UTF8 get '#' characters instead.
 */
static text *
make_bar(int64 accounts, int64 target)
{
	static const char *const eighths[8] = {
		"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589"
	};
	StringInfoData buf;
	bool		unicode = GetDatabaseEncoding() == PG_UTF8;
	int			units;

	initStringInfo(&buf);
	if (target > 0)
	{
		units = (int) ((double) accounts / (double) target * BAR_WIDTH * 8 + 0.5);
		if (!unicode)
			units = (units + 4) / 8 * 8;
		for (int i = 0; i < units / 8; i++)
			appendStringInfoString(&buf, unicode ? "\u2588" : "#");
		appendStringInfoString(&buf, eighths[units % 8]);
		/* a stage with accounts never shows an empty bar */
		if (accounts > 0 && buf.len == 0)
			appendStringInfoString(&buf, unicode ? eighths[1] : "#");
	}
	return cstring_to_text(buf.data);
}

static HeapTuple
stage_row(TupleDesc tupdesc, const FunnelSummary *s, AbmStage stage)
{
	Datum		values[FUNNEL_STAGE_COLUMNS];
	bool		nulls[FUNNEL_STAGE_COLUMNS] = {0};
	int64		target = funnel_reaching(s, STAGE_TARGET);
	int64		accounts = funnel_reaching(s, stage);
	int64		previous = stage > STAGE_TARGET ? funnel_reaching(s, stage - 1) : 0;

	values[COL_STAGE] = AbmStageGetDatum(stage);
	values[COL_POSITION] = Int32GetDatum((int32) stage);
	values[COL_ACCOUNTS] = Int64GetDatum(accounts);
	values[COL_SHARE_OF_TARGET] = Float8GetDatum((double) accounts / (double) target);
	nulls[COL_SHARE_OF_TARGET] = target == 0;
	values[COL_CONVERSION_RATE] = Float8GetDatum((double) accounts / (double) previous);
	nulls[COL_CONVERSION_RATE] = previous == 0;
	values[COL_DROP_OFF] = Int64GetDatum(previous - accounts);
	nulls[COL_DROP_OFF] = stage == STAGE_TARGET;
	if (accounts > 0)
		values[COL_SPEND_PER_ACCOUNT] =
			abm_numeric_quotient(abm_money_to_numeric(s->spend[0], s->hdr.scale),
								 DirectFunctionCall1(int8_numeric, Int64GetDatum(accounts)));
	nulls[COL_SPEND_PER_ACCOUNT] = accounts == 0;
	set_avg_days(values, nulls, COL_AVG_DAYS_FROM_PREVIOUS,
				 s->step_n[stage - 1], s->step_us[stage - 1]);
	set_avg_days(values, nulls, COL_AVG_DAYS_FROM_FIRST_TOUCH,
				 s->touch_n[stage - 1], s->touch_us[stage - 1]);
	values[COL_BAR] = PointerGetDatum(make_bar(accounts, target));
	return heap_form_tuple(tupdesc, values, nulls);
}

PG_FUNCTION_INFO_V1(funnel_stages);
Datum
funnel_stages(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;
		TupleDesc	tupdesc;
		FunnelSummary *s;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "funnel_stages must return a composite type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		s = (FunnelSummary *) abm_summary_read(fcinfo, 0, sizeof(FunnelSummary));
		funcctx->user_fctx = palloc(sizeof(FunnelSummary));
		memcpy(funcctx->user_fctx, s, sizeof(FunnelSummary));
		funcctx->max_calls = ABM_STAGE_COUNT;
		MemoryContextSwitchTo(oldcontext);
	}
	funcctx = SRF_PERCALL_SETUP();
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		HeapTuple	row = stage_row(funcctx->tuple_desc, funcctx->user_fctx,
									(AbmStage) (funcctx->call_cntr + 1));

		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(row));
	}
	SRF_RETURN_DONE(funcctx);
}
