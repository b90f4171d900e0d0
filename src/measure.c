/*
 * measure.c: measure_summary (see measure.h), measure_agg and its accessors.
 *
 * Averages such as touches per won account, deal size or minutes on
 * content: sample_size, mean, sample_variance and sample_stddev of a stored,
 * combinable summary.  No min or max: a moving window could not remove the
 * current minimum, and the built-in min() and max() serve.
 *
 * Text form, by the summary's form:
 *   v1 n=8 sum=40 sum_squares=232           integer values, exact sums
 *   v1 n=3 mean=0.5 m2=1.25                 fractional values (float8)
 * Binary form: version byte, flags byte, n (int64), sum and sum_squares
 * (two int64 halves each, high first), mean and m2 (float8): the fields of
 * the other form are zero, so every value has one binary spelling.
 */
#include "measure.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/fmgrprotos.h"

#include "text_form.h"

/* ---------------------------------------------------------------------
 * Moments of either form
 */

/*
 * From the exact sums: with sum = q n + r (q truncated, |r| < n),
 *   M2 = sum_squares - sum^2 / n = (sum_squares - q^2 n - 2 q r) - r^2 / n,
 * where the first term is an exact integer (its terms are bounded by
 * sum_squares and |sum|, which fit), so M2 is rounded once or twice, and
 * never from a cancellation.  Checked arithmetic: false when a term does not
 * fit, which only a hand-made summary can cause.
 */
static bool
exact_moments(int64 n, int128 sum, int128 sum_squares, double *mean, double *m2,
			  bool *possible)
{
	int128		q = sum / n;
	int128		r = sum - q * n;
	int128		qq, qqn, qr2, a, r2;

	if (__builtin_mul_overflow(q, q, &qq) || __builtin_mul_overflow(qq, (int128) n, &qqn) ||
		__builtin_mul_overflow(q, r, &qr2) || __builtin_mul_overflow(qr2, (int128) 2, &qr2) ||
		__builtin_sub_overflow(sum_squares, qqn, &a) || __builtin_sub_overflow(a, qr2, &a))
		return false;
	r2 = r * r;					/* |r| < n < 2^63 */
	/* M2 >= 0, i.e. a n >= r^2 (Cauchy-Schwarz: n sum_squares >= sum^2) */
	*possible = a >= 0 && (a > r2 / n || (a == r2 / n && r2 % n == 0));
	*mean = (double) q + (double) r / (double) n;
	*m2 = (double) (a - r2 / n) - (double) (r2 % n) / (double) n;
	return true;
}

void
measure_moments(const MeasureSummary *s, double *mean, double *m2)
{
	bool		possible;

	Assert(s->n > 0);
	if (s->hdr.flags & MEASURE_FRACTIONAL)
	{
		*mean = s->mean;
		*m2 = s->m2;
		return;
	}
	if (!exact_moments(s->n, s->sum, s->sum_squares, mean, m2, &possible))
		elog(ERROR, "measure_summary sums out of range");	/* checked on input */
}

bool
measure_sample_variance_of(const MeasureSummary *s, double *mean, double *variance)
{
	double		m2;

	if (s->n < 2)
		return false;
	measure_moments(s, mean, &m2);
	*variance = fmax(m2, 0.0) / (double) (s->n - 1);
	return true;
}

/* ---------------------------------------------------------------------
 * Consistency: what input, recv and removal check
 */

static const char *
measure_problem(const MeasureSummary *s)
{
	if (s->n < 0)
		return "n must not be negative.";
	if (s->hdr.flags & ~MEASURE_FRACTIONAL)
		return psprintf("Unknown flags 0x%02x.", s->hdr.flags);
	if (s->hdr.flags & MEASURE_FRACTIONAL)
	{
		if (s->n == 0)
			return "A fractional summary has at least one value.";
		if (s->sum != 0 || s->sum_squares != 0)
			return "A fractional summary has no exact sums.";
		if (!isfinite(s->mean) || !isfinite(s->m2) || s->m2 < 0)
			return "mean and m2 must be finite, and m2 must not be negative.";
		if (s->n == 1 && s->m2 != 0)
			return "One value has no spread: m2 must be 0.";
		return NULL;
	}
	if (s->mean != 0 || s->m2 != 0 || signbit(s->mean) || signbit(s->m2))
		return "An integer summary keeps its sums, not mean and m2.";
	if (s->sum_squares < 0)
		return "sum_squares must not be negative.";
	if (s->n == 0)
		return s->sum != 0 || s->sum_squares != 0 ? "No values have no sums." : NULL;
	if ((s->sum & 1) != (s->sum_squares & 1))
		return "sum and sum_squares of whole numbers have the same parity.";
	{
		double		mean, m2;
		bool		possible = false;

		if (!exact_moments(s->n, s->sum, s->sum_squares, &mean, &m2, &possible) || !possible)
			return "No values have this sum and sum_squares: n * sum_squares must be at least sum^2.";
		if (s->n == 1 && m2 != 0)
			return "One value x has sum_squares = x^2.";
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * I/O
 */

PG_FUNCTION_INFO_V1(measure_summary_in);
Datum
measure_summary_in(PG_FUNCTION_ARGS)
{
	MeasureSummary *s = (MeasureSummary *) abm_summary_new(sizeof(MeasureSummary));
	AbmTextForm r;
	const char *problem;

	abm_text_form_init(&r, fcinfo, MEASURE_TYPE);
	if (!abm_text_form_begin(&r) || !abm_text_form_int64(&r, "n", false, &s->n))
		PG_RETURN_NULL();
	if (abm_text_form_next_is(&r, "mean"))
	{
		s->hdr.flags = MEASURE_FRACTIONAL;
		if (!abm_text_form_float8(&r, "mean", &s->mean) || !abm_text_form_float8(&r, "m2", &s->m2))
			PG_RETURN_NULL();
	}
	else if (!abm_text_form_int128(&r, "sum", true, &s->sum) ||
			 !abm_text_form_int128(&r, "sum_squares", false, &s->sum_squares))
		PG_RETURN_NULL();
	if (!abm_text_form_end(&r))
		PG_RETURN_NULL();
	if ((problem = measure_problem(s)) != NULL)
	{
		abm_text_form_error(&r, "%s", problem);
		PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(measure_summary_out);
Datum
measure_summary_out(PG_FUNCTION_ARGS)
{
	MeasureSummary *s = MEASURE_ARG(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v1 n=" INT64_FORMAT, s->n);
	if (s->hdr.flags & MEASURE_FRACTIONAL)
	{
		appendStringInfoString(&buf, " mean=");
		abm_append_float8(&buf, s->mean);
		appendStringInfoString(&buf, " m2=");
		abm_append_float8(&buf, s->m2);
	}
	else
	{
		appendStringInfoString(&buf, " sum=");
		abm_money_append(&buf, s->sum, 0);
		appendStringInfoString(&buf, " sum_squares=");
		abm_money_append(&buf, s->sum_squares, 0);
	}
	PG_RETURN_CSTRING(buf.data);
}

#define MEASURE_BINARY_LENGTH (1 + 1 + 8 + 16 + 16 + 8 + 8)

PG_FUNCTION_INFO_V1(measure_summary_send);
Datum
measure_summary_send(PG_FUNCTION_ARGS)
{
	MeasureSummary *s = MEASURE_ARG(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ABM_FORMAT_V1);
	pq_sendbyte(&buf, s->hdr.flags);
	pq_sendint64(&buf, s->n);
	abm_money_send(&buf, s->sum);
	abm_money_send(&buf, s->sum_squares);
	pq_sendfloat8(&buf, s->mean);
	pq_sendfloat8(&buf, s->m2);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(measure_summary_recv);
Datum
measure_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	MeasureSummary *s = (MeasureSummary *) abm_summary_new(sizeof(MeasureSummary));
	int			left = buf->len - buf->cursor;
	int			version;
	const char *problem;

	if (left < 1)
		abm_recv_error(MEASURE_TYPE, "%s", "The value is empty.");
	version = pq_getmsgbyte(buf);
	if (version != ABM_FORMAT_V1)
		abm_recv_error(MEASURE_TYPE, "%s", psprintf("Format version %d is not one this release reads (%d).",
									version, ABM_FORMAT_V1));
	if (left != MEASURE_BINARY_LENGTH)
		abm_recv_error(MEASURE_TYPE, "%s", psprintf("The value has %d bytes; a version %d value has %d.",
									left, ABM_FORMAT_V1, MEASURE_BINARY_LENGTH));
	s->hdr.flags = (uint8) pq_getmsgbyte(buf);
	s->n = pq_getmsgint64(buf);
	s->sum = abm_money_recv(buf);
	s->sum_squares = abm_money_recv(buf);
	s->mean = pq_getmsgfloat8(buf);
	s->m2 = pq_getmsgfloat8(buf);
	if ((problem = measure_problem(s)) != NULL)
		abm_recv_error(MEASURE_TYPE, "%s", problem);
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------------------
 * Adding and removing values
 */

static bool
is_exact_whole(double x)
{
	return fabs(x) <= MEASURE_EXACT_LIMIT && x == floor(x);
}

static void
check_finite(double x, const char *what)
{
	if (!isfinite(x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be a finite number, got \"%s\"", what,
						DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(x))))));
}

static void
check_fractional_range(const MeasureSummary *s)
{
	if (!isfinite(s->mean) || !isfinite(s->m2))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("measure_summary out of range: the squared deviations exceed double precision")));
}

/* Into the float8 form, for a fractional value or sums that no longer fit. */
static void
make_fractional(MeasureSummary *s)
{
	if (s->hdr.flags & MEASURE_FRACTIONAL)
		return;
	if (s->n > 0)
		measure_moments(s, &s->mean, &s->m2);
	s->sum = 0;
	s->sum_squares = 0;
	s->hdr.flags |= MEASURE_FRACTIONAL;
}

static void
measure_add_value(MeasureSummary *s, double x)
{
	double		delta;

	check_finite(x, "measure value");
	if (!(s->hdr.flags & MEASURE_FRACTIONAL) && is_exact_whole(x))
	{
		int64		v = (int64) x;
		int128		sum_squares;

		/* |sum| <= sum_squares for whole numbers: only this can overflow */
		if (!__builtin_add_overflow(s->sum_squares, (int128) v * v, &sum_squares))
		{
			s->n = abm_count_add(s->n, 1, "measure_summary n");
			s->sum += v;
			s->sum_squares = sum_squares;
			return;
		}
	}
	make_fractional(s);
	/* Welford: the mean moves by delta / n, M2 by delta times the new deviation. */
	s->n = abm_count_add(s->n, 1, "measure_summary n");
	delta = x - s->mean;
	s->mean += delta / (double) s->n;
	s->m2 += delta * (x - s->mean);
	check_fractional_range(s);
}

/*
 * Removes a value for a moving window.  Exact in the integer form; in the
 * fractional form a float8 removal would leave rounding behind, so it
 * returns false and PostgreSQL computes that frame afresh.
 */
static bool
measure_remove_value(MeasureSummary *s, double x)
{
	const char *problem;
	int64		v;

	if (s->hdr.flags & MEASURE_FRACTIONAL)
		return false;
	if (!is_exact_whole(x))
		abm_removal_error(MEASURE_TYPE, psprintf("%g is not a whole number, and the summary holds only whole numbers.", x));
	v = (int64) x;
	s->n -= 1;
	s->sum -= v;
	s->sum_squares -= (int128) v * v;
	if ((problem = measure_problem(s)) != NULL)
		abm_removal_error(MEASURE_TYPE, problem);
	return true;
}

static double
numeric_value(Datum numeric)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, numeric));
}

static Datum
measure_step(FunctionCallInfo fcinfo, int sign, bool is_numeric)
{
	MeasureSummary *s = MEASURE_STATE(0);
	double		x = is_numeric ? numeric_value(PG_GETARG_DATUM(1)) : PG_GETARG_FLOAT8(1);

	if (sign > 0)
		measure_add_value(s, x);
	else if (!measure_remove_value(s, x))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}

ABM_SQL_FUNCTION(measure_trans, measure_step(fcinfo, 1, false))
ABM_SQL_FUNCTION(measure_inv, measure_step(fcinfo, -1, false))
ABM_SQL_FUNCTION(measure_trans_numeric, measure_step(fcinfo, 1, true))
ABM_SQL_FUNCTION(measure_inv_numeric, measure_step(fcinfo, -1, true))

/* ---------------------------------------------------------------------
 * Merging: combine, rollup(), + and the moving-window subtract
 */

/* Chan et al.: the (n, mean, M2) of the union of two samples. */
static void
merge_fractional(MeasureSummary *s, const MeasureSummary *other)
{
	double		other_mean, other_m2;
	double		delta;
	double		n1, n2, n;
	int64		total = abm_count_add(s->n, other->n, "measure_summary n");

	make_fractional(s);
	measure_moments(other, &other_mean, &other_m2);
	n1 = (double) s->n;
	n2 = (double) other->n;
	n = (double) total;
	delta = other_mean - s->mean;
	s->mean += delta * (n2 / n);
	s->m2 += other_m2 + delta * delta * (n1 / n) * n2;
	s->n = total;
	check_fractional_range(s);
}

static void
measure_merge(MeasureSummary *s, const MeasureSummary *other)
{
	int128		sum_squares;

	if (other->n == 0)
		return;
	if (s->n == 0)
	{
		memcpy(s, other, sizeof(MeasureSummary));
		return;
	}
	if (!((s->hdr.flags | other->hdr.flags) & MEASURE_FRACTIONAL) &&
		!__builtin_add_overflow(s->sum_squares, other->sum_squares, &sum_squares))
	{
		s->n = abm_count_add(s->n, other->n, "measure_summary n");
		s->sum += other->sum;
		s->sum_squares = sum_squares;
		return;
	}
	merge_fractional(s, other);
}

PG_FUNCTION_INFO_V1(measure_combine);
Datum
measure_combine(PG_FUNCTION_ARGS)
{
	MeasureSummary *s = MEASURE_STATE(0);

	measure_merge(s, MEASURE_ARG(1));
	PG_RETURN_POINTER(s);
}

/* rollup()'s inverse: exact for integer summaries, else recompute (NULL). */
PG_FUNCTION_INFO_V1(measure_subtract);
Datum
measure_subtract(PG_FUNCTION_ARGS)
{
	MeasureSummary *s = MEASURE_STATE(0);
	MeasureSummary *other = MEASURE_ARG(1);
	const char *problem;

	if ((s->hdr.flags | other->hdr.flags) & MEASURE_FRACTIONAL)
		PG_RETURN_NULL();
	s->n -= other->n;
	if (__builtin_sub_overflow(s->sum, other->sum, &s->sum) ||
		__builtin_sub_overflow(s->sum_squares, other->sum_squares, &s->sum_squares) ||
		(problem = measure_problem(s)) != NULL)
		abm_removal_error(MEASURE_TYPE, "The summary removed is not part of this one.");
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------------------
 * Accessors
 */

PG_FUNCTION_INFO_V1(measure_sample_size);
Datum
measure_sample_size(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(MEASURE_ARG(0)->n);
}

PG_FUNCTION_INFO_V1(measure_mean);
Datum
measure_mean(PG_FUNCTION_ARGS)
{
	MeasureSummary *s = MEASURE_ARG(0);
	double		mean, m2;

	if (s->n == 0)
		PG_RETURN_NULL();
	measure_moments(s, &mean, &m2);
	PG_RETURN_FLOAT8(mean);
}

PG_FUNCTION_INFO_V1(measure_sample_variance);
Datum
measure_sample_variance(PG_FUNCTION_ARGS)
{
	double		mean, variance;

	if (!measure_sample_variance_of(MEASURE_ARG(0), &mean, &variance))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(variance);
}

PG_FUNCTION_INFO_V1(measure_sample_stddev);
Datum
measure_sample_stddev(PG_FUNCTION_ARGS)
{
	double		mean, variance;

	if (!measure_sample_variance_of(MEASURE_ARG(0), &mean, &variance))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sqrt(variance));
}
