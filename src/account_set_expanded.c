/*
 * account_set_expanded.c: the aggregates' state of account_set, an expanded
 * object (utils/expandeddatum.h), as arrays use for array_append.
 *
 * A flat account_set rewritten on every row would make an aggregate
 * quadratic.  Inside an aggregate the state is instead a read/write expanded
 * object in the aggregate's memory: the executor hands it back to each call
 * without copying, and it is flattened only when stored, sent to another
 * process or read by a plain function.  The object keeps
 *   - the merged set: sorted maximal runs;
 *   - pending ids (account_set_agg, reach): appended unsorted;
 *   - pending runs (rollup, combine): appended unsorted.
 * Pending items are sorted and merged into the set in batches at least as
 * large as the set, so a row costs amortized O(log batch) and memory stays
 * within a small multiple of the set.  Its value is the union of all three;
 * every reader merges first (which changes the representation, never the
 * value, so a read-only reference may do it too).
 */
#include "account_set.h"

#include "utils/memutils.h"

#define EXPANDED_ACCOUNT_SET_MAGIC 0x41535431	/* "AST1" */

/* Pending ids or runs are merged when there are this many, or as many as runs. */
#define PENDING_IDS_MIN 16384
#define PENDING_RUNS_MIN 1024

typedef struct ExpandedAccountSet
{
	ExpandedObjectHeader hdr;
	int			magic;

	AccountRuns set;			/* merged: sorted maximal runs */
	int64		set_cap;

	int64	   *ids;			/* pending ids, unsorted, maybe repeated */
	int64		nids;
	int64		ids_cap;

	AccountRun *runs;			/* pending runs, unsorted, maybe overlapping */
	int64		nruns;
	int64		runs_cap;

	Size		flat_size;		/* of the merged set; 0 when not known */
} ExpandedAccountSet;

#define ST_SORT sort_ids_small
#define ST_ELEMENT_TYPE int64
#define ST_COMPARE(a, b) ((*(a) > *(b)) - (*(a) < *(b)))
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * Sorts ids: a least-significant-byte-first radix sort of the ids with the
 * sign bit flipped (so unsigned order is bigint order), two passes over the
 * data per byte, skipping the bytes all ids share (the high bytes of
 * surrogate keys).  Several times faster than comparison sorting for the
 * batches of thousands to millions of ids that pending buffers hold.
 */
static void
sort_ids(int64 *ids, int64 n)
{
	uint64	   *keys = (uint64 *) ids;
	uint64	   *tmp;
	int64	  (*counts)[256];

	if (n < 256)
	{
		sort_ids_small(ids, n);
		return;
	}
	counts = palloc0(8 * sizeof(*counts));
	for (int64 i = 0; i < n; i++)
	{
		uint64		k = keys[i] ^ ((uint64) 1 << 63);

		keys[i] = k;
		for (int b = 0; b < 8; b++)
			counts[b][(k >> (8 * b)) & 0xFF]++;
	}
	tmp = palloc_extended(n * sizeof(uint64), MCXT_ALLOC_HUGE);
	for (int b = 0; b < 8; b++)
	{
		int64		offset = 0;
		uint64	   *swap;

		if (counts[b][(keys[0] >> (8 * b)) & 0xFF] == n)
			continue;			/* every id has this byte */
		for (int d = 0; d < 256; d++)
		{
			int64		c = counts[b][d];

			counts[b][d] = offset;
			offset += c;
		}
		for (int64 i = 0; i < n; i++)
			tmp[counts[b][(keys[i] >> (8 * b)) & 0xFF]++] = keys[i];
		swap = keys;
		keys = tmp;
		tmp = swap;
	}
	for (int64 i = 0; i < n; i++)
		ids[i] = (int64) (keys[i] ^ ((uint64) 1 << 63));
	pfree(keys == (uint64 *) ids ? tmp : keys);
	pfree(counts);
}

#define ST_SORT sort_runs
#define ST_ELEMENT_TYPE AccountRun
#define ST_COMPARE(a, b) (((a)->lo > (b)->lo) - ((a)->lo < (b)->lo))
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

static Size eas_get_flat_size(ExpandedObjectHeader *eohptr);
static void eas_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods eas_methods = {
	eas_get_flat_size,
	eas_flatten_into
};

static void *
alloc_huge(Size size)
{
	return palloc_extended(size, MCXT_ALLOC_HUGE);
}

/* ---------------------------------------------------------------------
 * Merging pending ids and runs into the set
 */

/* Sorted ids (repeats allowed) as maximal runs into out (room for n). */
static void
runs_from_sorted_ids(const int64 *ids, int64 n, AccountRuns *out)
{
	out->nruns = 0;
	for (int64 i = 0; i < n; i++)
	{
		AccountRun *last = out->nruns > 0 ? &out->runs[out->nruns - 1] : NULL;

		if (last != NULL && ids[i] <= last->hi)
			continue;			/* a repeat */
		if (last != NULL && ids[i] == last->hi + 1)
			last->hi = ids[i];
		else
			out->runs[out->nruns++] = (AccountRun) {ids[i], ids[i]};
	}
}

/* Sorted, maybe overlapping runs as maximal runs, in place. */
static void
runs_coalesce(AccountRun *runs, int64 *n)
{
	int64		kept = 0;

	for (int64 i = 0; i < *n; i++)
	{
		if (kept > 0 &&
			(runs[i].lo <= runs[kept - 1].hi ||
			 (runs[kept - 1].hi < PG_INT64_MAX && runs[i].lo == runs[kept - 1].hi + 1)))
		{
			if (runs[i].hi > runs[kept - 1].hi)
				runs[kept - 1].hi = runs[i].hi;
		}
		else
			runs[kept++] = runs[i];
	}
	*n = kept;
}

/* Replaces the set with its union with more (sorted maximal runs). */
static void
eas_union_into_set(ExpandedAccountSet *eas, const AccountRuns *more)
{
	AccountRuns merged;

	if (more->nruns == 0)
		return;
	merged.runs = alloc_huge((eas->set.nruns + more->nruns) * sizeof(AccountRun));
	account_runs_union(&eas->set, more, &merged);
	if (eas->set.runs != NULL)
		pfree(eas->set.runs);
	eas->set = merged;
	eas->set_cap = eas->set.nruns + more->nruns;
}

static void
eas_merge_pending(ExpandedAccountSet *eas)
{
	MemoryContext old;

	if (eas->nids == 0 && eas->nruns == 0)
		return;
	old = MemoryContextSwitchTo(eas->hdr.eoh_context);
	if (eas->nids > 0)
	{
		AccountRuns from_ids;

		sort_ids(eas->ids, eas->nids);
		from_ids.runs = alloc_huge(eas->nids * sizeof(AccountRun));
		runs_from_sorted_ids(eas->ids, eas->nids, &from_ids);
		eas_union_into_set(eas, &from_ids);
		pfree(from_ids.runs);
		eas->nids = 0;
	}
	if (eas->nruns > 0)
	{
		AccountRuns pending = {eas->runs, eas->nruns, 0};

		sort_runs(eas->runs, eas->nruns);
		runs_coalesce(eas->runs, &pending.nruns);
		eas_union_into_set(eas, &pending);
		eas->nruns = 0;
	}
	eas->flat_size = 0;
	MemoryContextSwitchTo(old);
}

/* ---------------------------------------------------------------------
 * Creating and growing
 */

static ExpandedAccountSet *
eas_new(MemoryContext parent)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "expanded account_set",
											  ALLOCSET_START_SMALL_SIZES);
	ExpandedAccountSet *eas = MemoryContextAllocZero(cxt, sizeof(ExpandedAccountSet));

	EOH_init_header(&eas->hdr, &eas_methods, cxt);
	eas->magic = EXPANDED_ACCOUNT_SET_MAGIC;
	return eas;
}

static ExpandedAccountSet *
eas_get(Datum d)
{
	ExpandedAccountSet *eas = (ExpandedAccountSet *) DatumGetEOHP(d);

	if (eas->magic != EXPANDED_ACCOUNT_SET_MAGIC)
		elog(ERROR, "expanded object is not an account_set");
	return eas;
}

/* Appends runs (any order) to the pending runs. */
static void
eas_add_runs(ExpandedAccountSet *eas, const AccountRun *runs, int64 n)
{
	MemoryContext old;

	if (n == 0)
		return;
	old = MemoryContextSwitchTo(eas->hdr.eoh_context);
	if (eas->set.nruns == 0 && eas->nids == 0 && eas->nruns == 0)
	{
		/* the first set: sorted and maximal already, so it is the set */
		eas->set.runs = alloc_huge(n * sizeof(AccountRun));
		memcpy(eas->set.runs, runs, n * sizeof(AccountRun));
		eas->set.nruns = eas->set_cap = n;
		eas->set.count = -1;	/* set below */
	}
	else
	{
		if (eas->nruns + n > eas->runs_cap)
		{
			int64		cap = Max(Max(eas->runs_cap * 2, eas->nruns + n), 16);

			eas->runs = eas->runs == NULL ? alloc_huge(cap * sizeof(AccountRun))
				: repalloc_huge(eas->runs, cap * sizeof(AccountRun));
			eas->runs_cap = cap;
		}
		memcpy(eas->runs + eas->nruns, runs, n * sizeof(AccountRun));
		eas->nruns += n;
	}
	MemoryContextSwitchTo(old);
	eas->flat_size = 0;
}

/* Adds a set, flat or expanded, to the state. */
static void
eas_add_set(ExpandedAccountSet *eas, Datum d)
{
	AccountRuns other;
	bool		first = eas->set.nruns == 0 && eas->nids == 0 && eas->nruns == 0;

	account_set_read(d, &other);
	eas_add_runs(eas, other.runs, other.nruns);
	if (first)
		eas->set.count = other.count;
	else if (eas->nruns >= Max(PENDING_RUNS_MIN, eas->set.nruns))
		eas_merge_pending(eas);
}

/*
 * Whether id is in the merged runs, when they are few enough to search in
 * cache: most rows of a large table repeat accounts already merged (10M
 * touches of 100k accounts), and need not wait in the buffer.
 */
#define FEW_RUNS 4096

static inline bool
eas_merged_has(const ExpandedAccountSet *eas, int64 id)
{
	int64		lo = 0,
				hi = eas->set.nruns - 1;

	if (eas->set.nruns == 0 || eas->set.nruns > FEW_RUNS ||
		id < eas->set.runs[0].lo || id > eas->set.runs[hi].hi)
		return false;
	while (lo <= hi)
	{
		int64		mid = (lo + hi) / 2;

		if (id < eas->set.runs[mid].lo)
			hi = mid - 1;
		else if (id > eas->set.runs[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static inline void
eas_add_id(ExpandedAccountSet *eas, int64 id)
{
	/* repeats in a row (clustered input) cost nothing */
	if (eas->nids > 0 && eas->ids[eas->nids - 1] == id)
		return;
	if (eas_merged_has(eas, id))
		return;
	if (eas->nids == eas->ids_cap)
	{
		if (eas->ids_cap >= Max(PENDING_IDS_MIN, eas->set.nruns))
			eas_merge_pending(eas);
		else
		{
			int64		cap = Max(eas->ids_cap * 2, 8);

			eas->ids = eas->ids == NULL
				? MemoryContextAllocHuge(eas->hdr.eoh_context, cap * sizeof(int64))
				: repalloc_huge(eas->ids, cap * sizeof(int64));
			eas->ids_cap = cap;
		}
	}
	eas->ids[eas->nids++] = id;
	eas->flat_size = 0;
}

/* ---------------------------------------------------------------------
 * The expanded-object methods: flattening merges first.
 */

static Size
eas_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedAccountSet *eas = (ExpandedAccountSet *) eohptr;

	Assert(eas->magic == EXPANDED_ACCOUNT_SET_MAGIC);
	eas_merge_pending(eas);
	if (eas->flat_size == 0)
		eas->flat_size = account_set_flat_size(&eas->set);
	return eas->flat_size;
}

static void
eas_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedAccountSet *eas = (ExpandedAccountSet *) eohptr;

	Assert(eas->magic == EXPANDED_ACCOUNT_SET_MAGIC);
	Assert(allocated_size == eas->flat_size);
	account_set_write_flat(&eas->set, result, allocated_size);
}

bool
account_set_is_expanded(Datum d)
{
	return VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d));
}

void
account_set_expanded_runs(Datum d, AccountRuns *set)
{
	ExpandedAccountSet *eas = eas_get(d);

	eas_merge_pending(eas);
	*set = eas->set;
}

/* ---------------------------------------------------------------------
 * Transition and combine functions
 */

/*
 * The state in argument 0, to be changed: inside an aggregate, the
 * read/write object the executor handed back, or a new one in the
 * aggregate's memory for the initial (flat) value; in a direct call, a new
 * one in the call's memory, so the argument is never changed.
 */
static ExpandedAccountSet *
state_for_update(FunctionCallInfo fcinfo, bool *in_aggregate)
{
	Datum		d = PG_GETARG_DATUM(0);
	MemoryContext aggcontext;
	ExpandedAccountSet *eas;

	*in_aggregate = AggCheckCallContext(fcinfo, &aggcontext) != 0;
	if (*in_aggregate && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
		return eas_get(d);
	eas = eas_new(*in_aggregate ? aggcontext : CurrentMemoryContext);
	eas_add_set(eas, d);
	return eas;
}

static Datum
state_result(ExpandedAccountSet *eas, bool in_aggregate)
{
	Datum		flat;

	if (in_aggregate)
		return EOHPGetRWDatum(&eas->hdr);
	/* a direct call returns a plain value */
	eas_merge_pending(eas);
	flat = PointerGetDatum(account_set_flatten_runs(&eas->set));
	MemoryContextDelete(eas->hdr.eoh_context);
	return flat;
}

PG_FUNCTION_INFO_V1(account_set_trans);
Datum
account_set_trans(PG_FUNCTION_ARGS)
{
	bool		in_aggregate;
	ExpandedAccountSet *eas = state_for_update(fcinfo, &in_aggregate);

	eas_add_id(eas, PG_GETARG_INT64(1));
	PG_RETURN_DATUM(state_result(eas, in_aggregate));
}

PG_FUNCTION_INFO_V1(account_set_combine);
Datum
account_set_combine(PG_FUNCTION_ARGS)
{
	bool		in_aggregate;
	ExpandedAccountSet *eas = state_for_update(fcinfo, &in_aggregate);

	eas_add_set(eas, PG_GETARG_DATUM(1));
	PG_RETURN_DATUM(state_result(eas, in_aggregate));
}
