/*
 * money.c: exact fixed-point money sums read straight from numeric values.
 *
 * sum(numeric) is exact but builds a NumericVar per row.  abm reads the
 * stored base-10000 digits of each numeric value into a 128-bit integer
 * instead: exact for every amount a real ledger holds, and a few integer
 * operations per row.  The stored layout of numeric is PostgreSQL's on-disk
 * format (pg_upgrade keeps it), so decoding it here is stable across
 * releases.
 */
#include "money.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

/* The stored numeric header (see numeric.c: NumericShort / NumericLong). */
#define NUM_SIGN_MASK			0xC000
#define NUM_NEG					0x4000
#define NUM_SHORT				0x8000
#define NUM_SPECIAL				0xC000
#define NUM_SHORT_SIGN_MASK		0x2000
#define NUM_SHORT_DSCALE_MASK	0x1F80
#define NUM_SHORT_DSCALE_SHIFT	7
#define NUM_SHORT_WEIGHT_SIGN	0x0040
#define NUM_SHORT_WEIGHT_MASK	0x003F
#define NUM_DSCALE_MASK			0x3FFF
#define NUM_BASE				10000
#define NUM_BASE_DIGITS			4

static int128 pow10_table[ABM_MONEY_MAX_SCALE + 1];
static bool pow10_ready = false;

static int128
pow10_of(int exponent)
{
	Assert(exponent >= 0 && exponent <= ABM_MONEY_MAX_SCALE);
	if (!pow10_ready)
	{
		pow10_table[0] = 1;
		for (int i = 1; i <= ABM_MONEY_MAX_SCALE; i++)
			pow10_table[i] = pow10_table[i - 1] * 10;
		pow10_ready = true;
	}
	return pow10_table[exponent];
}

/* 22003 for a money sum that no longer fits; what says what was being done. */
static void
money_overflow(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("money sum out of range for an abm summary: %s", what),
			 errdetail("abm keeps money sums exactly in 38 significant digits, counting the decimal places."),
			 errhint("Round the amounts to fewer decimal places, e.g. round(amount, 2).")));
}

/* *out = units * 10^exponent; false when it does not fit. */
static bool
scale_up(int128 units, int exponent, int128 *out)
{
	if (units == 0)
	{
		*out = 0;
		return true;
	}
	return exponent <= ABM_MONEY_MAX_SCALE &&
		!__builtin_mul_overflow(units, pow10_of(exponent), out);
}

int128
abm_pow10(int exponent)
{
	return pow10_of(exponent);
}

char *
abm_amount_text(AbmAmount a)
{
	StringInfoData buf;

	initStringInfo(&buf);
	abm_money_append(&buf, a.units, a.scale);
	return buf.data;
}

int128
abm_money_add(int128 a, int128 b)
{
	int128		result;

	if (__builtin_add_overflow(a, b, &result))
		money_overflow("a sum exceeds 38 digits");
	return result;
}

int128
abm_money_sub(int128 a, int128 b)
{
	int128		result;

	if (__builtin_sub_overflow(a, b, &result))
		money_overflow("a difference exceeds 38 digits");
	return result;
}

static void
reject_special(Datum numeric, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s must be a finite number, got \"%s\"", what,
					DatumGetCString(DirectFunctionCall1(numeric_out, numeric)))));
}

static void
numeric_too_large(Datum numeric, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s \"%s\" is out of range for an abm money sum", what,
					DatumGetCString(DirectFunctionCall1(numeric_out, numeric))),
			 errdetail("abm keeps money sums exactly in 38 significant digits, counting the decimal places.")));
}

AbmAmount
abm_amount_from_numeric(Datum numeric, const char *what)
{
	struct varlena *v = (struct varlena *) PG_DETOAST_DATUM_PACKED(numeric);
	const char *data = VARDATA_ANY(v);
	int			len = VARSIZE_ANY_EXHDR(v);
	uint16		header;
	int			weight;
	int			dscale;
	bool		negative;
	const char *digits;
	int			ndigits;
	int128		units = 0;
	int			exponent;
	AbmAmount	result;

	memcpy(&header, data, sizeof(uint16));
	if ((header & NUM_SIGN_MASK) == NUM_SPECIAL)
		reject_special(numeric, what);

	if ((header & NUM_SIGN_MASK) == NUM_SHORT)
	{
		negative = (header & NUM_SHORT_SIGN_MASK) != 0;
		dscale = (header & NUM_SHORT_DSCALE_MASK) >> NUM_SHORT_DSCALE_SHIFT;
		weight = (header & NUM_SHORT_WEIGHT_MASK);
		if (header & NUM_SHORT_WEIGHT_SIGN)
			weight |= ~NUM_SHORT_WEIGHT_MASK;
		digits = data + sizeof(uint16);
		ndigits = (len - sizeof(uint16)) / sizeof(int16);
	}
	else
	{
		int16		w;

		negative = (header & NUM_SIGN_MASK) == NUM_NEG;
		dscale = header & NUM_DSCALE_MASK;
		memcpy(&w, data + sizeof(uint16), sizeof(int16));
		weight = w;
		digits = data + 2 * sizeof(uint16);
		ndigits = (len - 2 * sizeof(uint16)) / sizeof(int16);
	}

	if (dscale > ABM_MONEY_MAX_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s has %d decimal places, more than the %d an abm summary keeps",
						what, dscale, ABM_MONEY_MAX_SCALE),
				 errhint("Round the amounts first, e.g. round(amount, 2).")));

	/*
	 * The digits as one integer, then shifted to units of 10^-dscale.  The
	 * last base-10000 group may run up to three digits past dscale (always
	 * zeros): drop them as that group is folded in, not after, or a value of
	 * 37 or 38 significant digits would overflow on the way to fitting.
	 */
	exponent = NUM_BASE_DIGITS * (weight - ndigits + 1) + dscale;
	for (int i = 0; i < ndigits; i++)
	{
		int16		d;
		int			group_digits = NUM_BASE_DIGITS;

		memcpy(&d, digits + i * sizeof(int16), sizeof(int16));
		if (i == ndigits - 1 && exponent < 0 && exponent > -NUM_BASE_DIGITS)
		{
			group_digits += exponent;
			d /= (int16) pow10_of(-exponent);
			exponent = 0;
		}
		if (__builtin_mul_overflow(units, (int) pow10_of(group_digits), &units) ||
			__builtin_add_overflow(units, d, &units))
			numeric_too_large(numeric, what);
	}
	if (exponent >= 0)
	{
		if (!scale_up(units, exponent, &units))
			numeric_too_large(numeric, what);
	}
	else if (units != 0)
	{
		/* Only a numeric with whole zero groups past dscale comes here. */
		if (-exponent > ABM_MONEY_MAX_SCALE)
			numeric_too_large(numeric, what);
		units /= pow10_of(-exponent);
	}

	result.units = negative ? -units : units;
	result.scale = dscale;
	return result;
}

AbmAmount
abm_amount_from_float8(float8 value, const char *what)
{
	if (isnan(value) || isinf(value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be a finite number, got \"%s\"", what,
						DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(value))))));
	/* Exactly what value::numeric gives, so results match SQL casts. */
	return abm_amount_from_numeric(DirectFunctionCall1(float8_numeric, Float8GetDatum(value)), what);
}

void
abm_amount_require_nonnegative(AbmAmount a, const char *what)
{
	if (a.units < 0)
	{
		StringInfoData buf;

		initStringInfo(&buf);
		abm_money_append(&buf, -a.units, a.scale);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must not be negative, got \"-%s\"", what, buf.data)));
	}
}

void
abm_amount_align(AbmAmount *a, AbmAmount *b)
{
	AbmAmount  *low = a->scale < b->scale ? a : b;
	int			scale = Max(a->scale, b->scale);
	int128		units;

	/*
	 * Into a local, not into low->units: on overflow the builtin leaves the
	 * wrapped product in its output, and the message must name the amount.
	 */
	if (!scale_up(low->units, scale - low->scale, &units))
		money_overflow(psprintf("%s cannot be written with %d decimal places",
								abm_amount_text(*low), scale));
	low->units = units;
	low->scale = scale;
}

int			abm_money_row_scale = -1;

/* Brings every sum to a larger scale; false when one does not fit. */
static bool
rescale_sums(int128 *sums, int n, int16 *scale, int new_scale)
{
	for (int i = 0; i < n; i++)
		if (!scale_up(sums[i], new_scale - *scale, &sums[i]))
			return false;
	*scale = (int16) new_scale;
	return true;
}

void
abm_money_add_amount(int128 *sums, int n, int16 *scale, int i, AbmAmount a)
{
	int128		units = a.units;

	abm_money_row_scale = Max(abm_money_row_scale, a.scale);
	if ((a.scale > *scale && !rescale_sums(sums, n, scale, a.scale)) ||
		(a.scale < *scale && !scale_up(a.units, *scale - a.scale, &units)) ||
		__builtin_add_overflow(sums[i], units, &sums[i]))
		money_overflow(psprintf("adding %s exceeds 38 digits", abm_amount_text(a)));
}

void
abm_money_add_sums(int128 *sums, int n, int16 *scale, const int128 *other, int other_scale)
{
	int128		units;

	if (other_scale > *scale && !rescale_sums(sums, n, scale, other_scale))
		money_overflow("combining summaries exceeds 38 digits");
	for (int i = 0; i < n; i++)
		if (!scale_up(other[i], *scale - other_scale, &units) ||
			__builtin_add_overflow(sums[i], units, &sums[i]))
			money_overflow("combining summaries exceeds 38 digits");
}

/*
 * Keeps s->scale_rows, the number of rows (or units) whose money has exactly
 * s->scale decimal places, after "units" rows of money scale row_scale were
 * added (units > 0) or removed (units < 0); "before" is s->scale before
 * they were added.  Removing the last rows at the largest scale leaves the
 * summary's scale unknown: false tells a moving window to recompute.
 */
static bool
scale_rows_add(AbmSummaryHeader *s, int16 before, int row_scale, int64 units)
{
	if (row_scale < 0 || units == 0 || row_scale < s->scale)
		return true;
	if (row_scale > s->scale)
		return false;			/* only an inconsistent removal gets here */
	if (units > 0)
		s->scale_rows = (before < s->scale) ? units : s->scale_rows + units;
	else if (s->scale_rows + units > 0)
		s->scale_rows += units;
	else
		return false;
	return true;
}

bool
abm_scale_watch_end(AbmSummaryHeader *s, int16 before, int sign)
{
	return scale_rows_add(s, before, abm_money_row_scale, sign);
}

bool
abm_scale_merge_rows(AbmSummaryHeader *s, int16 before, const AbmSummaryHeader *other,
					 int sign, bool as_one_unit)
{
	return scale_rows_add(s, before, other->scale, sign * (as_one_unit ? 1 : other->scale_rows));
}

void
abm_money_append(StringInfo buf, int128 units, int scale)
{
	char		digits[64];
	int			n = 0;
	uint128		magnitude = units < 0 ? -(uint128) units : (uint128) units;

	/* Least significant digit first; at least scale + 1 digits. */
	do
	{
		digits[n++] = '0' + (int) (magnitude % 10);
		magnitude /= 10;
	} while (magnitude != 0 || n <= scale);

	if (units < 0)
		appendStringInfoChar(buf, '-');
	while (n > 0)
	{
		if (n == scale)
			appendStringInfoChar(buf, '.');
		appendStringInfoChar(buf, digits[--n]);
	}
}

Datum
abm_money_to_numeric(int128 units, int scale)
{
	StringInfoData buf;

	initStringInfo(&buf);
	abm_money_append(&buf, units, scale);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf.data),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

Datum
abm_numeric_quotient(Datum a, Datum b)
{
	/* 120000, not 120000.0000000000000000: the digits say the same. */
	return DirectFunctionCall1(numeric_trim_scale, DirectFunctionCall2(numeric_div, a, b));
}

bool
abm_money_parse(const char *str, int len, AbmAmount *out)
{
	int128		units = 0;
	int			scale = 0;
	bool		seen_point = false;
	int			ndigits = 0;

	for (int i = 0; i < len; i++)
	{
		char		c = str[i];

		if (c == '.' && !seen_point)
		{
			seen_point = true;
			continue;
		}
		if (c < '0' || c > '9')
			return false;
		if (__builtin_mul_overflow(units, 10, &units) ||
			__builtin_add_overflow(units, c - '0', &units))
			return false;
		ndigits++;
		if (seen_point)
			scale++;
	}
	/* "1." and ".5" are not how abm writes money: refuse them. */
	if (ndigits == 0 || (seen_point && (scale == 0 || str[0] == '.')) ||
		scale > ABM_MONEY_MAX_SCALE)
		return false;
	out->units = units;
	out->scale = scale;
	return true;
}

void
abm_money_send(StringInfo buf, int128 units)
{
	pq_sendint64(buf, (int64) (units >> 64));
	pq_sendint64(buf, (int64) (uint64) units);
}

int128
abm_money_recv(StringInfo buf)
{
	int128		high = pq_getmsgint64(buf);
	uint64		low = (uint64) pq_getmsgint64(buf);

	return (int128) (((uint128) high << 64) | low);
}
