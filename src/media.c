/*
 * media.c: media_summary, one summary per campaign-day of paid media.
 *
 * A daily campaign row has clicks, impressions, spend and, on some channels,
 * conversions and completed views.  Not every channel has every column:
 * events and content syndication have clicks and spend but no impressions.
 * Each ratio must equal the aggregate a user would write over the same rows,
 * and those skip the rows where either side is NULL: ctr(clicks,
 * impressions) ignores an event's clicks.  Totals alone cannot give that
 * (sum(clicks) / sum(impressions) would count the event's clicks against
 * display's impressions), so besides the totals the summary keeps, per
 * ratio, both of its sums over the rows where both sides are set:
 *
 *   ctr                    ctr_clicks       / ctr_impressions
 *   vtr                    vtr_views        / vtr_impressions
 *   conversions_per_click  conv_conversions / conv_clicks
 *   cpc                    cpc_spend        / cpc_clicks
 *   cpm                    cpm_spend * 1000 / cpm_impressions
 *   cost_per_conversion    cpa_spend        / cpa_conversions
 *
 * Every paired sum is a part of the total of its column, and on each row
 * clicks and completed views are at most the impressions, which the
 * summary's invariants check (input, recv and moving-window removal).
 */
#include "summary.h"

#include "utils/fmgrprotos.h"

enum
{
	MEDIA_SPEND,				/* all spend */
	MEDIA_CPC_SPEND,			/* spend of rows with clicks */
	MEDIA_CPM_SPEND,			/* spend of rows with impressions */
	MEDIA_CPA_SPEND,			/* spend of rows with conversions */
	MEDIA_MONEY_FIELDS
};

typedef struct MediaSummary
{
	AbmSummaryHeader hdr;		/* hdr.scale: decimal places of money[] */
	/* Totals: every non-NULL value of the column. */
	int64		impressions;
	int64		clicks;
	int64		completed_views;
	int64		conversions;
	/* Per ratio, its two sums over the rows where both are set. */
	int64		ctr_clicks;
	int64		ctr_impressions;
	int64		vtr_views;
	int64		vtr_impressions;
	int64		conv_conversions;
	int64		conv_clicks;
	int64		cpc_clicks;
	int64		cpm_impressions;
	int64		cpa_conversions;
	int128		money[MEDIA_MONEY_FIELDS];
} MediaSummary;

#define MEDIA_TYPE "media_summary"
#define MEDIA_ARG(n) ((MediaSummary *) abm_summary_read(fcinfo, (n), sizeof(MediaSummary)))
#define MEDIA_STATE(n) ((MediaSummary *) abm_summary_for_update(fcinfo, (n), sizeof(MediaSummary)))

/* A part that exceeds its whole: a broken summary. */
#define MEDIA_PART_OF(part, whole, part_name, whole_name) \
	do { \
		if ((part) > (whole)) \
			return part_name " exceeds " whole_name "."; \
	} while (0)

/* KPI invariants; the core checks that nothing is negative. */
static const char *
media_problem(const AbmSummaryHeader *h)
{
	const MediaSummary *s = (const MediaSummary *) h;

	MEDIA_PART_OF(s->ctr_clicks, s->ctr_impressions, "ctr_clicks", "ctr_impressions");
	MEDIA_PART_OF(s->vtr_views, s->vtr_impressions, "vtr_views", "vtr_impressions");
	MEDIA_PART_OF(s->ctr_clicks, s->clicks, "ctr_clicks", "clicks");
	MEDIA_PART_OF(s->conv_clicks, s->clicks, "conv_clicks", "clicks");
	MEDIA_PART_OF(s->cpc_clicks, s->clicks, "cpc_clicks", "clicks");
	MEDIA_PART_OF(s->ctr_impressions, s->impressions, "ctr_impressions", "impressions");
	MEDIA_PART_OF(s->vtr_impressions, s->impressions, "vtr_impressions", "impressions");
	MEDIA_PART_OF(s->cpm_impressions, s->impressions, "cpm_impressions", "impressions");
	MEDIA_PART_OF(s->vtr_views, s->completed_views, "vtr_views", "completed_views");
	MEDIA_PART_OF(s->conv_conversions, s->conversions, "conv_conversions", "conversions");
	MEDIA_PART_OF(s->cpa_conversions, s->conversions, "cpa_conversions", "conversions");
	/* The money fields share one scale, so their units compare directly. */
	MEDIA_PART_OF(s->money[MEDIA_CPC_SPEND], s->money[MEDIA_SPEND], "cpc_spend", "spend");
	MEDIA_PART_OF(s->money[MEDIA_CPM_SPEND], s->money[MEDIA_SPEND], "cpm_spend", "spend");
	MEDIA_PART_OF(s->money[MEDIA_CPA_SPEND], s->money[MEDIA_SPEND], "cpa_spend", "spend");
	return NULL;
}

static const AbmField media_fields[] = {
	ABM_FIELD(MediaSummary, impressions, ABM_FIELD_COUNT),
	ABM_FIELD(MediaSummary, clicks, ABM_FIELD_COUNT),
	ABM_FIELD(MediaSummary, completed_views, ABM_FIELD_COUNT),
	ABM_FIELD(MediaSummary, conversions, ABM_FIELD_COUNT),
	ABM_FIELD_SCALE_AT,
	ABM_FIELD_NAMED("spend", MediaSummary, money[MEDIA_SPEND], ABM_FIELD_MONEY),
	ABM_FIELD(MediaSummary, ctr_clicks, ABM_FIELD_COUNT),
	ABM_FIELD(MediaSummary, ctr_impressions, ABM_FIELD_COUNT),
	ABM_FIELD(MediaSummary, vtr_views, ABM_FIELD_COUNT),
	ABM_FIELD(MediaSummary, vtr_impressions, ABM_FIELD_COUNT),
	ABM_FIELD(MediaSummary, conv_conversions, ABM_FIELD_COUNT),
	ABM_FIELD(MediaSummary, conv_clicks, ABM_FIELD_COUNT),
	ABM_FIELD_NAMED("cpc_spend", MediaSummary, money[MEDIA_CPC_SPEND], ABM_FIELD_MONEY),
	ABM_FIELD(MediaSummary, cpc_clicks, ABM_FIELD_COUNT),
	ABM_FIELD_NAMED("cpm_spend", MediaSummary, money[MEDIA_CPM_SPEND], ABM_FIELD_MONEY),
	ABM_FIELD(MediaSummary, cpm_impressions, ABM_FIELD_COUNT),
	ABM_FIELD_NAMED("cpa_spend", MediaSummary, money[MEDIA_CPA_SPEND], ABM_FIELD_MONEY),
	ABM_FIELD(MediaSummary, cpa_conversions, ABM_FIELD_COUNT),
};

static const AbmSummaryType media_type = {
	.name = MEDIA_TYPE,
	.size = sizeof(MediaSummary),
	.fields = ABM_FIELDS(media_fields),
	.money_offset = offsetof(MediaSummary, money),
	.money_fields = MEDIA_MONEY_FIELDS,
	.problem = media_problem,
};

ABM_SUMMARY_IO(media_summary, media_type)
ABM_SUMMARY_MERGE(media_combine, media_rollup, media_subtract, media_type)

/* ---------------------------------------------------------------------
 * Transitions
 */

/* The columns of one row; has_* false for NULL or an absent argument. */
typedef struct MediaRow
{
	int64		clicks;
	int64		impressions;
	int64		conversions;
	int64		completed_views;
	AbmAmount	spend;
	bool		has_clicks;
	bool		has_impressions;
	bool		has_conversions;
	bool		has_views;
	bool		has_spend;
} MediaRow;

static void
media_negative_count(const char *what, int64 value)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s must not be negative, got " INT64_FORMAT, what, value)));
}

static void
media_exceeds_impressions(const char *what, int64 value, int64 impressions)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s " INT64_FORMAT " exceed impressions " INT64_FORMAT " on one row",
					what, value, impressions),
			 errdetail("Each row needs 0 <= %s <= impressions.", what),
			 errhint("A channel without impressions (events, syndication) passes NULL impressions, not 0.")));
}

/* Reads count argument argno into *value; false when NULL or absent. */
static inline bool
media_count_arg(FunctionCallInfo fcinfo, int argno, const char *what, int64 *value)
{
	if (argno >= PG_NARGS() || PG_ARGISNULL(argno))
		return false;
	*value = PG_GETARG_INT64(argno);
	if (unlikely(*value < 0))
		media_negative_count(what, *value);
	return true;
}

/* Arguments: 1 clicks, 2 impressions, 3 spend, 4 conversions, 5 completed views. */
static MediaRow
media_read_row(FunctionCallInfo fcinfo, AbmAmountType spend_type)
{
	MediaRow	r = {0};

	r.has_clicks = media_count_arg(fcinfo, 1, "clicks", &r.clicks);
	r.has_impressions = media_count_arg(fcinfo, 2, "impressions", &r.impressions);
	r.has_conversions = media_count_arg(fcinfo, 4, "conversions", &r.conversions);
	r.has_views = media_count_arg(fcinfo, 5, "completed views", &r.completed_views);
	r.has_spend = !PG_ARGISNULL(3);
	if (r.has_spend)
	{
		r.spend = abm_amount_arg(fcinfo, 3, spend_type, "spend");
		abm_amount_require_nonnegative(r.spend, "spend");
	}
	if (r.has_impressions)
	{
		if (unlikely(r.has_clicks && r.clicks > r.impressions))
			media_exceeds_impressions("clicks", r.clicks, r.impressions);
		if (unlikely(r.has_views && r.completed_views > r.impressions))
			media_exceeds_impressions("completed views", r.completed_views, r.impressions);
	}
	return r;
}

static inline void
media_add_spend(MediaSummary *s, int field, AbmAmount spend)
{
	abm_money_add_amount(s->money, MEDIA_MONEY_FIELDS, &s->hdr.scale, field, spend);
}

/*
 * Adds one amount to the spend of a part (cpc, cpm, cpa).  This runs up to
 * three times a row, after the amount went into the total: when the amount
 * is at the summary's scale (nearly always), its units add as they are, and
 * cannot overflow, since a part never exceeds the total that just took them.
 */
static inline void
media_add_part_spend(MediaSummary *s, int field, AbmAmount spend)
{
	if (likely(spend.scale == s->hdr.scale))
		s->money[field] += spend.units;
	else
		media_add_spend(s, field, spend);
}

/*
 * Adds (sign 1) or removes (sign -1) one row.  Only the totals can overflow
 * first: every paired sum is a part of its column's total.
 */
static void
media_add_row(MediaSummary *s, MediaRow *r, int sign)
{
	if (r->has_clicks)
		s->clicks = abm_count_add(s->clicks, sign * r->clicks, "media_summary clicks");
	if (r->has_impressions)
		s->impressions = abm_count_add(s->impressions, sign * r->impressions,
									   "media_summary impressions");
	if (r->has_conversions)
		s->conversions = abm_count_add(s->conversions, sign * r->conversions,
									   "media_summary conversions");
	if (r->has_views)
		s->completed_views = abm_count_add(s->completed_views, sign * r->completed_views,
										   "media_summary completed_views");
	if (r->has_clicks && r->has_impressions)
	{
		s->ctr_clicks += sign * r->clicks;
		s->ctr_impressions += sign * r->impressions;
	}
	if (r->has_views && r->has_impressions)
	{
		s->vtr_views += sign * r->completed_views;
		s->vtr_impressions += sign * r->impressions;
	}
	if (r->has_conversions && r->has_clicks)
	{
		s->conv_conversions += sign * r->conversions;
		s->conv_clicks += sign * r->clicks;
	}
	if (!r->has_spend)
		return;
	r->spend.units *= sign;
	media_add_spend(s, MEDIA_SPEND, r->spend);
	if (r->has_clicks)
	{
		media_add_part_spend(s, MEDIA_CPC_SPEND, r->spend);
		s->cpc_clicks += sign * r->clicks;
	}
	if (r->has_impressions)
	{
		media_add_part_spend(s, MEDIA_CPM_SPEND, r->spend);
		s->cpm_impressions += sign * r->impressions;
	}
	if (r->has_conversions)
	{
		media_add_part_spend(s, MEDIA_CPA_SPEND, r->spend);
		s->cpa_conversions += sign * r->conversions;
	}
}

/* Not strict (each column's NULLs are skipped on their own). */
static Datum
media_step(FunctionCallInfo fcinfo, int sign, AbmAmountType spend_type)
{
	MediaSummary *s;
	MediaRow	r;
	int16		scale_before;

	/* A direct call may pass a NULL state. */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	r = media_read_row(fcinfo, spend_type);
	s = MEDIA_STATE(0);
	scale_before = abm_scale_watch_begin(&s->hdr);
	media_add_row(s, &r, sign);
	if (sign < 0)
		abm_summary_check_removal(&media_type, &s->hdr);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

/* Per spend type; every arity (3, 4, 5 arguments) shares one function. */
ABM_SQL_FUNCTION(media_trans, media_step(fcinfo, 1, ABM_AMOUNT_NUMERIC))
ABM_SQL_FUNCTION(media_inv, media_step(fcinfo, -1, ABM_AMOUNT_NUMERIC))
ABM_SQL_FUNCTION(media_trans_float8, media_step(fcinfo, 1, ABM_AMOUNT_FLOAT8))
ABM_SQL_FUNCTION(media_inv_float8, media_step(fcinfo, -1, ABM_AMOUNT_FLOAT8))
ABM_SQL_FUNCTION(media_trans_int8, media_step(fcinfo, 1, ABM_AMOUNT_INT8))
ABM_SQL_FUNCTION(media_inv_int8, media_step(fcinfo, -1, ABM_AMOUNT_INT8))
ABM_SQL_FUNCTION(media_trans_int4, media_step(fcinfo, 1, ABM_AMOUNT_INT4))
ABM_SQL_FUNCTION(media_inv_int4, media_step(fcinfo, -1, ABM_AMOUNT_INT4))

/* ---------------------------------------------------------------------
 * Accessors
 */

static Datum
media_money(const MediaSummary *s, int field)
{
	return abm_money_to_numeric(s->money[field], s->hdr.scale);
}

static Datum
count_numeric(int64 count)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum(count));
}

PG_FUNCTION_INFO_V1(media_ctr);
Datum
media_ctr(PG_FUNCTION_ARGS)
{
	MediaSummary *s = MEDIA_ARG(0);

	ABM_RETURN_RATE(s->ctr_clicks, s->ctr_impressions);
}

PG_FUNCTION_INFO_V1(media_vtr);
Datum
media_vtr(PG_FUNCTION_ARGS)
{
	MediaSummary *s = MEDIA_ARG(0);

	ABM_RETURN_RATE(s->vtr_views, s->vtr_impressions);
}

PG_FUNCTION_INFO_V1(media_conversions_per_click);
Datum
media_conversions_per_click(PG_FUNCTION_ARGS)
{
	MediaSummary *s = MEDIA_ARG(0);

	ABM_RETURN_RATE(s->conv_conversions, s->conv_clicks);
}

PG_FUNCTION_INFO_V1(media_cpc);
Datum
media_cpc(PG_FUNCTION_ARGS)
{
	MediaSummary *s = MEDIA_ARG(0);

	if (s->cpc_clicks == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(abm_numeric_quotient(media_money(s, MEDIA_CPC_SPEND),
										 count_numeric(s->cpc_clicks)));
}

/* spend * 1000 / impressions, the same numeric steps as the plain SQL. */
PG_FUNCTION_INFO_V1(media_cpm);
Datum
media_cpm(PG_FUNCTION_ARGS)
{
	MediaSummary *s = MEDIA_ARG(0);
	Datum		per_mille;

	if (s->cpm_impressions == 0)
		PG_RETURN_NULL();
	per_mille = DirectFunctionCall2(numeric_mul, media_money(s, MEDIA_CPM_SPEND),
									count_numeric(1000));
	PG_RETURN_DATUM(abm_numeric_quotient(per_mille, count_numeric(s->cpm_impressions)));
}

PG_FUNCTION_INFO_V1(media_cost_per_conversion);
Datum
media_cost_per_conversion(PG_FUNCTION_ARGS)
{
	MediaSummary *s = MEDIA_ARG(0);

	if (s->cpa_conversions == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(abm_numeric_quotient(media_money(s, MEDIA_CPA_SPEND),
										 count_numeric(s->cpa_conversions)));
}

PG_FUNCTION_INFO_V1(media_impressions);
Datum
media_impressions(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(MEDIA_ARG(0)->impressions);
}

PG_FUNCTION_INFO_V1(media_clicks);
Datum
media_clicks(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(MEDIA_ARG(0)->clicks);
}

PG_FUNCTION_INFO_V1(media_conversions);
Datum
media_conversions(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(MEDIA_ARG(0)->conversions);
}

PG_FUNCTION_INFO_V1(media_completed_views);
Datum
media_completed_views(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(MEDIA_ARG(0)->completed_views);
}

PG_FUNCTION_INFO_V1(media_spend);
Datum
media_spend(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(media_money(MEDIA_ARG(0), MEDIA_SPEND));
}
