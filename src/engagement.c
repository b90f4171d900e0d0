/*
 * engagement.c: engagement_score, the time-decayed sum of an account's
 * touches, and its state type engagement_state.
 *
 *   engagement_score(touched_at, weight, as_of, half_life)
 *     = sum of weight * 2^(-(as_of - touched_at) / half_life)
 *       over the touches at or before as_of.
 *
 * Touches after as_of are ignored; a row with a NULL argument is skipped.
 * as_of and half_life are parameters of the whole group: the state records
 * them with the first row, and every later row, partial state (parallel
 * workers) and inverse transition must bring the same ones (22023).
 *
 * Plan independence: each touch's term is computed in float8 and then
 * rounded to a multiple of 2^-64 (an error below 2.8e-20 per touch), and the
 * state adds these in a 128-bit integer.  Integer addition does not depend
 * on the order of the rows, so serial and parallel plans and moving windows
 * give the same score to the bit, and a window removes a touch exactly.
 *
 * Text form (the state is seen only by those who ask for it):
 *   v1 rows=3 as_of=757382400000000 half_life=604800000000 score=32281802128991715328
 * rows counts the rows seen (later touches too), as_of is in microseconds
 * since 2000-01-01 00:00 UTC (PostgreSQL's epoch), half_life in
 * microseconds, score in units of 2^-64.  Without rows, all are 0.
 * Binary form: version byte, rows, as_of, half_life (int64 each), score
 * (two int64 halves, high first).
 */
#include "abm.h"

#include <math.h>

#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#include "money.h"
#include "text_form.h"

#define ENGAGEMENT_TYPE "engagement_state"

/* Weights up to 2^53 keep a term below 2^117 units and the sum of 2^10 of them in range. */
#define ENGAGEMENT_MAX_WEIGHT 9007199254740992.0
#define ENGAGEMENT_UNIT_BITS 64

/* Microseconds in a month as EXTRACT(EPOCH FROM interval) counts it: 30.4375 days. */
#define USECS_PER_MONTH_EPOCH (INT64CONST(2629800) * USECS_PER_SEC)

typedef struct EngagementState
{
	AbmSummaryHeader hdr;
	int64		rows;
	int64		as_of;			/* TimestampTz */
	int64		half_life;		/* microseconds, > 0 when rows > 0 */
	int128		score;			/* units of 2^-64 */
} EngagementState;

#define ENGAGEMENT_ARG(k) ((EngagementState *) abm_summary_read(fcinfo, (k), sizeof(EngagementState)))
#define ENGAGEMENT_STATE(k) ((EngagementState *) abm_summary_for_update(fcinfo, (k), sizeof(EngagementState)))

static const char *
engagement_problem(const EngagementState *s)
{
	if (s->hdr.flags != 0 || s->hdr.scale != 0)
		return "The header has no flags and no scale.";
	if (s->rows < 0 || s->score < 0)
		return "rows and score must not be negative.";
	if (s->rows == 0)
		return s->as_of != 0 || s->half_life != 0 || s->score != 0
			? "A state without rows has as_of, half_life and score 0." : NULL;
	if (s->half_life <= 0)
		return "half_life must be positive.";
	if (TIMESTAMP_NOT_FINITE(s->as_of) || !IS_VALID_TIMESTAMP(s->as_of))
		return "as_of must be a valid finite timestamp.";
	return NULL;
}

/* ---------------------------------------------------------------------
 * I/O
 */

PG_FUNCTION_INFO_V1(engagement_state_in);
Datum
engagement_state_in(PG_FUNCTION_ARGS)
{
	EngagementState *s = (EngagementState *) abm_summary_new(sizeof(EngagementState));
	AbmTextForm r;
	const char *problem;

	abm_text_form_init(&r, fcinfo, ENGAGEMENT_TYPE);
	if (!abm_text_form_begin(&r) ||
		!abm_text_form_int64(&r, "rows", false, &s->rows) ||
		!abm_text_form_int64(&r, "as_of", true, &s->as_of) ||
		!abm_text_form_int64(&r, "half_life", false, &s->half_life) ||
		!abm_text_form_int128(&r, "score", false, &s->score) ||
		!abm_text_form_end(&r))
		PG_RETURN_NULL();
	if ((problem = engagement_problem(s)) != NULL)
	{
		abm_text_form_error(&r, "%s", problem);
		PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(engagement_state_out);
Datum
engagement_state_out(PG_FUNCTION_ARGS)
{
	EngagementState *s = ENGAGEMENT_ARG(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v1 rows=" INT64_FORMAT " as_of=" INT64_FORMAT " half_life=" INT64_FORMAT " score=",
					 s->rows, s->as_of, s->half_life);
	abm_money_append(&buf, s->score, 0);
	PG_RETURN_CSTRING(buf.data);
}

#define ENGAGEMENT_BINARY_LENGTH (1 + 8 + 8 + 8 + 16)

PG_FUNCTION_INFO_V1(engagement_state_send);
Datum
engagement_state_send(PG_FUNCTION_ARGS)
{
	EngagementState *s = ENGAGEMENT_ARG(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ABM_FORMAT_V1);
	pq_sendint64(&buf, s->rows);
	pq_sendint64(&buf, s->as_of);
	pq_sendint64(&buf, s->half_life);
	abm_money_send(&buf, s->score);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(engagement_state_recv);
Datum
engagement_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	EngagementState *s = (EngagementState *) abm_summary_new(sizeof(EngagementState));
	int			left = buf->len - buf->cursor;
	int			version;
	const char *problem;

	if (left < 1)
		abm_recv_error(ENGAGEMENT_TYPE, "%s", "The value is empty.");
	version = pq_getmsgbyte(buf);
	if (version != ABM_FORMAT_V1)
		abm_recv_error(ENGAGEMENT_TYPE, "%s", psprintf("Format version %d is not one this release reads (%d).",
									   version, ABM_FORMAT_V1));
	if (left != ENGAGEMENT_BINARY_LENGTH)
		abm_recv_error(ENGAGEMENT_TYPE, "%s", psprintf("The value has %d bytes; a version %d value has %d.",
									   left, ABM_FORMAT_V1, ENGAGEMENT_BINARY_LENGTH));
	s->rows = pq_getmsgint64(buf);
	s->as_of = pq_getmsgint64(buf);
	s->half_life = pq_getmsgint64(buf);
	s->score = abm_money_recv(buf);
	if ((problem = engagement_problem(s)) != NULL)
		abm_recv_error(ENGAGEMENT_TYPE, "%s", problem);
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------------------
 * Arguments
 */

static pg_noreturn void
bad_half_life(Interval *half_life, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("half_life must be a positive finite interval, got \"%s\"",
					DatumGetCString(DirectFunctionCall1(interval_out, PointerGetDatum(half_life)))),
			 errdetail("%s", why)));
}

/* The half-life in microseconds, counted as EXTRACT(EPOCH FROM half_life). */
static int64
half_life_usecs(Interval *half_life)
{
	int64		months, days, total;

#ifdef INTERVAL_NOT_FINITE
	if (INTERVAL_NOT_FINITE(half_life))
		bad_half_life(half_life, "A score needs a finite half-life.");
#endif
	if (pg_mul_s64_overflow(half_life->month, USECS_PER_MONTH_EPOCH, &months) ||
		pg_mul_s64_overflow(half_life->day, USECS_PER_DAY, &days) ||
		pg_add_s64_overflow(months, days, &total) ||
		pg_add_s64_overflow(total, half_life->time, &total))
		bad_half_life(half_life, "It does not fit in 64-bit microseconds.");
	if (total <= 0)
		bad_half_life(half_life, "The weight of a touch halves every half_life: it must be longer than zero.");
	return total;
}

static void
check_as_of(TimestampTz as_of)
{
	if (TIMESTAMP_NOT_FINITE(as_of))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of must be a finite timestamp"),
				 errdetail("The score is measured at as_of.")));
}

static void
check_weight(double weight)
{
	if (!isfinite(weight) || weight < 0.0 || weight > ENGAGEMENT_MAX_WEIGHT)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("touch weight must be a finite number from 0 to 2^53, got %s",
						DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(weight))))));
}

/* Records the group's parameters with its first row, else requires the same. */
static void
engagement_parameters(EngagementState *s, TimestampTz as_of, int64 half_life)
{
	if (s->rows == 0)
	{
		s->as_of = as_of;
		s->half_life = half_life;
		return;
	}
	if (s->as_of != as_of || s->half_life != half_life)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("engagement_score needs one as_of and one half_life for the whole group"),
				 errdetail("The group was scored at %s with a half-life of " INT64_FORMAT " microseconds, a row asks for %s and " INT64_FORMAT ".",
						   pstrdup(timestamptz_to_str(s->as_of)), s->half_life,
						   pstrdup(timestamptz_to_str(as_of)), half_life),
				 errhint("Pass as_of and half_life as constants or per-group values.")));
}

/* weight * 2^(-age / half_life) in units of 2^-64; 0 for touches after as_of. */
static int128
touch_units(TimestampTz touched_at, double weight, TimestampTz as_of, int64 half_life)
{
	int64		age;
	double		term;

	if (TIMESTAMP_IS_NOEND(touched_at) || touched_at > as_of)
		return 0;				/* after as_of: ignored */
	if (TIMESTAMP_IS_NOBEGIN(touched_at) || pg_sub_s64_overflow(as_of, touched_at, &age))
		return 0;				/* infinitely old: decayed to nothing */
	term = weight * exp2(-(double) age / (double) half_life);
	return (int128) rint(ldexp(term, ENGAGEMENT_UNIT_BITS));
}

static Datum
engagement_step(FunctionCallInfo fcinfo, int sign)
{
	EngagementState *s = ENGAGEMENT_STATE(0);
	TimestampTz touched_at = PG_GETARG_TIMESTAMPTZ(1);
	double		weight = PG_GETARG_FLOAT8(2);
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(3);
	int64		half_life = half_life_usecs(PG_GETARG_INTERVAL_P(4));
	int128		units;
	const char *problem;

	check_as_of(as_of);
	check_weight(weight);
	engagement_parameters(s, as_of, half_life);
	units = touch_units(touched_at, weight, as_of, half_life);
	if (sign > 0)
	{
		if (__builtin_add_overflow(s->score, units, &s->score))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("engagement score out of range"),
					 errdetail("The decayed weights add up to more than 2^63.")));
		s->rows = abm_count_add(s->rows, 1, "engagement_state rows");
		PG_RETURN_POINTER(s);
	}
	s->score -= units;
	s->rows -= 1;
	if (s->rows == 0 && s->score == 0)
		s->as_of = s->half_life = 0;
	if ((problem = engagement_problem(s)) != NULL)
		abm_removal_error(ENGAGEMENT_TYPE, problem);
	PG_RETURN_POINTER(s);
}

ABM_SQL_FUNCTION(engagement_trans, engagement_step(fcinfo, 1))
ABM_SQL_FUNCTION(engagement_inv, engagement_step(fcinfo, -1))

PG_FUNCTION_INFO_V1(engagement_combine);
Datum
engagement_combine(PG_FUNCTION_ARGS)
{
	EngagementState *s = ENGAGEMENT_STATE(0);
	EngagementState *other = ENGAGEMENT_ARG(1);

	if (other->rows == 0)
		PG_RETURN_POINTER(s);
	engagement_parameters(s, other->as_of, other->half_life);
	if (__builtin_add_overflow(s->score, other->score, &s->score))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("engagement score out of range"),
				 errdetail("The decayed weights add up to more than 2^63.")));
	s->rows = abm_count_add(s->rows, other->rows, "engagement_state rows");
	PG_RETURN_POINTER(s);
}

/* The score; NULL when no row was scored. */
PG_FUNCTION_INFO_V1(engagement_final);
Datum
engagement_final(PG_FUNCTION_ARGS)
{
	EngagementState *s = ENGAGEMENT_ARG(0);

	if (s->rows == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ldexp((double) s->score, -ENGAGEMENT_UNIT_BITS));
}
