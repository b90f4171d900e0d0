/*
 * account_set.c: the account_set type (see account_set.h for its forms):
 * encoding and decoding of runs, text and binary I/O, set algebra, reach(),
 * @> and account_ids().  The aggregates' expanded state is in
 * account_set_expanded.c.
 */
#include "account_set.h"

#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

pg_noreturn void
account_set_too_many(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("account_set would hold more than " INT64_FORMAT " ids", PG_INT64_MAX),
			 errdetail("reach() returns the number of ids as a bigint.")));
}

/* Ids in a run, as long as it fits a bigint; UINT64_MAX when it does not. */
static inline uint64
run_length(const AccountRun *r)
{
	uint64		span = (uint64) r->hi - (uint64) r->lo;

	return span >= (uint64) PG_INT64_MAX ? PG_UINT64_MAX : span + 1;
}

/* The number of ids in runs, or account_set_too_many(). */
static int64
runs_count(const AccountRun *runs, int64 nruns)
{
	uint64		count = 0;

	for (int64 i = 0; i < nruns; i++)
	{
		uint64		len = run_length(&runs[i]);

		if (len > (uint64) PG_INT64_MAX - count)
			account_set_too_many();
		count += len;
	}
	return (int64) count;
}

/* ---------------------------------------------------------------------
 * Encoding
 */

static inline uint64
zigzag(int64 v)
{
	return ((uint64) v << 1) ^ (uint64) (v >> 63);
}

static inline int64
unzigzag(uint64 z)
{
	return (int64) ((z >> 1) ^ (~(z & 1) + 1));
}

static inline int
varint_size(uint64 v)
{
	int			n = 1;

	while (v >= 0x80)
	{
		v >>= 7;
		n++;
	}
	return n;
}

static inline uint8 *
put_varint(uint8 *p, uint64 v)
{
	while (v >= 0x80)
	{
		*p++ = (uint8) (v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8) v;
	return p;
}

/* The gap coded in a run's head (see account_set.h). */
static inline uint64
run_gap(const AccountRun *runs, int64 i)
{
	if (i == 0)
		return zigzag(runs[0].lo);
	return (uint64) runs[i].lo - (uint64) runs[i - 1].hi - 2;
}

static inline Size
run_encoded_size(const AccountRun *runs, int64 i)
{
	uint64		gap = run_gap(runs, i);
	Size		size = 1;

	if (gap >> 6)
		size += varint_size(gap >> 6);
	if (runs[i].hi != runs[i].lo)
		size += varint_size((uint64) runs[i].hi - (uint64) runs[i].lo - 1);
	return size;
}

Size
account_set_flat_size(const AccountRuns *set)
{
	Size		size = ACCOUNT_SET_HEADER_SIZE;

	for (int64 i = 0; i < set->nruns; i++)
		size += run_encoded_size(set->runs, i);
	if (size > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("account_set of " INT64_FORMAT " ids in " INT64_FORMAT " runs is too large to store",
						set->count, set->nruns),
				 errdetail("Its stored form would take %zu bytes; a value takes at most %zu.",
						   size, (Size) MaxAllocSize)));
	return size;
}

void
account_set_write_flat(const AccountRuns *set, void *dst, Size size)
{
	AccountSetFlat *f = (AccountSetFlat *) dst;
	uint8	   *p = (uint8 *) dst + ACCOUNT_SET_HEADER_SIZE;

	memset(f, 0, ACCOUNT_SET_HEADER_SIZE);
	SET_VARSIZE(f, size);
	f->version = ABM_FORMAT_V1;
	f->count = set->count;
	f->nruns = set->nruns;
	for (int64 i = 0; i < set->nruns; i++)
	{
		uint64		gap = run_gap(set->runs, i);
		bool		long_run = set->runs[i].hi != set->runs[i].lo;

		*p++ = (uint8) (((gap & 0x3F) << 1) | (long_run ? 1 : 0) | ((gap >> 6) ? 0x80 : 0));
		if (gap >> 6)
			p = put_varint(p, gap >> 6);
		if (long_run)
			p = put_varint(p, (uint64) set->runs[i].hi - (uint64) set->runs[i].lo - 1);
	}
	if ((Size) (p - (uint8 *) dst) != size)
		elog(ERROR, "account_set encoding wrote %zu bytes, expected %zu",
			 (Size) (p - (uint8 *) dst), size);
}

AccountSetFlat *
account_set_flatten_runs(const AccountRuns *set)
{
	Size		size = account_set_flat_size(set);
	AccountSetFlat *f = palloc(size);

	account_set_write_flat(set, f, size);
	return f;
}

/* ---------------------------------------------------------------------
 * Decoding: every byte is checked, as recv hands it untrusted input.
 */

/*
 * Reads a varint of at most 64 bits that must fit max_bits; false when it is
 * cut short, too long or not minimal (a last byte 0 after the first).
 */
static inline bool
get_varint(const uint8 **pp, const uint8 *end, int max_bits, uint64 *out)
{
	const uint8 *p = *pp;
	uint64		v = 0;

	for (int shift = 0;; shift += 7)
	{
		uint8		b;

		if (p >= end || shift >= max_bits)
			return false;
		b = *p++;
		if (shift + 7 > max_bits && (b & 0x7F) >> (max_bits - shift) != 0)
			return false;		/* bits beyond max_bits */
		v |= (uint64) (b & 0x7F) << shift;
		if (!(b & 0x80))
		{
			if (b == 0 && shift > 0)
				return false;	/* not minimal */
			break;
		}
	}
	*pp = p;
	*out = v;
	return true;
}

const char *
account_set_decode(const uint8 *data, Size len, int64 count, int64 nruns, AccountRun *runs)
{
	const uint8 *p = data;
	const uint8 *end = data + len;
	uint64		total = 0;

	if (count < 0 || nruns < 0)
		return "The number of ids and of runs must not be negative.";
	if ((uint64) nruns > len)
		return psprintf("The value says it has " INT64_FORMAT " runs, but a run takes a byte or more and %zu bytes follow.",
						nruns, len);
	for (int64 i = 0; i < nruns; i++)
	{
		uint8		head;
		uint64		gap;
		uint64		room;

		if (p >= end)
			return psprintf("The runs end after " INT64_FORMAT " of " INT64_FORMAT ".", i, nruns);
		head = *p++;
		gap = (head >> 1) & 0x3F;
		if (head & 0x80)
		{
			uint64		rest;

			if (!get_varint(&p, end, 58, &rest) || rest == 0)
				return psprintf("Run " INT64_FORMAT " has a malformed gap.", i + 1);
			gap |= rest << 6;
		}
		if (i == 0)
			runs[i].lo = unzigzag(gap);
		else
		{
			/* ids left after the previous run's last id and one missing id */
			room = (uint64) PG_INT64_MAX - (uint64) runs[i - 1].hi;
			if (room < 2 || gap > room - 2)
				return psprintf("Run " INT64_FORMAT " starts beyond the largest bigint.", i + 1);
			runs[i].lo = (int64) ((uint64) runs[i - 1].hi + 2 + gap);
		}
		runs[i].hi = runs[i].lo;
		if (head & 1)
		{
			uint64		extra;

			/* a run of two or more: extra = ids - 2 */
			room = (uint64) PG_INT64_MAX - (uint64) runs[i].lo;
			if (!get_varint(&p, end, 64, &extra))
				return psprintf("Run " INT64_FORMAT " has a malformed length.", i + 1);
			if (room == 0 || extra > room - 1)
				return psprintf("Run " INT64_FORMAT " ends beyond the largest bigint.", i + 1);
			runs[i].hi = (int64) ((uint64) runs[i].lo + 1 + extra);
		}
		if (run_length(&runs[i]) > (uint64) PG_INT64_MAX - total)
			return "The runs hold more ids than a bigint counts.";
		total += run_length(&runs[i]);
	}
	if (p != end)
		return psprintf("The value has %zu more bytes after its last run.", (Size) (end - p));
	if (total != (uint64) count)
		return psprintf("The value says it has " INT64_FORMAT " ids, but its runs hold " UINT64_FORMAT ".",
						count, total);
	return NULL;
}

/* Checks a flat value's header: NULL when valid. */
static const char *
flat_header_problem(const AccountSetFlat *f)
{
	if (VARSIZE(f) < ACCOUNT_SET_HEADER_SIZE)
		return "The value is shorter than its header.";
	if (f->version != ABM_FORMAT_V1)
		return psprintf("Format version %d is not one this release reads (%d).",
						f->version, ABM_FORMAT_V1);
	if (f->flags != 0 || f->reserved != 0)
		return "The header has unknown flags.";
	return NULL;
}

static pg_noreturn void
corrupt(const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupted account_set value"),
			 errdetail("%s", problem)));
}

void
account_set_read(Datum d, AccountRuns *set)
{
	const AccountSetFlat *f;
	const char *problem;

	if (account_set_is_expanded(d))
	{
		account_set_expanded_runs(d, set);
		return;
	}
	f = (const AccountSetFlat *) PG_DETOAST_DATUM(d);
	if ((problem = flat_header_problem(f)) != NULL)
		corrupt(problem);
	set->count = f->count;
	set->nruns = f->nruns;
	if (f->nruns < 0 || f->nruns > (int64) ACCOUNT_SET_DATA_SIZE(f))
		corrupt("The value has more runs than bytes.");
	set->runs = palloc_extended(Max(f->nruns, 1) * sizeof(AccountRun), MCXT_ALLOC_HUGE);
	problem = account_set_decode(ACCOUNT_SET_DATA(f), ACCOUNT_SET_DATA_SIZE(f),
								 f->count, f->nruns, set->runs);
	if (problem != NULL)
		corrupt(problem);
}

static AccountRuns *
runs_alloc(int64 n)
{
	AccountRuns *set = palloc(sizeof(AccountRuns));

	set->runs = palloc_extended(Max(n, 1) * sizeof(AccountRun), MCXT_ALLOC_HUGE);
	set->nruns = 0;
	set->count = 0;
	return set;
}

/* ---------------------------------------------------------------------
 * Set algebra on sorted maximal runs
 */

/* Appends r to out, joining it to the last run when they overlap or touch. */
static inline void
runs_append_joining(AccountRuns *out, const AccountRun *r)
{
	if (out->nruns > 0)
	{
		AccountRun *last = &out->runs[out->nruns - 1];

		if (r->lo <= last->hi || (last->hi < PG_INT64_MAX && r->lo == last->hi + 1))
		{
			if (r->hi > last->hi)
				last->hi = r->hi;
			return;
		}
	}
	out->runs[out->nruns++] = *r;
}

void
account_runs_union(const AccountRuns *a, const AccountRuns *b, AccountRuns *out)
{
	int64		i = 0,
				j = 0;

	out->nruns = 0;
	while (i < a->nruns || j < b->nruns)
	{
		if (j >= b->nruns || (i < a->nruns && a->runs[i].lo <= b->runs[j].lo))
			runs_append_joining(out, &a->runs[i++]);
		else
			runs_append_joining(out, &b->runs[j++]);
	}
	out->count = runs_count(out->runs, out->nruns);
}

/*
 * Intersection and difference of maximal runs are maximal: between two
 * runs of a there is an id missing from a, so from the result too.
 */
static void
runs_intersect(const AccountRuns *a, const AccountRuns *b, AccountRuns *out)
{
	int64		i = 0,
				j = 0;

	out->nruns = 0;
	while (i < a->nruns && j < b->nruns)
	{
		AccountRun	r = {Max(a->runs[i].lo, b->runs[j].lo), Min(a->runs[i].hi, b->runs[j].hi)};

		if (r.lo <= r.hi)
			out->runs[out->nruns++] = r;
		if (a->runs[i].hi < b->runs[j].hi)
			i++;
		else
			j++;
	}
	out->count = runs_count(out->runs, out->nruns);
}

static void
runs_except(const AccountRuns *a, const AccountRuns *b, AccountRuns *out)
{
	int64		j = 0;

	out->nruns = 0;
	for (int64 i = 0; i < a->nruns; i++)
	{
		AccountRun	rest = a->runs[i];
		bool		left = true;	/* rest is not empty */

		while (j < b->nruns && b->runs[j].hi < rest.lo)
			j++;
		for (int64 k = j; left && k < b->nruns && b->runs[k].lo <= rest.hi; k++)
		{
			if (b->runs[k].lo > rest.lo)
				out->runs[out->nruns++] = (AccountRun) {rest.lo, b->runs[k].lo - 1};
			if (b->runs[k].hi >= rest.hi)
				left = false;
			else
				rest.lo = b->runs[k].hi + 1;
		}
		if (left)
			out->runs[out->nruns++] = rest;
	}
	out->count = runs_count(out->runs, out->nruns);
}

typedef void (*RunsOperation) (const AccountRuns *a, const AccountRuns *b, AccountRuns *out);

static Datum
account_set_operate(FunctionCallInfo fcinfo, RunsOperation op)
{
	AccountRuns a,
				b;
	AccountRuns *out;

	account_set_read(PG_GETARG_DATUM(0), &a);
	account_set_read(PG_GETARG_DATUM(1), &b);
	/* each output run starts at the start of an input run, or follows a run of b */
	out = runs_alloc(a.nruns + b.nruns + 1);
	op(&a, &b, out);
	PG_RETURN_POINTER(account_set_flatten_runs(out));
}

ABM_SQL_FUNCTION(account_set_union, account_set_operate(fcinfo, account_runs_union))
ABM_SQL_FUNCTION(account_set_intersect, account_set_operate(fcinfo, runs_intersect))
ABM_SQL_FUNCTION(account_set_except, account_set_operate(fcinfo, runs_except))

/* ---------------------------------------------------------------------
 * Reading
 */

PG_FUNCTION_INFO_V1(account_set_reach);
Datum
account_set_reach(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);
	const AccountSetFlat *f;
	const char *problem;

	if (account_set_is_expanded(d))
	{
		AccountRuns set;

		account_set_expanded_runs(d, &set);
		PG_RETURN_INT64(set.count);
	}

	/* The count is in the header: a large stored set is not read whole. */
	f = (const AccountSetFlat *) PG_DETOAST_DATUM_SLICE(d, 0, ACCOUNT_SET_HEADER_SIZE - VARHDRSZ);
	if ((problem = flat_header_problem(f)) != NULL)
		corrupt(problem);
	if (f->count < 0)
		corrupt("The number of ids is negative.");
	PG_RETURN_INT64(f->count);
}

/*
 * The decoded set of a flat value, kept across calls of one expression
 * (fn_extra) while the value stays the same: "WHERE engaged @> account_id"
 * decodes its set once, not once per row.  The bytes are compared, not the
 * pointer, as a pointer may be reused for another value.
 */
typedef struct DecodedSetCache
{
	Size		size;
	char	   *bytes;
	AccountRuns set;
} DecodedSetCache;

static const AccountRuns *
account_set_read_cached(FunctionCallInfo fcinfo, Datum d, AccountRuns *scratch)
{
	DecodedSetCache *cache = fcinfo->flinfo->fn_extra;
	const struct varlena *flat;
	MemoryContext old;

	if (account_set_is_expanded(d))
	{
		account_set_read(d, scratch);
		return scratch;
	}
	flat = PG_DETOAST_DATUM(d);
	if (cache != NULL && cache->size == VARSIZE(flat) &&
		memcmp(cache->bytes, flat, cache->size) == 0)
		return &cache->set;

	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra = palloc0(sizeof(DecodedSetCache));
	else
	{
		pfree(cache->bytes);
		pfree(cache->set.runs);
	}
	cache->size = 0;
	account_set_read(PointerGetDatum(flat), &cache->set);
	cache->bytes = palloc_extended(VARSIZE(flat), MCXT_ALLOC_HUGE);
	memcpy(cache->bytes, flat, VARSIZE(flat));
	cache->size = VARSIZE(flat);
	MemoryContextSwitchTo(old);
	return &cache->set;
}

PG_FUNCTION_INFO_V1(account_set_contains);
Datum
account_set_contains(PG_FUNCTION_ARGS)
{
	AccountRuns scratch;
	const AccountRuns *set = account_set_read_cached(fcinfo, PG_GETARG_DATUM(0), &scratch);
	int64		id = PG_GETARG_INT64(1);
	int64		lo = 0,
				hi = set->nruns - 1;

	while (lo <= hi)
	{
		int64		mid = lo + (hi - lo) / 2;

		if (id < set->runs[mid].lo)
			hi = mid - 1;
		else if (id > set->runs[mid].hi)
			lo = mid + 1;
		else
			PG_RETURN_BOOL(true);
	}
	PG_RETURN_BOOL(false);
}

typedef struct IdCursor
{
	AccountRuns set;
	int64		run;			/* the run of next */
	int64		next;			/* the next id to return */
} IdCursor;

PG_FUNCTION_INFO_V1(account_set_ids);
Datum
account_set_ids(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;
	IdCursor   *cur;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;

		fctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(fctx->multi_call_memory_ctx);
		cur = palloc0(sizeof(IdCursor));
		account_set_read(PG_GETARG_DATUM(0), &cur->set);
		if (account_set_is_expanded(PG_GETARG_DATUM(0)))
		{
			/* keep a copy: the expanded object may not outlive the call */
			AccountRun *copy = palloc_extended(Max(cur->set.nruns, 1) * sizeof(AccountRun),
											   MCXT_ALLOC_HUGE);

			memcpy(copy, cur->set.runs, cur->set.nruns * sizeof(AccountRun));
			cur->set.runs = copy;
		}
		if (cur->set.nruns > 0)
			cur->next = cur->set.runs[0].lo;
		fctx->user_fctx = cur;
		MemoryContextSwitchTo(old);
	}
	fctx = SRF_PERCALL_SETUP();
	cur = fctx->user_fctx;
	if (cur->run < cur->set.nruns)
	{
		int64		id = cur->next;

		if (id == cur->set.runs[cur->run].hi)
		{
			if (++cur->run < cur->set.nruns)
				cur->next = cur->set.runs[cur->run].lo;
		}
		else
			cur->next++;
		SRF_RETURN_NEXT(fctx, Int64GetDatum(id));
	}
	SRF_RETURN_DONE(fctx);
}

/* ---------------------------------------------------------------------
 * Text form
 */

typedef struct SetReader
{
	const char *input;
	const char *pos;
	Node	   *escontext;
	AccountRuns set;
	int64		cap;
} SetReader;

static bool set_text_error(SetReader *r, int sqlstate, const char *detail_fmt,...) pg_attribute_printf(3, 4);

/* 22P02 (or 22003) for this input: raised, or saved softly (false). */
static bool
set_text_error(SetReader *r, int sqlstate, const char *detail_fmt,...)
{
	va_list		args;

	va_start(args, detail_fmt);
	abm_input_error_va(r->escontext, sqlstate, "account_set", r->input, detail_fmt, args);
	va_end(args);
	return false;
}

static void
skip_space(SetReader *r)
{
	while (isspace((unsigned char) *r->pos))
		r->pos++;
}

/* An optionally negative decimal bigint. */
static bool
read_id(SetReader *r, int64 *out)
{
	const char *start = r->pos;
	bool		negative = false;
	uint64		magnitude = 0;
	uint64		limit;

	if (*r->pos == '-')
	{
		negative = true;
		r->pos++;
	}
	if (!isdigit((unsigned char) *r->pos))
		return set_text_error(r, ERRCODE_INVALID_TEXT_REPRESENTATION,
							  "Expected an account id at position %d.", (int) (start - r->input) + 1);
	limit = negative ? (uint64) PG_INT64_MAX + 1 : (uint64) PG_INT64_MAX;
	while (isdigit((unsigned char) *r->pos))
	{
		uint64		digit = *r->pos++ - '0';

		if (magnitude > (limit - digit) / 10)
		{
			int			len = (int) (r->pos - start + strspn(r->pos, "0123456789"));

			return set_text_error(r, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
								  "Account id \"%.*s\" is out of range for type bigint.",
								  Min(len, 40), start);
		}
		magnitude = magnitude * 10 + digit;
	}
	*out = negative ? (int64) (~magnitude + 1) : (int64) magnitude;
	return true;
}

static bool
read_element(SetReader *r)
{
	AccountRun	run;
	const char *start = r->pos;

	if (!read_id(r, &run.lo))
		return false;
	run.hi = run.lo;
	if (*r->pos == '-')
	{
		r->pos++;
		if (!read_id(r, &run.hi))
			return false;
		if (run.hi < run.lo)
			return set_text_error(r, ERRCODE_INVALID_TEXT_REPRESENTATION,
								  "Range \"%.*s\" ends before it starts.",
								  (int) Min(r->pos - start, 80), start);
	}
	if (r->set.nruns > 0 && run.lo <= r->set.runs[r->set.nruns - 1].hi)
	{
		AccountRun *last = &r->set.runs[r->set.nruns - 1];

		return set_text_error(r, ERRCODE_INVALID_TEXT_REPRESENTATION,
							  "\"%.*s\" is not above the ids before it (up to " INT64_FORMAT "): ids must be listed in ascending order, each once, and ranges must not overlap.",
							  (int) Min(r->pos - start, 80), start, last->hi);
	}
	if (r->set.nruns == r->cap)
	{
		r->cap *= 2;
		r->set.runs = repalloc_huge(r->set.runs, r->cap * sizeof(AccountRun));
	}
	runs_append_joining(&r->set, &run);
	return true;
}

static bool
read_set(SetReader *r)
{
	skip_space(r);
	if (*r->pos != '{')
		return set_text_error(r, ERRCODE_INVALID_TEXT_REPRESENTATION,
							  "An account_set is written in braces, like {1-1000,5000}.");
	r->pos++;
	skip_space(r);
	if (*r->pos != '}')
	{
		for (;;)
		{
			if (!read_element(r))
				return false;
			skip_space(r);
			if (*r->pos != ',')
				break;
			r->pos++;
			skip_space(r);
		}
	}
	if (*r->pos != '}')
		return set_text_error(r, ERRCODE_INVALID_TEXT_REPRESENTATION,
							  "Expected \",\" or \"}\" at position %d.", (int) (r->pos - r->input) + 1);
	r->pos++;
	skip_space(r);
	if (*r->pos != '\0')
		return set_text_error(r, ERRCODE_INVALID_TEXT_REPRESENTATION,
							  "Unexpected text after \"}\" at position %d.", (int) (r->pos - r->input) + 1);
	return true;
}

PG_FUNCTION_INFO_V1(account_set_in);
Datum
account_set_in(PG_FUNCTION_ARGS)
{
	SetReader	r;
	uint64		count = 0;

	r.input = PG_GETARG_CSTRING(0);
	r.pos = r.input;
	r.escontext = fcinfo->context;
	r.cap = 16;
	r.set.runs = palloc(r.cap * sizeof(AccountRun));
	r.set.nruns = 0;
	if (!read_set(&r))
		PG_RETURN_NULL();
	for (int64 i = 0; i < r.set.nruns; i++)
	{
		uint64		len = run_length(&r.set.runs[i]);

		if (len > (uint64) PG_INT64_MAX - count)
		{
			set_text_error(&r, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
						   "The set holds more than " INT64_FORMAT " ids.", PG_INT64_MAX);
			PG_RETURN_NULL();
		}
		count += len;
	}
	r.set.count = (int64) count;
	PG_RETURN_POINTER(account_set_flatten_runs(&r.set));
}

PG_FUNCTION_INFO_V1(account_set_out);
Datum
account_set_out(PG_FUNCTION_ARGS)
{
	AccountRuns set;
	StringInfoData buf;

	account_set_read(PG_GETARG_DATUM(0), &set);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int64 i = 0; i < set.nruns; i++)
	{
		const AccountRun *r = &set.runs[i];

		if (i > 0)
			appendStringInfoChar(&buf, ',');
		if (r->hi == r->lo)
			appendStringInfo(&buf, INT64_FORMAT, r->lo);
		else if (r->hi == r->lo + 1)
			appendStringInfo(&buf, INT64_FORMAT "," INT64_FORMAT, r->lo, r->hi);
		else
			appendStringInfo(&buf, INT64_FORMAT "-" INT64_FORMAT, r->lo, r->hi);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------------
 * Binary form
 */


PG_FUNCTION_INFO_V1(account_set_recv);
Datum
account_set_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			left = buf->len - buf->cursor;
	int			version;
	int64		count,
				nruns;
	Size		len;
	const uint8 *data;
	AccountRun *runs;
	const char *problem;
	AccountSetFlat *f;

	if (left < 1)
		abm_recv_error("account_set", "The value is empty.");
	version = pq_getmsgbyte(buf);
	if (version != ABM_FORMAT_V1)
		abm_recv_error("account_set", "Format version %d is not one this release reads (%d).", version, ABM_FORMAT_V1);
	if (left < 17)
		abm_recv_error("account_set", "The value has %d bytes; a version 1 value has at least 17.", left);
	count = pq_getmsgint64(buf);
	nruns = pq_getmsgint64(buf);
	len = buf->len - buf->cursor;
	data = (const uint8 *) pq_getmsgbytes(buf, (int) len);
	if (len > MaxAllocSize - ACCOUNT_SET_HEADER_SIZE)
		abm_recv_error("account_set", "The value is too large.");
	if (count < 0 || nruns < 0 || (uint64) nruns > len)
		abm_recv_error("account_set", "The value says it has " INT64_FORMAT " ids in " INT64_FORMAT " runs, written in %zu bytes.",
				   count, nruns, len);
	runs = palloc_extended(Max(nruns, 1) * sizeof(AccountRun), MCXT_ALLOC_HUGE);
	if ((problem = account_set_decode(data, len, count, nruns, runs)) != NULL)
		abm_recv_error("account_set", "%s", problem);
	pfree(runs);

	/* the encoding is canonical, so the checked bytes are the stored form */
	f = palloc0(ACCOUNT_SET_HEADER_SIZE + len);
	SET_VARSIZE(f, ACCOUNT_SET_HEADER_SIZE + len);
	f->version = ABM_FORMAT_V1;
	f->count = count;
	f->nruns = nruns;
	memcpy((uint8 *) f + ACCOUNT_SET_HEADER_SIZE, data, len);
	PG_RETURN_POINTER(f);
}

PG_FUNCTION_INFO_V1(account_set_send);
Datum
account_set_send(PG_FUNCTION_ARGS)
{
	AccountSetFlat *f = (AccountSetFlat *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	StringInfoData buf;
	const char *problem;

	if ((problem = flat_header_problem(f)) != NULL)
		corrupt(problem);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, f->version);
	pq_sendint64(&buf, f->count);
	pq_sendint64(&buf, f->nruns);
	pq_sendbytes(&buf, (const void *) ACCOUNT_SET_DATA(f), ACCOUNT_SET_DATA_SIZE(f));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
