/*
 * retention.c: retention_summary, the state of NRR, GRR and logo retention.
 *
 * Each account row brings its revenue at the start and at the end of a
 * period.  The summary keeps the start revenue of existing accounts split by
 * what happened to it (expanded, contracted, churned) and, apart, the
 * revenue of new accounts, which NRR and GRR exclude.  Every KPI of the
 * revenue bridge follows from these sums, and they add up exactly.
 */
#include "summary_text.h"

#include "libpq/pqformat.h"

enum
{
	RET_START,
	RET_EXPANSION,
	RET_CONTRACTION,
	RET_CHURNED,
	RET_NEW,
	RET_MONEY_FIELDS
};

static const char *const money_field_names[RET_MONEY_FIELDS] = {
	"start_revenue", "expansion", "contraction", "churned_revenue", "new_revenue"
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

static const char *
retention_problem(const RetentionSummary *s)
{
	const int128 *m = s->money;

	if (s->accounts < 0 || s->churned_accounts < 0 || s->new_accounts < 0)
		return "Counts must not be negative.";
	if (s->churned_accounts > s->accounts)
		return psprintf("churned_accounts (" INT64_FORMAT ") exceed accounts (" INT64_FORMAT ").",
						s->churned_accounts, s->accounts);
	if (s->hdr.scale < 0 || s->hdr.scale > ABM_MONEY_MAX_SCALE)
		return psprintf("Money scale %d is outside 0..%d.", s->hdr.scale, ABM_MONEY_MAX_SCALE);
	for (int i = 0; i < RET_MONEY_FIELDS; i++)
		if (m[i] < 0)
			return psprintf("%s must not be negative.", money_field_names[i]);
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

/* After an inverse transition: 22023 if it took away what was never added. */
static void
retention_check_removal(const RetentionSummary *s)
{
	const char *problem = retention_problem(s);

	if (problem != NULL)
		abm_removal_error("retention_summary", problem);
}

PG_FUNCTION_INFO_V1(retention_summary_in);
Datum
retention_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RetentionSummary *s = (RetentionSummary *) abm_summary_new(sizeof(RetentionSummary));
	SummaryTextReader r;
	const char *problem;

	summary_text_begin(&r, input, RET_TYPE);
	s->accounts = summary_text_count(&r, "accounts");
	s->churned_accounts = summary_text_count(&r, "churned_accounts");
	s->new_accounts = summary_text_count(&r, "new_accounts");
	for (int i = 0; i < RET_MONEY_FIELDS; i++)
		abm_money_add_amount(s->money, RET_MONEY_FIELDS, &s->hdr.scale, i,
							 summary_text_money(&r, money_field_names[i]));
	summary_text_end(&r);
	if ((problem = retention_problem(s)) != NULL)
		summary_text_error(&r, "%s", problem);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(retention_summary_out);
Datum
retention_summary_out(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = RET_ARG(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v1 accounts=" INT64_FORMAT " churned_accounts=" INT64_FORMAT
					 " new_accounts=" INT64_FORMAT,
					 s->accounts, s->churned_accounts, s->new_accounts);
	for (int i = 0; i < RET_MONEY_FIELDS; i++)
	{
		appendStringInfo(&buf, " %s=", money_field_names[i]);
		abm_money_append(&buf, s->money[i], s->hdr.scale);
	}
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(retention_summary_send);
Datum
retention_summary_send(PG_FUNCTION_ARGS)
{
	RetentionSummary *s = RET_ARG(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ABM_FORMAT_V1);
	pq_sendint64(&buf, s->accounts);
	pq_sendint64(&buf, s->churned_accounts);
	pq_sendint64(&buf, s->new_accounts);
	pq_sendint16(&buf, s->hdr.scale);
	for (int i = 0; i < RET_MONEY_FIELDS; i++)
		abm_money_send(&buf, s->money[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(retention_summary_recv);
Datum
retention_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RetentionSummary *s = (RetentionSummary *) abm_summary_new(sizeof(RetentionSummary));
	const char *problem;

	/* version, three counts, scale, five money sums */
	summary_recv_begin(buf, RET_TYPE, 1 + 3 * 8 + 2 + 16 * RET_MONEY_FIELDS);
	s->accounts = pq_getmsgint64(buf);
	s->churned_accounts = pq_getmsgint64(buf);
	s->new_accounts = pq_getmsgint64(buf);
	s->hdr.scale = (int16) pq_getmsgint(buf, 2);
	for (int i = 0; i < RET_MONEY_FIELDS; i++)
		s->money[i] = abm_money_recv(buf);
	if ((problem = retention_problem(s)) != NULL)
		summary_recv_error(RET_TYPE, "%s", problem);
	PG_RETURN_POINTER(s);
}

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
retention_step(FunctionCallInfo fcinfo, int sign, bool is_float8)
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
		start = is_float8 ? abm_amount_from_float8(PG_GETARG_FLOAT8(1), "start_revenue")
			: abm_amount_from_numeric(PG_GETARG_DATUM(1), "start_revenue");
	if (!PG_ARGISNULL(2))
		end = is_float8 ? abm_amount_from_float8(PG_GETARG_FLOAT8(2), "end_revenue")
			: abm_amount_from_numeric(PG_GETARG_DATUM(2), "end_revenue");
	retention_add_account(s, !PG_ARGISNULL(1), start, !PG_ARGISNULL(2), end, sign);
	if (sign < 0)
		retention_check_removal(s);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

/*
 * Adds (sign 1) or, for rollup() over a moving window, removes (sign -1) a
 * summary: as one unit of rollup() input, or as a partial state to combine.
 */
static Datum
retention_merge(FunctionCallInfo fcinfo, int sign, bool as_one_unit)
{
	RetentionSummary *s = RET_STATE(0);
	RetentionSummary *other = RET_ARG(1);
	int16		scale_before = s->hdr.scale;
	int128		money[RET_MONEY_FIELDS];

	s->accounts = abm_count_add(s->accounts, sign * other->accounts, "retention_summary accounts");
	s->churned_accounts += sign * other->churned_accounts;
	s->new_accounts = abm_count_add(s->new_accounts, sign * other->new_accounts,
									"retention_summary new_accounts");
	for (int i = 0; i < RET_MONEY_FIELDS; i++)
		money[i] = sign * other->money[i];
	abm_money_add_sums(s->money, RET_MONEY_FIELDS, &s->hdr.scale, money, other->hdr.scale);
	if (sign < 0)
		retention_check_removal(s);
	if (!abm_scale_merge_rows(&s->hdr, scale_before, &other->hdr, sign, as_one_unit))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

ABM_SQL_FUNCTION(retention_trans, retention_step(fcinfo, 1, false))
ABM_SQL_FUNCTION(retention_inv, retention_step(fcinfo, -1, false))
ABM_SQL_FUNCTION(retention_trans_float8, retention_step(fcinfo, 1, true))
ABM_SQL_FUNCTION(retention_inv_float8, retention_step(fcinfo, -1, true))
ABM_SQL_FUNCTION(retention_combine, retention_merge(fcinfo, 1, false))
ABM_SQL_FUNCTION(retention_rollup, retention_merge(fcinfo, 1, true))
ABM_SQL_FUNCTION(retention_subtract, retention_merge(fcinfo, -1, true))

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
