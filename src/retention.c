/*
 * retention.c: retention_summary, the state of NRR, GRR and logo retention.
 *
 * Each account row brings its revenue at the start and at the end of a
 * period.  The summary keeps the start revenue of existing accounts split by
 * what happened to it (expanded, contracted, churned) and, apart, the
 * revenue of new accounts, which NRR and GRR exclude.  Every KPI of the
 * revenue bridge follows from these sums, and they add up exactly.
 */
#include "summary.h"

enum
{
	RET_START,
	RET_EXPANSION,
	RET_CONTRACTION,
	RET_CHURNED,
	RET_NEW,
	RET_MONEY_FIELDS
};

typedef struct RetentionSummary
{
	AbmSummaryHeader hdr;		/* hdr.scale: decimal places of money[] */
	int64		accounts;		/* existing accounts: start revenue > 0 */
	int64		churned_accounts;	/* existing accounts with no end revenue */
	int64		new_accounts;	/* no start revenue, end revenue > 0 */
	int128		money[RET_MONEY_FIELDS];
} RetentionSummary;

#define RET_TYPE "retention_summary"
#define RET_ARG(n) ((RetentionSummary *) abm_summary_read(fcinfo, (n), sizeof(RetentionSummary)))
#define RET_STATE(n) ((RetentionSummary *) abm_summary_for_update(fcinfo, (n), sizeof(RetentionSummary)))

/* KPI invariants; the core checks that nothing is negative. */
static const char *
retention_problem(const AbmSummaryHeader *h)
{
	const RetentionSummary *s = (const RetentionSummary *) h;
	const int128 *m = s->money;

	if (s->churned_accounts > s->accounts)
		return psprintf("churned_accounts (" INT64_FORMAT ") exceed accounts (" INT64_FORMAT ").",
						s->churned_accounts, s->accounts);
	if (m[RET_CONTRACTION] > m[RET_START] - m[RET_CHURNED])
		return "contraction plus churned_revenue exceed start_revenue.";
	/* Every existing account brought start revenue > 0, and only they do. */
	if ((s->accounts == 0) != (m[RET_START] == 0))
		return "start_revenue must be positive exactly when there are accounts.";
	if (s->accounts == 0 && m[RET_EXPANSION] != 0)
		return "A summary without accounts has no expansion.";
	if ((s->churned_accounts == 0) != (m[RET_CHURNED] == 0))
		return "churned_revenue must be positive exactly when there are churned accounts.";
	if ((s->new_accounts == 0) != (m[RET_NEW] == 0))
		return "new_revenue must be positive exactly when there are new accounts.";
	return NULL;
}

#define RET_MONEY(name, i) ABM_FIELD_NAMED(name, RetentionSummary, money[i], ABM_FIELD_MONEY)

static const AbmField retention_fields[] = {
	ABM_FIELD(RetentionSummary, accounts, ABM_FIELD_COUNT),
	ABM_FIELD(RetentionSummary, churned_accounts, ABM_FIELD_COUNT),
	ABM_FIELD(RetentionSummary, new_accounts, ABM_FIELD_COUNT),
	ABM_FIELD_SCALE_AT,
	RET_MONEY("start_revenue", RET_START),
	RET_MONEY("expansion", RET_EXPANSION),
	RET_MONEY("contraction", RET_CONTRACTION),
	RET_MONEY("churned_revenue", RET_CHURNED),
	RET_MONEY("new_revenue", RET_NEW),
};

static const AbmSummaryType retention_type = {
	.name = RET_TYPE,
	.size = sizeof(RetentionSummary),
	.fields = ABM_FIELDS(retention_fields),
	.money_offset = offsetof(RetentionSummary, money),
	.money_fields = RET_MONEY_FIELDS,
	.problem = retention_problem,
};

ABM_SUMMARY_IO(retention_summary, retention_type)
ABM_SUMMARY_MERGE(retention_combine, retention_rollup, retention_subtract, retention_type)

/* Puts one amount into money field i. */
static void
add_money(RetentionSummary *s, int i, AbmAmount amount, int sign)
{
	amount.units *= sign;
	abm_money_add_amount(s->money, RET_MONEY_FIELDS, &s->hdr.scale, i, amount);
}

/*
 * One account, added (sign 1) or, for a moving window, removed again (sign
 * -1).  NULL start (or 0) is a new account; NULL end (or 0) is a churned
 * one, which is what a LEFT JOIN from last period's accounts gives.
 */
static void
retention_add_account(RetentionSummary *s, bool has_start, AbmAmount start,
					  bool has_end, AbmAmount end, int sign)
{
	if (has_start)
		abm_amount_require_nonnegative(start, "start_revenue");
	if (has_end)
		abm_amount_require_nonnegative(end, "end_revenue");
	if (has_start && start.units == 0)
		has_start = false;
	if (has_end && end.units == 0)
		has_end = false;

	if (!has_start)
	{
		if (has_end)
		{
			s->new_accounts = abm_count_add(s->new_accounts, sign, "retention_summary new_accounts");
			add_money(s, RET_NEW, end, sign);
		}
		return;
	}

	s->accounts = abm_count_add(s->accounts, sign, "retention_summary accounts");
	add_money(s, RET_START, start, sign);
	if (!has_end)
	{
		s->churned_accounts += sign;	/* cannot overflow: churned <= accounts */
		add_money(s, RET_CHURNED, start, sign);
		return;
	}

	/* end - start, exactly, at the larger of the two scales. */
	abm_amount_align(&start, &end);
	if (end.units > start.units)
		add_money(s, RET_EXPANSION, (AbmAmount) {end.units - start.units, end.scale}, sign);
	else if (end.units < start.units)
		add_money(s, RET_CONTRACTION, (AbmAmount) {start.units - end.units, end.scale}, sign);
}

/* Transition (sign 1) and inverse transition (sign -1) over one account row. */
static Datum
retention_step(FunctionCallInfo fcinfo, int sign, AbmAmountType type)
{
	RetentionSummary *s;
	AbmAmount	start = {0, 0};
	AbmAmount	end = {0, 0};
	int16		scale_before;

	/* Not strict (NULL revenue means something), so a direct call may pass a NULL state. */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = RET_STATE(0);
	scale_before = abm_scale_watch_begin(&s->hdr);
	if (!PG_ARGISNULL(1))
		start = abm_amount_arg(fcinfo, 1, type, "start_revenue");
	if (!PG_ARGISNULL(2))
		end = abm_amount_arg(fcinfo, 2, type, "end_revenue");
	retention_add_account(s, !PG_ARGISNULL(1), start, !PG_ARGISNULL(2), end, sign);
	if (sign < 0)
		abm_summary_check_removal(&retention_type, &s->hdr);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

ABM_SQL_FUNCTION(retention_trans, retention_step(fcinfo, 1, ABM_AMOUNT_NUMERIC))
ABM_SQL_FUNCTION(retention_inv, retention_step(fcinfo, -1, ABM_AMOUNT_NUMERIC))
ABM_SQL_FUNCTION(retention_trans_float8, retention_step(fcinfo, 1, ABM_AMOUNT_FLOAT8))
ABM_SQL_FUNCTION(retention_inv_float8, retention_step(fcinfo, -1, ABM_AMOUNT_FLOAT8))
ABM_SQL_FUNCTION(retention_trans_int8, retention_step(fcinfo, 1, ABM_AMOUNT_INT8))
ABM_SQL_FUNCTION(retention_inv_int8, retention_step(fcinfo, -1, ABM_AMOUNT_INT8))
ABM_SQL_FUNCTION(retention_trans_int4, retention_step(fcinfo, 1, ABM_AMOUNT_INT4))
ABM_SQL_FUNCTION(retention_inv_int4, retention_step(fcinfo, -1, ABM_AMOUNT_INT4))

PG_FUNCTION_INFO_V1(retention_accounts);
Datum
retention_accounts(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(RET_ARG(0)->accounts);
}

PG_FUNCTION_INFO_V1(retention_churned_accounts);
Datum
retention_churned_accounts(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(RET_ARG(0)->churned_accounts);
}

PG_FUNCTION_INFO_V1(retention_new_accounts);
Datum
retention_new_accounts(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(RET_ARG(0)->new_accounts);
}

/* Revenue at the end and retained revenue, derived from the stored sums. */
static int128
end_revenue_of(const RetentionSummary *s)
{
	return abm_money_sub(abm_money_add(s->money[RET_START], s->money[RET_EXPANSION]),
						 s->money[RET_CONTRACTION] + s->money[RET_CHURNED]);
}

static int128
retained_revenue_of(const RetentionSummary *s)
{
	/* contraction + churned <= start, checked on every way in */
	return s->money[RET_START] - s->money[RET_CONTRACTION] - s->money[RET_CHURNED];
}

#define RETENTION_MONEY_ACCESSOR(name, expr) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	RetentionSummary *s = RET_ARG(0); \
	PG_RETURN_DATUM(abm_money_to_numeric((expr), s->hdr.scale)); \
}

RETENTION_MONEY_ACCESSOR(retention_start_revenue, s->money[RET_START])
RETENTION_MONEY_ACCESSOR(retention_end_revenue, end_revenue_of(s))
RETENTION_MONEY_ACCESSOR(retention_retained_revenue, retained_revenue_of(s))
RETENTION_MONEY_ACCESSOR(retention_expansion, s->money[RET_EXPANSION])
RETENTION_MONEY_ACCESSOR(retention_contraction, s->money[RET_CONTRACTION])
RETENTION_MONEY_ACCESSOR(retention_churned_revenue, s->money[RET_CHURNED])
RETENTION_MONEY_ACCESSOR(retention_new_revenue, s->money[RET_NEW])

PG_FUNCTION_INFO_V1(retention_nrr);
Datum
retention_nrr(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = RET_ARG(0);

	ABM_RETURN_RATE(end_revenue_of(s), s->money[RET_START]);
}

PG_FUNCTION_INFO_V1(retention_grr);
Datum
retention_grr(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = RET_ARG(0);

	ABM_RETURN_RATE(retained_revenue_of(s), s->money[RET_START]);
}

PG_FUNCTION_INFO_V1(retention_logo_retention);
Datum
retention_logo_retention(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = RET_ARG(0);

	ABM_RETURN_RATE(s->accounts - s->churned_accounts, s->accounts);
}
