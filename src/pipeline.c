/*
 * pipeline.c: pipeline_summary, the state of the pipeline KPIs.
 *
 * One row is one opportunity: won (true), lost (false) or open (NULL), its
 * amount, when it was created and closed, and for open deals the
 * probability that it will be won.  The summary keeps
 *   - open, won and lost deals, and the won deals with a known amount;
 *   - exact money: open pipeline, weighted pipeline (amount x probability),
 *     won and lost amounts;
 *   - the number and exact microsecond sum of sales cycles (created ->
 *     closed) of won deals, and of lost deals;
 *   - a sketch of the won deals' cycles for quantiles (cycle_sketch.c).
 * Every part adds up, so summaries combine, roll up and subtract exactly.
 */
#include "pipeline.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#define PIPE_ARG(n) ((PipelineSummary *) abm_summary_read_type(fcinfo, (n), &pipeline_type))
#define PIPE_STATE(n) ((PipelineSummary *) abm_summary_update_type(fcinfo, (n), &pipeline_type))

/* A probability keeps at most this many decimal places. */
#define PROBABILITY_SCALE 6

static const char *
pipeline_problem(const AbmSummaryHeader *h)
{
	const PipelineSummary *s = (const PipelineSummary *) h;
	const int128 *m = s->money;
	int64		total;

	if (__builtin_add_overflow(s->open, s->won, &total) ||
		__builtin_add_overflow(total, s->lost, &total))
		return "The total number of opportunities exceeds the 64-bit count limit.";
	if (s->won_with_amount > s->won)
		return "won_with_amount exceeds won.";
	if (s->won_cycles > s->won || s->lost_cycles > s->lost)
		return "There are more cycles than closed deals.";
	if ((s->open == 0 && m[PIPE_OPEN] != 0) || (s->won_with_amount == 0 && m[PIPE_WON] != 0) ||
		(s->lost == 0 && m[PIPE_LOST] != 0))
		return "An amount is summed without a deal counted.";
	if (m[PIPE_WEIGHTED] > m[PIPE_OPEN])
		return "weighted_pipeline exceeds pipeline.";
	if ((s->won_cycles == 0 && s->won_cycle_us != 0) || (s->lost_cycles == 0 && s->lost_cycle_us != 0))
		return "Cycle time is summed without a cycle counted.";
	return cycle_sketch_problem(s);
}

#define PIPE_COUNT(member) ABM_FIELD(PipelineSummary, member, ABM_FIELD_COUNT)
#define PIPE_MONEY(name, i) ABM_FIELD_NAMED(name, PipelineSummary, money[i], ABM_FIELD_MONEY)

static const AbmField pipeline_fields[] = {
	PIPE_COUNT(open),
	PIPE_COUNT(won),
	PIPE_COUNT(lost),
	PIPE_COUNT(won_with_amount),
	ABM_FIELD_SCALE_AT,
	PIPE_MONEY("pipeline", PIPE_OPEN),
	PIPE_MONEY("weighted_pipeline", PIPE_WEIGHTED),
	PIPE_MONEY("won_amount", PIPE_WON),
	PIPE_MONEY("lost_amount", PIPE_LOST),
	PIPE_COUNT(won_cycles),
	ABM_FIELD(PipelineSummary, won_cycle_us, ABM_FIELD_WHOLE),
	PIPE_COUNT(lost_cycles),
	ABM_FIELD(PipelineSummary, lost_cycle_us, ABM_FIELD_WHOLE),
};

const AbmSummaryType pipeline_type = {
	.name = PIPELINE_TYPE,
	.size = sizeof(PipelineSummary),
	.fields = ABM_FIELDS(pipeline_fields),
	.money_offset = offsetof(PipelineSummary, money),
	.money_fields = PIPE_MONEY_FIELDS,
	.problem = pipeline_problem,
	.tail = &cycle_sketch_tail,
};

ABM_SUMMARY_IO(pipeline_summary, pipeline_type)
ABM_SUMMARY_MERGE(pipeline_combine, pipeline_rollup, pipeline_subtract, pipeline_type)

/* ---------------------------------------------------------------------
 * One opportunity
 */

static void
add_money(PipelineSummary *s, int i, AbmAmount amount, int sign)
{
	amount.units *= sign;
	abm_money_add_amount(s->money, PIPE_MONEY_FIELDS, &s->hdr.scale, i, amount);
}

/*
 * A probability in [0, 1] (22003 otherwise), rounded half away from zero to
 * PROBABILITY_SCALE places and without trailing zeros, so that amount x
 * probability adds as few decimal places as it needs.
 */
static AbmAmount
probability_of(AbmAmount p)
{
	if (p.units < 0 || (p.scale <= ABM_MONEY_MAX_SCALE && p.units > abm_pow10(p.scale)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("probability must be within [0, 1], got %s",
						abm_amount_text(p))));
	if (p.scale > PROBABILITY_SCALE)
	{
		int128		unit = abm_pow10(p.scale - PROBABILITY_SCALE);

		p.units = (p.units + unit / 2) / unit;
		p.scale = PROBABILITY_SCALE;
	}
	while (p.scale > 0 && p.units % 10 == 0)
	{
		p.units /= 10;
		p.scale--;
	}
	return p;
}

/* amount x probability, exactly: units multiply and scales add. */
static AbmAmount
weighted_amount(AbmAmount amount, AbmAmount p)
{
	AbmAmount	w;

	if (__builtin_mul_overflow(amount.units, p.units, &w.units) ||
		amount.scale + p.scale > ABM_MONEY_MAX_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("weighted amount out of range for an abm summary: %s x %s",
						abm_amount_text(amount), abm_amount_text(p)),
				 errdetail("abm keeps money sums exactly in 38 significant digits, counting the decimal places."),
				 errhint("Round the amounts to fewer decimal places, e.g. round(amount, 2).")));
	w.scale = amount.scale + p.scale;
	return w;
}

/*
 * The cycle of a closed deal in microseconds: 22023 when it is negative.
 * (timestamptz_to_str returns a static buffer: copy before the second call.)
 */
static int128
cycle_us_of(TimestampTz created, TimestampTz closed)
{
	if (TIMESTAMP_NOT_FINITE(created) || TIMESTAMP_NOT_FINITE(closed))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("created_at and closed_at of a closed opportunity must be finite, got \"%s\" and \"%s\"",
						pstrdup(timestamptz_to_str(created)), pstrdup(timestamptz_to_str(closed)))));
	if (closed < created)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("closed_at \"%s\" is before created_at \"%s\"",
						pstrdup(timestamptz_to_str(closed)), pstrdup(timestamptz_to_str(created))),
				 errdetail("A closed opportunity cannot close before it was created.")));
	return (int128) closed - created;
}

typedef struct Opportunity
{
	int			outcome;		/* OUTCOME_OPEN, _WON or _LOST */
	bool		has_amount;
	AbmAmount	amount;
	bool		has_probability;
	AbmAmount	probability;
	bool		has_cycle;
	int128		cycle_us;
} Opportunity;

enum
{
	OUTCOME_OPEN,
	OUTCOME_WON,
	OUTCOME_LOST
};

/*
 * Adds (sign 1) or, for a moving window, removes (sign -1) one opportunity;
 * may return a new, larger summary (the cycle sketch grew).
 */
static PipelineSummary *
pipeline_add(PipelineSummary *s, const Opportunity *o, int sign)
{
	switch (o->outcome)
	{
		case OUTCOME_OPEN:
			s->open = abm_count_add(s->open, sign, "pipeline_summary open");
			if (o->has_amount)
				add_money(s, PIPE_OPEN, o->amount, sign);
			if (o->has_amount && o->has_probability)
				add_money(s, PIPE_WEIGHTED, weighted_amount(o->amount, o->probability), sign);
			return s;
		case OUTCOME_WON:
			s->won = abm_count_add(s->won, sign, "pipeline_summary won");
			if (o->has_amount)
			{
				s->won_with_amount += sign; /* <= won, checked */
				add_money(s, PIPE_WON, o->amount, sign);
			}
			if (o->has_cycle)
			{
				s->won_cycles += sign;
				s->won_cycle_us = abm_money_add(s->won_cycle_us, sign * o->cycle_us);
				s = cycle_sketch_add(s, o->cycle_us, sign);
			}
			return s;
		default:
			s->lost = abm_count_add(s->lost, sign, "pipeline_summary lost");
			if (o->has_amount)
				add_money(s, PIPE_LOST, o->amount, sign);
			if (o->has_cycle)
			{
				s->lost_cycles += sign;
				s->lost_cycle_us = abm_money_add(s->lost_cycle_us, sign * o->cycle_us);
			}
			return s;
	}
}

/*
 * Arguments: 1 won, 2 amount, 3 created_at, 4 closed_at, 5 probability (in
 * the five-argument forms).  Any of them may be NULL.
 */
static void
read_opportunity(FunctionCallInfo fcinfo, AbmAmountType amount_type,
				 AbmAmountType probability_type, Opportunity *o)
{
	memset(o, 0, sizeof(*o));
	o->outcome = PG_ARGISNULL(1) ? OUTCOME_OPEN : PG_GETARG_BOOL(1) ? OUTCOME_WON : OUTCOME_LOST;
	if (!PG_ARGISNULL(2))
	{
		o->has_amount = true;
		o->amount = abm_amount_arg(fcinfo, 2, amount_type, "amount");
		abm_amount_require_nonnegative(o->amount, "amount");
	}
	if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
	{
		o->has_probability = true;
		o->probability = probability_of(abm_amount_arg(fcinfo, 5, probability_type, "probability"));
	}
	/* An open deal's closed_at is its expected close date: not a cycle. */
	if (o->outcome != OUTCOME_OPEN && !PG_ARGISNULL(3) && !PG_ARGISNULL(4))
	{
		o->has_cycle = true;
		o->cycle_us = cycle_us_of(PG_GETARG_TIMESTAMPTZ(3), PG_GETARG_TIMESTAMPTZ(4));
	}
}

/* Transition (sign 1) and inverse transition (sign -1) over one opportunity. */
static Datum
pipeline_step(FunctionCallInfo fcinfo, int sign, AbmAmountType amount_type,
			  AbmAmountType probability_type)
{
	PipelineSummary *s;
	Opportunity o;
	int16		scale_before;

	/* Not strict (NULL outcome means open): a direct call may pass a NULL state. */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	read_opportunity(fcinfo, amount_type, probability_type, &o);
	s = PIPE_STATE(0);
	scale_before = abm_scale_watch_begin(&s->hdr);
	s = pipeline_add(s, &o, sign);
	if (sign < 0)
		abm_summary_check_removal(&pipeline_type, &s->hdr);
	if (!abm_scale_watch_end(&s->hdr, scale_before, sign))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

/* Per amount type: without probability, numeric and double precision. */
#define PIPELINE_STEPS(suffix, type) \
	ABM_SQL_FUNCTION(pipeline_trans##suffix, pipeline_step(fcinfo, 1, (type), ABM_AMOUNT_NUMERIC)) \
	ABM_SQL_FUNCTION(pipeline_inv##suffix, pipeline_step(fcinfo, -1, (type), ABM_AMOUNT_NUMERIC)) \
	ABM_SQL_FUNCTION(pipeline_trans##suffix##_pfloat8, pipeline_step(fcinfo, 1, (type), ABM_AMOUNT_FLOAT8)) \
	ABM_SQL_FUNCTION(pipeline_inv##suffix##_pfloat8, pipeline_step(fcinfo, -1, (type), ABM_AMOUNT_FLOAT8))

PIPELINE_STEPS(, ABM_AMOUNT_NUMERIC)
PIPELINE_STEPS(_float8, ABM_AMOUNT_FLOAT8)
PIPELINE_STEPS(_int8, ABM_AMOUNT_INT8)
PIPELINE_STEPS(_int4, ABM_AMOUNT_INT4)

/* ---------------------------------------------------------------------
 * Accessors
 */

#define PIPELINE_COUNT_ACCESSOR(name, expr) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PipelineSummary *s = PIPE_ARG(0); \
	PG_RETURN_INT64(expr); \
}

/* The total fits: checked on every way in. */
PIPELINE_COUNT_ACCESSOR(pipeline_opportunities, s->open + s->won + s->lost)
PIPELINE_COUNT_ACCESSOR(pipeline_open_opportunities, s->open)
PIPELINE_COUNT_ACCESSOR(pipeline_won_opportunities, s->won)
PIPELINE_COUNT_ACCESSOR(pipeline_lost_opportunities, s->lost)

#define PIPELINE_MONEY_ACCESSOR(name, i) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PipelineSummary *s = PIPE_ARG(0); \
	PG_RETURN_DATUM(abm_money_to_numeric(s->money[i], s->hdr.scale)); \
}

PIPELINE_MONEY_ACCESSOR(pipeline_amount, PIPE_OPEN)
PIPELINE_MONEY_ACCESSOR(pipeline_weighted, PIPE_WEIGHTED)
PIPELINE_MONEY_ACCESSOR(pipeline_won_amount, PIPE_WON)
PIPELINE_MONEY_ACCESSOR(pipeline_lost_amount, PIPE_LOST)

PG_FUNCTION_INFO_V1(pipeline_win_rate);
Datum
pipeline_win_rate(PG_FUNCTION_ARGS)
{
	PipelineSummary *s = PIPE_ARG(0);

	ABM_RETURN_RATE(s->won, s->won + s->lost);
}

PG_FUNCTION_INFO_V1(pipeline_weighted_win_rate);
Datum
pipeline_weighted_win_rate(PG_FUNCTION_ARGS)
{
	PipelineSummary *s = PIPE_ARG(0);

	/* Both sums share one scale, so their ratio needs no rescaling. */
	ABM_RETURN_RATE(s->money[PIPE_WON], abm_money_add(s->money[PIPE_WON], s->money[PIPE_LOST]));
}

static Datum
count_numeric(int64 n)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum(n));
}

PG_FUNCTION_INFO_V1(pipeline_average_deal_size);
Datum
pipeline_average_deal_size(PG_FUNCTION_ARGS)
{
	PipelineSummary *s = PIPE_ARG(0);

	if (s->won_with_amount == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(abm_numeric_quotient(abm_money_to_numeric(s->money[PIPE_WON], s->hdr.scale),
										 count_numeric(s->won_with_amount)));
}

#define USECS_PER_DAY_F ((double) USECS_PER_DAY)

PG_FUNCTION_INFO_V1(pipeline_sales_cycle_days);
Datum
pipeline_sales_cycle_days(PG_FUNCTION_ARGS)
{
	PipelineSummary *s = PIPE_ARG(0);

	if (s->won_cycles == 0)
		PG_RETURN_NULL();
	/* The sum is exact; one division at the end. */
	PG_RETURN_FLOAT8((double) s->won_cycle_us / ((double) s->won_cycles * USECS_PER_DAY_F));
}

PG_FUNCTION_INFO_V1(pipeline_closed_cycle_days);
Datum
pipeline_closed_cycle_days(PG_FUNCTION_ARGS)
{
	PipelineSummary *s = PIPE_ARG(0);
	int64		n = s->won_cycles + s->lost_cycles;	/* <= won + lost, which fits */

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) abm_money_add(s->won_cycle_us, s->lost_cycle_us) /
					 ((double) n * USECS_PER_DAY_F));
}

PG_FUNCTION_INFO_V1(pipeline_sales_cycle_quantile);
Datum
pipeline_sales_cycle_quantile(PG_FUNCTION_ARGS)
{
	PipelineSummary *s = PIPE_ARG(0);
	float8		q = PG_GETARG_FLOAT8(1);

	if (isnan(q) || q < 0 || q > 1)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("quantile must be within [0, 1], got %g", q)));
	if (s->won_cycles == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cycle_sketch_quantile_us(s, q) / USECS_PER_DAY_F);
}

static Datum
numeric_times(Datum a, Datum b)
{
	return DirectFunctionCall2(numeric_mul, a, b);
}

/*
 * open x win rate x average deal size / mean cycle days, as one exact
 * fraction of the stored integers:
 *   open x won x won_amount x won_cycles x usecs per day
 *   / ((won + lost) x won_with_amount x won_cycle_us)
 * NULL when a factor is undefined: nothing closed, no won amount, no cycle,
 * or a mean cycle of 0 days.
 */
PG_FUNCTION_INFO_V1(pipeline_velocity);
Datum
pipeline_velocity(PG_FUNCTION_ARGS)
{
	PipelineSummary *s = PIPE_ARG(0);
	Datum		num;
	Datum		den;

	if (s->won + s->lost == 0 || s->won_with_amount == 0 || s->won_cycles == 0 ||
		s->won_cycle_us == 0)
		PG_RETURN_NULL();
	num = numeric_times(count_numeric(s->open), count_numeric(s->won));
	num = numeric_times(num, abm_money_to_numeric(s->money[PIPE_WON], s->hdr.scale));
	num = numeric_times(num, count_numeric(s->won_cycles));
	num = numeric_times(num, count_numeric(USECS_PER_DAY));
	den = numeric_times(count_numeric(s->won + s->lost), count_numeric(s->won_with_amount));
	den = numeric_times(den, abm_money_to_numeric(s->won_cycle_us, 0));
	PG_RETURN_DATUM(abm_numeric_quotient(num, den));
}
