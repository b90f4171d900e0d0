/*
 * money.h: exact sums of money.
 *
 * A money sum is a 128-bit integer count of units of 10^-scale, with one
 * scale shared by all the money fields of a summary: the largest number of
 * decimal places among the values added so far, exactly as sum(numeric)
 * chooses its display scale.  Adding a value never rounds; a sum that no
 * longer fits raises 22003.
 */
#ifndef ABM_MONEY_H
#define ABM_MONEY_H

#include "abm.h"
#include "lib/stringinfo.h"

/* 10^38 is the largest power of ten below 2^127. */
#define ABM_MONEY_MAX_SCALE 38

/* One decoded amount: units of 10^-scale. */
typedef struct AbmAmount
{
	int128		units;
	int			scale;
} AbmAmount;

/* Decoding (NaN and infinities are rejected with 22003 naming "what"). */
extern AbmAmount abm_amount_from_numeric(Datum numeric, const char *what);
extern AbmAmount abm_amount_from_float8(float8 value, const char *what);
extern void abm_amount_require_nonnegative(AbmAmount a, const char *what);

/*
 * The SQL types an amount argument can have.  Integers are whole units and
 * stay exact: each SQL overload names its own, so that an integer amount
 * never resolves to the double precision form.
 */
typedef enum AbmAmountType
{
	ABM_AMOUNT_NUMERIC,
	ABM_AMOUNT_FLOAT8,
	ABM_AMOUNT_INT8,
	ABM_AMOUNT_INT4
} AbmAmountType;

/* Argument argno, of the given type, as an amount. */
static inline AbmAmount
abm_amount_arg(FunctionCallInfo fcinfo, int argno, AbmAmountType type, const char *what)
{
	switch (type)
	{
		case ABM_AMOUNT_FLOAT8:
			return abm_amount_from_float8(PG_GETARG_FLOAT8(argno), what);
		case ABM_AMOUNT_INT8:
			return (AbmAmount) {PG_GETARG_INT64(argno), 0};
		case ABM_AMOUNT_INT4:
			return (AbmAmount) {PG_GETARG_INT32(argno), 0};
		case ABM_AMOUNT_NUMERIC:
			break;
	}
	return abm_amount_from_numeric(PG_GETARG_DATUM(argno), what);
}

/* 10^exponent, exponent in 0..ABM_MONEY_MAX_SCALE. */
extern int128 abm_pow10(int exponent);

/* An amount as text ("-12.50"), for messages. */
extern char *abm_amount_text(AbmAmount a);

/* Brings two amounts to the larger of their scales, so they compare. */
extern void abm_amount_align(AbmAmount *a, AbmAmount *b);

/*
 * Sums: "sums" is an array of n money fields sharing *scale.  add_amount adds
 * one amount to field i; add_sums adds another array of n sums with its own
 * scale.  Both rescale as needed and check every step for overflow.
 */
extern void abm_money_add_amount(int128 *sums, int n, int16 *scale, int i, AbmAmount a);
extern void abm_money_add_sums(int128 *sums, int n, int16 *scale,
							   const int128 *other, int other_scale);
extern int128 abm_money_add(int128 a, int128 b);
extern int128 abm_money_sub(int128 a, int128 b);

/* a / b as PostgreSQL's numeric division gives it, trailing zeros trimmed. */
extern Datum abm_numeric_quotient(Datum a, Datum b);

/*
 * Moving windows.  A summary's money is shown with the largest scale of the
 * rows in it, as sum(numeric) does; when a window removes rows, the scale
 * must fall back once the last row at that scale has left.  So each
 * transition notes the largest scale of the amounts it adds (the watch),
 * and the header counts the rows at the summary's scale.  When a removal
 * takes the count to zero the inverse transition returns NULL, and
 * PostgreSQL recomputes that one frame, as it does for sum(numeric).
 */
extern int	abm_money_row_scale;

static inline int16
abm_scale_watch_begin(const AbmSummaryHeader *s)
{
	abm_money_row_scale = -1;
	return s->scale;
}

/* After one row was added (sign 1) or removed (sign -1); false: recompute. */
extern bool abm_scale_watch_end(AbmSummaryHeader *s, int16 scale_before, int sign);

/*
 * After a summary was merged in (sign 1) or out (sign -1): as one unit for
 * rollup() over stored summaries, or with its own row count when combining
 * partial states of one query.
 */
extern bool abm_scale_merge_rows(AbmSummaryHeader *s, int16 scale_before,
								 const AbmSummaryHeader *other, int sign, bool as_one_unit);

/* Output. */
extern Datum abm_money_to_numeric(int128 units, int scale);
extern void abm_money_append(StringInfo buf, int128 units, int scale);

/*
 * Parses an unsigned plain decimal ("1234.50") of exactly len bytes; false
 * on anything else (sign, exponent, garbage) or when it does not fit.
 */
extern bool abm_money_parse(const char *str, int len, AbmAmount *out);

/* Binary form of one sum: two int64 halves, high first. */
extern void abm_money_send(StringInfo buf, int128 units);
extern int128 abm_money_recv(StringInfo buf);

#endif							/* ABM_MONEY_H */
