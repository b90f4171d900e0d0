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
 * The summary stores only the buckets in use, 10 bytes each (an int64
 * count and an int16 bucket number), sorted: a summary of a few deals stays
 * small whatever their spread, and cycles spread over 1 to 400 days use at
 * most 304 buckets (about 50 per factor e between the shortest and the
 * longest cycle).
 */
#include "pipeline.h"

#include <math.h>

#include "libpq/pqformat.h"

#define ALPHA 0.0099
#define GAMMA ((1.0 + ALPHA) / (1.0 - ALPHA))
/* The bucket of 2^64 microseconds. */
#define MAX_BUCKET 2242

#define COUNTS(s) ((s)->sketch)
#define BUCKETS(s) ((int16 *) ((s)->sketch + (s)->sketch_n))
#define SKETCH_SIZE(n) \
	(offsetof(PipelineSummary, sketch) + (Size) (n) * (sizeof(int64) + sizeof(int16)))

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
	const int16 *buckets = BUCKETS(s);
	int64		total = s->zero_cycles;

	if (s->zero_cycles < 0)
		return "zero cycles must not be negative.";
	if (s->unused != 0)
		return "The cycle sketch's padding must be 0.";
	for (int i = 0; i < s->sketch_n; i++)
	{
		if (buckets[i] < 1 || buckets[i] > MAX_BUCKET || (i > 0 && buckets[i] <= buckets[i - 1]))
			return psprintf("The cycle sketch's buckets must increase within 1..%d.", MAX_BUCKET);
		if (COUNTS(s)[i] <= 0)
			return psprintf("The count of cycle bucket %d must be above 0.", buckets[i]);
		if (__builtin_add_overflow(total, COUNTS(s)[i], &total))
			return "The cycle sketch's counts exceed the 64-bit count limit.";
	}
	if (total != s->won_cycles)
		return psprintf("The cycle sketch counts " INT64_FORMAT " cycles, won_cycles is " INT64_FORMAT ".",
						total, s->won_cycles);
	return NULL;
}

/* A copy of s's fixed part with room for n buckets (their contents unset). */
static PipelineSummary *
with_buckets(const PipelineSummary *s, int n)
{
	PipelineSummary *w = (PipelineSummary *) palloc(SKETCH_SIZE(n));

	memcpy(w, s, offsetof(PipelineSummary, sketch));
	SET_VARSIZE(w, SKETCH_SIZE(n));
	w->sketch_n = n;
	return w;
}

/* s's fixed part with the n buckets given (counts may be 0: left out). */
static PipelineSummary *
from_arrays(const PipelineSummary *s, const int16 *buckets, const int64 *counts, int n)
{
	int			used = 0;
	PipelineSummary *w;

	for (int i = 0; i < n; i++)
		used += counts[i] != 0;
	w = with_buckets(s, used);
	used = 0;
	for (int i = 0; i < n; i++)
	{
		if (counts[i] == 0)
			continue;
		COUNTS(w)[used] = counts[i];
		BUCKETS(w)[used] = buckets[i];
		used++;
	}
	return w;
}

/* Index of bucket k in s, or -(where it would go) - 1. */
static int
find_bucket(const PipelineSummary *s, int k)
{
	const int16 *buckets = BUCKETS(s);
	int			lo = 0;
	int			hi = s->sketch_n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (buckets[mid] == k)
			return mid;
		if (buckets[mid] < k)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -lo - 1;
}

/* A copy of s with bucket k inserted at position at. */
static PipelineSummary *
insert_bucket(const PipelineSummary *s, int at, int k, int64 count)
{
	int			n = s->sketch_n;
	PipelineSummary *w = with_buckets(s, n + 1);

	memcpy(COUNTS(w), COUNTS(s), at * sizeof(int64));
	COUNTS(w)[at] = count;
	memcpy(COUNTS(w) + at + 1, COUNTS(s) + at, (n - at) * sizeof(int64));
	memcpy(BUCKETS(w), BUCKETS(s), at * sizeof(int16));
	BUCKETS(w)[at] = (int16) k;
	memcpy(BUCKETS(w) + at + 1, BUCKETS(s) + at, (n - at) * sizeof(int16));
	return w;
}

/*
 * Removes the bucket at position at, in place: the counts close up, and the
 * bucket numbers, which follow the counts, move down with them.
 */
static void
remove_bucket(PipelineSummary *s, int at)
{
	int			n = s->sketch_n;
	int16	   *old_buckets = BUCKETS(s);
	int16	   *new_buckets = (int16 *) (s->sketch + n - 1);

	memmove(COUNTS(s) + at, COUNTS(s) + at + 1, (n - at - 1) * sizeof(int64));
	memmove(new_buckets, old_buckets, at * sizeof(int16));
	memmove(new_buckets + at, old_buckets + at + 1, (n - at - 1) * sizeof(int16));
	s->sketch_n = n - 1;
	SET_VARSIZE(s, SKETCH_SIZE(n - 1));
}

PipelineSummary *
cycle_sketch_add(PipelineSummary *s, int128 cycle_us, int sign)
{
	int			k = bucket_of(cycle_us);
	int			at;

	if (k == 0)
	{
		s->zero_cycles += sign; /* <= won_cycles, checked */
		return s;
	}
	Assert(k <= MAX_BUCKET);
	at = find_bucket(s, k);
	if (at < 0)
		return insert_bucket(s, -at - 1, k, sign);	/* -1: the removal check reports it */
	COUNTS(s)[at] += sign;
	if (COUNTS(s)[at] == 0)
		remove_bucket(s, at);
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
		seen += COUNTS(s)[i];
		if ((double) seen >= rank)
			return bucket_value(BUCKETS(s)[i]);
	}
	return bucket_value(BUCKETS(s)[s->sketch_n - 1]);
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
	int16	   *buckets = palloc((MAX_BUCKET + 1) * sizeof(int16));
	int64	   *counts = palloc((MAX_BUCKET + 1) * sizeof(int64));
	int			n = 0;
	int			last = -1;
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
		if (!summary_parse_count(p, colon - p, &k) || k > MAX_BUCKET || k <= last ||
			!summary_parse_count(colon + 1, comma - colon - 1, &count) || count == 0 ||
			(comma < end && comma + 1 == end))
			return expected;
		if (k == 0)
			s->zero_cycles = count;
		else
		{
			buckets[n] = (int16) k;
			counts[n++] = count;
		}
		last = (int) k;
		p = comma < end ? comma + 1 : end;
	}
	*h = &from_arrays(s, buckets, counts, n)->hdr;
	return NULL;
}

static void
sketch_append(StringInfo buf, const AbmSummaryHeader *h)
{
	const PipelineSummary *s = (const PipelineSummary *) h;
	const char *sep = "";

	appendStringInfoChar(buf, '{');
	if (s->zero_cycles != 0)
	{
		appendStringInfo(buf, "0:" INT64_FORMAT, s->zero_cycles);
		sep = ",";
	}
	for (int i = 0; i < s->sketch_n; i++)
	{
		appendStringInfo(buf, "%s%d:" INT64_FORMAT, sep, BUCKETS(s)[i], COUNTS(s)[i]);
		sep = ",";
	}
	appendStringInfoChar(buf, '}');
}

/*
 * Binary: zero cycles (int64), buckets in use (int32), then each bucket
 * number (int16) and its count (int64).
 */
#define SKETCH_HEADER_BYTES 12
#define SKETCH_BUCKET_BYTES 10

static void
sketch_send(StringInfo buf, const AbmSummaryHeader *h)
{
	const PipelineSummary *s = (const PipelineSummary *) h;

	pq_sendint64(buf, s->zero_cycles);
	pq_sendint32(buf, s->sketch_n);
	for (int i = 0; i < s->sketch_n; i++)
	{
		pq_sendint16(buf, BUCKETS(s)[i]);
		pq_sendint64(buf, COUNTS(s)[i]);
	}
}

static const char *
sketch_recv(StringInfo buf, AbmSummaryHeader **h)
{
	PipelineSummary *s = (PipelineSummary *) *h;
	int			left = buf->len - buf->cursor;
	int32		n;

	if (left < SKETCH_HEADER_BYTES)
		return "The cycle sketch is cut short.";
	s->zero_cycles = pq_getmsgint64(buf);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > MAX_BUCKET)
		return psprintf("The cycle sketch has %d buckets; there are %d.", n, MAX_BUCKET);
	if (left - SKETCH_HEADER_BYTES != n * SKETCH_BUCKET_BYTES)
		return psprintf("The cycle sketch of %d buckets has %d bytes of buckets; it needs %d.",
						n, left - SKETCH_HEADER_BYTES, n * SKETCH_BUCKET_BYTES);
	s = with_buckets(s, n);
	for (int i = 0; i < n; i++)
	{
		BUCKETS(s)[i] = (int16) pq_getmsgint(buf, 2);
		COUNTS(s)[i] = pq_getmsgint64(buf);
	}
	*h = &s->hdr;
	return NULL;
}

/*
 * Adds other's counts to s in place when s already has every bucket of
 * other (the usual case once a rollup has seen a few summaries); false,
 * with s unchanged, when it does not.
 */
static bool
add_in_place(PipelineSummary *s, const PipelineSummary *other)
{
	int			i = 0;

	for (int j = 0; j < other->sketch_n; j++, i++)
	{
		while (i < s->sketch_n && BUCKETS(s)[i] < BUCKETS(other)[j])
			i++;
		if (i == s->sketch_n || BUCKETS(s)[i] != BUCKETS(other)[j])
			return false;
	}
	i = 0;
	for (int j = 0; j < other->sketch_n; j++, i++)
	{
		while (BUCKETS(s)[i] < BUCKETS(other)[j])
			i++;
		COUNTS(s)[i] = abm_count_add(COUNTS(s)[i], COUNTS(other)[j], "pipeline_summary cycle bucket");
	}
	return true;
}

/*
 * Adds (sign 1) or removes (sign -1) other's buckets: the two sorted lists
 * merged, buckets whose count falls to 0 left out.
 */
static AbmSummaryHeader *
sketch_merge(AbmSummaryHeader *h, const AbmSummaryHeader *other_h, int sign)
{
	PipelineSummary *s = (PipelineSummary *) h;
	const PipelineSummary *other = (const PipelineSummary *) other_h;
	int			n = s->sketch_n + other->sketch_n;
	int16	   *buckets;
	int64	   *counts;
	int			i = 0;
	int			j = 0;
	int			m = 0;

	s->zero_cycles = abm_count_add(s->zero_cycles, sign * other->zero_cycles,
								   "pipeline_summary zero cycles");
	if (other->sketch_n == 0 || (sign > 0 && add_in_place(s, other)))
		return &s->hdr;
	buckets = palloc(n * sizeof(int16));
	counts = palloc(n * sizeof(int64));
	while (i < s->sketch_n || j < other->sketch_n)
	{
		int			a = i < s->sketch_n ? BUCKETS(s)[i] : PG_INT32_MAX;
		int			b = j < other->sketch_n ? BUCKETS(other)[j] : PG_INT32_MAX;

		buckets[m] = (int16) Min(a, b);
		counts[m] = 0;
		if (a <= b)
			counts[m] = COUNTS(s)[i++];
		if (b <= a)
			counts[m] = abm_count_add(counts[m], sign * COUNTS(other)[j++],
									  "pipeline_summary cycle bucket");
		m++;
	}
	return &from_arrays(s, buckets, counts, m)->hdr;
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
