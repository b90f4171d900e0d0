/*
 * cycle_sketch.c: the sketch of sales cycles inside a pipeline_summary, for
 * sales_cycle_days(s, quantile).
 *
 * A fixed logarithmic histogram of the cycles in microseconds (the
 * DDSketch idea, without its collapsing): bucket 0 holds cycles of exactly
 * 0, and bucket k >= 1 the cycles c with gamma^(k-2) < c <= gamma^(k-1),
 * gamma = (1 + ALPHA) / (1 - ALPHA).  A bucket answers with
 * 2 gamma^(k-1) / (gamma + 1), which is within ALPHA (0.99%) of every cycle
 * in it, relatively.  The quantile walks the exact counts to the bucket that
 * holds the rank-based quantile (percentile_disc's rank, ceil(q n)) and
 * answers for it, so the answer is within 0.99% of percentile_disc.
 *
 * The buckets are fixed once and for all (1 microsecond up to 2^64
 * microseconds, more than any two timestamptz values apart: no cycle falls
 * outside), and a bucket only counts, so sketches add and subtract
 * exactly: a sketch of two halves merged is the sketch of all rows, in any
 * order, and a moving window removes rows again.
 *
 * The summary stores the counts of the buckets from the first to the last
 * one used, 8 bytes each: about 50 buckets per factor e between the
 * shortest and the longest cycle (cycles of 1 to 400 days use 304).
 */
#include "pipeline.h"

#include <math.h>

#include "libpq/pqformat.h"

#define ALPHA 0.0099
#define GAMMA ((1.0 + ALPHA) / (1.0 - ALPHA))
/* The bucket of 2^64 microseconds. */
#define MAX_BUCKET 2242

#define SKETCH_SIZE(n) (offsetof(PipelineSummary, sketch) + (Size) (n) * sizeof(int64))

static int
bucket_of(int128 cycle_us)
{
	if (cycle_us == 0)
		return 0;
	return 1 + (int) ceil(log((double) cycle_us) / log(GAMMA));
}

static double
bucket_value(int k)
{
	return k == 0 ? 0.0 : 2.0 * pow(GAMMA, k - 1) / (GAMMA + 1.0);
}

const char *
cycle_sketch_problem(const PipelineSummary *s)
{
	int64		total = s->zero_cycles;

	if (s->zero_cycles < 0)
		return "zero cycles must not be negative.";
	/* Compared without adding, so that no bucket number can overflow. */
	if (s->sketch_n == 0 ? s->sketch_lo != 0 :
		s->sketch_lo < 1 || s->sketch_lo > MAX_BUCKET || s->sketch_n < 0 ||
		s->sketch_n > MAX_BUCKET - s->sketch_lo + 1)
		return psprintf("The cycle sketch's buckets must lie within 1..%d.", MAX_BUCKET);
	if (s->sketch_n > 0 && (s->sketch[0] == 0 || s->sketch[s->sketch_n - 1] == 0))
		return "The cycle sketch must begin and end with a bucket in use.";
	for (int i = 0; i < s->sketch_n; i++)
	{
		if (s->sketch[i] < 0)
			return psprintf("The count of cycle bucket %d must not be negative.", s->sketch_lo + i);
		if (__builtin_add_overflow(total, s->sketch[i], &total))
			return "The cycle sketch's counts exceed the 64-bit count limit.";
	}
	if (total != s->won_cycles)
		return psprintf("The cycle sketch counts " INT64_FORMAT " cycles, won_cycles is " INT64_FORMAT ".",
						total, s->won_cycles);
	return NULL;
}

/*
 * A copy of s whose buckets run from lo for n buckets (covering s's own):
 * the fixed part and s's counts are copied, the rest is 0.
 */
static PipelineSummary *
widened(const PipelineSummary *s, int lo, int n)
{
	PipelineSummary *w = (PipelineSummary *) palloc0(SKETCH_SIZE(n));

	memcpy(w, s, offsetof(PipelineSummary, sketch));
	SET_VARSIZE(w, SKETCH_SIZE(n));
	w->sketch_lo = lo;
	w->sketch_n = n;
	if (s->sketch_n > 0)
		memcpy(&w->sketch[s->sketch_lo - lo], s->sketch, s->sketch_n * sizeof(int64));
	return w;
}

/* s, with its buckets widened when needed to hold lo .. hi. */
static PipelineSummary *
covering(PipelineSummary *s, int lo, int hi)
{
	int			new_lo = lo;
	int			new_hi = hi;

	if (s->sketch_n > 0)
	{
		if (lo >= s->sketch_lo && hi < s->sketch_lo + s->sketch_n)
			return s;
		new_lo = Min(lo, s->sketch_lo);
		new_hi = Max(hi, s->sketch_lo + s->sketch_n - 1);
	}
	return widened(s, new_lo, new_hi - new_lo + 1);
}

/* Drops empty buckets at both ends, in place: the stored form is canonical. */
static void
trim(PipelineSummary *s)
{
	int			first = 0;
	int			n = s->sketch_n;

	while (first < n && s->sketch[first] == 0)
		first++;
	while (n > first && s->sketch[n - 1] == 0)
		n--;
	if (first == 0 && n == s->sketch_n)
		return;
	if (first > 0)
		memmove(s->sketch, &s->sketch[first], (n - first) * sizeof(int64));
	s->sketch_n = n - first;
	s->sketch_lo = s->sketch_n > 0 ? s->sketch_lo + first : 0;
	SET_VARSIZE(s, SKETCH_SIZE(s->sketch_n));
}

PipelineSummary *
cycle_sketch_add(PipelineSummary *s, int128 cycle_us, int sign)
{
	int			k = bucket_of(cycle_us);

	if (k == 0)
	{
		s->zero_cycles += sign; /* <= won_cycles, checked */
		return s;
	}
	Assert(k <= MAX_BUCKET);
	s = covering(s, k, k);
	s->sketch[k - s->sketch_lo] += sign;
	if (sign < 0)
		trim(s);
	return s;
}

double
cycle_sketch_quantile_us(const PipelineSummary *s, double q)
{
	double		rank = ceil(q * (double) s->won_cycles);
	int64		seen = s->zero_cycles;

	/* percentile_disc's row: the first whose position reaches q n. */
	if (rank < 1)
		rank = 1;
	if ((double) seen >= rank)
		return 0.0;
	for (int i = 0; i < s->sketch_n; i++)
	{
		seen += s->sketch[i];
		if ((double) seen >= rank)
			return bucket_value(s->sketch_lo + i);
	}
	return bucket_value(s->sketch_lo + s->sketch_n - 1);
}

/* ---------------------------------------------------------------------
 * The tail of the summary core: size, text, binary, merge
 */

static Size
sketch_size(const AbmSummaryHeader *h)
{
	const PipelineSummary *s = (const PipelineSummary *) h;

	if (s->sketch_n < 0 || s->sketch_n > MAX_BUCKET)
		return 0;
	return SKETCH_SIZE(s->sketch_n);
}

/* Text: {bucket:count,...}, buckets increasing, counts above 0; {} is empty. */
static const char *
sketch_parse(const char *value, int len, AbmSummaryHeader **h)
{
	const char *expected = "Field \"cycle_sketch\" must be {bucket:count,...} with buckets increasing from 0 to " CppAsString2(MAX_BUCKET) " and counts above 0.";
	PipelineSummary *s = (PipelineSummary *) *h;
	int64	   *counts = palloc0((MAX_BUCKET + 1) * sizeof(int64));
	int			lo = 0;
	int			hi = -1;
	const char *p = value + 1;
	const char *end = value + len - 1;

	if (len < 2 || value[0] != '{' || *end != '}')
		return expected;
	while (p < end)
	{
		const char *colon = memchr(p, ':', end - p);
		const char *comma;
		int64		k;
		int64		count;

		if (colon == NULL)
			return expected;
		comma = memchr(colon, ',', end - colon);
		if (comma == NULL)
			comma = end;
		if (!summary_parse_count(p, colon - p, &k) || k > MAX_BUCKET || k <= hi ||
			(k == 0 && hi == 0) ||
			!summary_parse_count(colon + 1, comma - colon - 1, &count) || count == 0 ||
			(comma < end && comma + 1 == end))
			return expected;
		counts[k] = count;
		if (k > 0 && hi < 1)
			lo = (int) k;
		hi = (int) k;
		p = comma < end ? comma + 1 : end;
	}
	s->zero_cycles = counts[0];
	if (hi >= 1)
	{
		s = widened(s, lo, hi - lo + 1);
		memcpy(s->sketch, &counts[lo], s->sketch_n * sizeof(int64));
	}
	*h = &s->hdr;
	return NULL;
}

static void
sketch_append(StringInfo buf, const AbmSummaryHeader *h)
{
	const PipelineSummary *s = (const PipelineSummary *) h;
	bool		first = true;

	appendStringInfoChar(buf, '{');
	if (s->zero_cycles != 0)
	{
		appendStringInfo(buf, "0:" INT64_FORMAT, s->zero_cycles);
		first = false;
	}
	for (int i = 0; i < s->sketch_n; i++)
	{
		if (s->sketch[i] == 0)
			continue;
		appendStringInfo(buf, "%s%d:" INT64_FORMAT, first ? "" : ",", s->sketch_lo + i, s->sketch[i]);
		first = false;
	}
	appendStringInfoChar(buf, '}');
}

/* Binary: zero cycles (int64), first bucket and buckets (int32), counts (int64 each). */
static void
sketch_send(StringInfo buf, const AbmSummaryHeader *h)
{
	const PipelineSummary *s = (const PipelineSummary *) h;

	pq_sendint64(buf, s->zero_cycles);
	pq_sendint32(buf, s->sketch_lo);
	pq_sendint32(buf, s->sketch_n);
	for (int i = 0; i < s->sketch_n; i++)
		pq_sendint64(buf, s->sketch[i]);
}

static const char *
sketch_recv(StringInfo buf, AbmSummaryHeader **h)
{
	PipelineSummary *s = (PipelineSummary *) *h;
	int			left = buf->len - buf->cursor;
	int64		zero;
	int32		lo;
	int32		n;

	if (left < 16)
		return "The cycle sketch is cut short.";
	zero = pq_getmsgint64(buf);
	lo = (int32) pq_getmsgint(buf, 4);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > MAX_BUCKET)
		return psprintf("The cycle sketch has %d buckets; at most %d exist.", n, MAX_BUCKET);
	if (left - 16 != n * (int) sizeof(int64))
		return psprintf("The cycle sketch of %d buckets has %d bytes of counts; it needs %d.",
						n, left - 16, n * (int) sizeof(int64));
	s = widened(s, 0, n);
	s->zero_cycles = zero;
	s->sketch_lo = lo;
	for (int i = 0; i < n; i++)
		s->sketch[i] = pq_getmsgint64(buf);
	*h = &s->hdr;
	return NULL;
}

static AbmSummaryHeader *
sketch_merge(AbmSummaryHeader *h, const AbmSummaryHeader *other_h, int sign)
{
	PipelineSummary *s = (PipelineSummary *) h;
	const PipelineSummary *other = (const PipelineSummary *) other_h;

	s->zero_cycles = abm_count_add(s->zero_cycles, sign * other->zero_cycles,
								   "pipeline_summary zero cycles");
	if (other->sketch_n == 0)
		return &s->hdr;
	s = covering(s, other->sketch_lo, other->sketch_lo + other->sketch_n - 1);
	for (int i = 0; i < other->sketch_n; i++)
	{
		int64	   *count = &s->sketch[other->sketch_lo - s->sketch_lo + i];

		*count = abm_count_add(*count, sign * other->sketch[i], "pipeline_summary cycle bucket");
	}
	if (sign < 0)
		trim(s);
	return &s->hdr;
}

const AbmSummaryTail cycle_sketch_tail = {
	.name = "cycle_sketch",
	.size = sketch_size,
	.parse = sketch_parse,
	.append = sketch_append,
	.send = sketch_send,
	.recv = sketch_recv,
	.merge = sketch_merge,
};
