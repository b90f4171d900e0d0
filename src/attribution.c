/*
 * attribution.c: multi-touch attribution as window functions.
 *
 *   attribution_weight(model ...)          OVER w  -> double precision share
 *   attributed_amount(amount, model ...)   OVER w  -> numeric credit
 *
 * The window's partition is one conversion, ordered by touch time.  Every
 * model is written as raw shares per touch (first touch 0.4, middle touches
 * 0.2 / (k - 2), ...); one rule then covers every edge case: the weights are
 * the raw shares divided by their sum.  A share with no touch to receive it
 * (a missing milestone, no middle touch) is thereby spread over the touches
 * that have one, in proportion to their shares; shares landing on one touch
 * add; and when no touch has a share above 0 there is no credit (NULL).
 *
 * The shares are computed once per partition, at its first row, into the
 * partition-local memory of the WindowObject; every row then only looks up
 * its own.  The whole partition is read whatever the frame clause says.
 *
 * Money credit is exact: the amount, as an integer count of units of its
 * scale, is split by largest remainder over integer quotas, so the credits
 * sum to the amount to the last unit.
 */
#include "abm.h"
#include "money.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"
#include "windowapi.h"

typedef enum AttrModel
{
	ATTR_FIRST_TOUCH,
	ATTR_LAST_TOUCH,
	ATTR_LINEAR,
	ATTR_U_SHAPED,
	ATTR_TIME_DECAY,
	ATTR_W_SHAPED,
	ATTR_FULL_PATH,
	ATTR_CUSTOM
} AttrModel;

/* The SQL forms, told apart by their number of model arguments. */
typedef enum AttrForm
{
	FORM_POSITION = 1,			/* (model) */
	FORM_MILESTONES = 2,		/* (model, milestones) */
	FORM_CUSTOM = 3,			/* (first, middle, last) */
	FORM_TIME_DECAY = 4			/* (model, touched_at, converted_at, half_life) */
} AttrForm;

static const struct
{
	const char *name;
	AttrModel	model;
	AttrForm	form;
}			attr_models[] = {
	{"first_touch", ATTR_FIRST_TOUCH, FORM_POSITION},
	{"last_touch", ATTR_LAST_TOUCH, FORM_POSITION},
	{"linear", ATTR_LINEAR, FORM_POSITION},
	{"u_shaped", ATTR_U_SHAPED, FORM_POSITION},
	{"time_decay", ATTR_TIME_DECAY, FORM_TIME_DECAY},
	{"w_shaped", ATTR_W_SHAPED, FORM_MILESTONES},
	{"full_path", ATTR_FULL_PATH, FORM_MILESTONES},
};

#define ATTR_MODEL_LIST "first_touch, last_touch, linear, u_shaped, time_decay, w_shaped and full_path"

/* Milestones, as bits of a touch's milestone set. */
#define MILESTONE_LEAD		0x01
#define MILESTONE_OPPORTUNITY 0x02
#define MILESTONE_WON		0x04

/* Custom weights must sum to 1 within this. */
#define ATTR_CUSTOM_TOLERANCE 1e-9

/* What one call works out for its whole partition. */
typedef struct AttrPartition
{
	bool		ready;			/* computed for this partition */
	bool		no_credit;		/* every row returns NULL */
	int			scale;			/* of the amount */
	double		total;			/* sum of the raw shares */
	double	   *shares;			/* raw share of each touch */
	int128	   *credits;		/* attributed_amount: units of each touch */
} AttrPartition;

/* The model arguments, as read from the partition. */
typedef struct AttrParams
{
	AttrModel	model;
	double		first,
				middle,
				last;			/* position shares */
	double		half_life_us;	/* time decay */
} AttrParams;

/* One call: the function, its window and where its model arguments start. */
typedef struct AttrCall
{
	FunctionCallInfo fcinfo;
	WindowObject winobj;
	const char *fname;
	int			first_arg;		/* 1 when an amount comes first */
	AttrForm	form;
	int64		n;				/* touches in the partition */
} AttrCall;


/* Argument argno at row pos of the partition, whatever the frame. */
static Datum
arg_at(AttrCall *call, int argno, int64 pos, bool *isnull)
{
	bool		isout;
	Datum		d;

	if (pos > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s cannot read a partition of more than %d rows", call->fname, PG_INT32_MAX)));
	d = WinGetFuncArgInPartition(call->winobj, argno, (int) pos, WINDOW_SEEK_HEAD,
								 false, isnull, &isout);
	Assert(!isout);
	return d;
}

/*
 * A parameter of the conversion (the model, the half-life, the weights):
 * read at the partition's first row and, unless the argument is a constant,
 * required to be the same on every row, since one conversion has one model.
 */
static Datum
partition_param(AttrCall *call, int argno, const char *what, bool *isnull)
{
	Datum		first = arg_at(call, argno, 0, isnull);
	Oid			type;
	int16		typlen;
	bool		typbyval;

	if (get_fn_expr_arg_stable(call->fcinfo->flinfo, argno))
		return first;

	/* The value lives in a slot that the next read overwrites: keep a copy. */
	type = get_fn_expr_argtype(call->fcinfo->flinfo, argno);
	get_typlenbyval(type, &typlen, &typbyval);
	if (!*isnull)
		first = datumCopy(first, typbyval, typlen);
	for (int64 i = 1; i < call->n; i++)
	{
		bool		null_i;
		Datum		d = arg_at(call, argno, i, &null_i);

		if (null_i != *isnull || (!null_i && !datum_image_eq(first, d, typbyval, typlen)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: %s must be the same on every row of a partition", call->fname, what),
					 errdetail("Row %lld of the partition differs from its first row.", (long long) i + 1),
					 errhint("Partition the window by conversion, e.g. PARTITION BY opportunity_id.")));
	}
	return first;
}

static pg_noreturn void
unknown_model(const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown attribution model \"%s\"", name),
			 errdetail("The models are " ATTR_MODEL_LIST ".")));
}

/* The model of that name, checked against the form of the call. */
static AttrModel
model_from_name(AttrCall *call, const char *name)
{
	const char *amount = call->first_arg == 1 ? "amount, " : "";

	for (int i = 0; i < lengthof(attr_models); i++)
	{
		if (strcmp(name, attr_models[i].name) != 0)
			continue;
		if (attr_models[i].form == call->form)
			return attr_models[i].model;
		switch (attr_models[i].form)
		{
			case FORM_TIME_DECAY:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("attribution model \"%s\" needs touched_at, converted_at and half_life", name),
						 errhint("Call %s(%s'time_decay', touched_at, converted_at, half_life).",
								 call->fname, amount)));
				break;
			case FORM_MILESTONES:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("attribution model \"%s\" needs the milestones of each touch", name),
						 errhint("Call %s(%s'%s', milestones).", call->fname, amount, name)));
				break;
			default:
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("attribution model \"%s\" takes no other argument", name),
						 errhint("Call %s(%s'%s').", call->fname, amount, name)));
		}
	}
	unknown_model(name);
}

/* Half-life in microseconds, a month counting 30 days as extract(epoch) does. */
static double
half_life_us(Interval *h)
{
	double		us;

#ifdef INTERVAL_NOT_FINITE
	if (INTERVAL_NOT_FINITE(h))
		us = -1;
	else
#endif
		us = ((double) h->month * DAYS_PER_MONTH + h->day) * (double) USECS_PER_DAY + (double) h->time;
	if (!(us > 0) || isinf(us))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("half_life must be a positive interval, got \"%s\"",
						DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(h))))));
	return us;
}

static void
check_custom_weights(double first, double middle, double last)
{
	if (!(first >= 0 && middle >= 0 && last >= 0) || isinf(first) || isinf(middle) || isinf(last) ||
		fabs(first + middle + last - 1.0) > ATTR_CUSTOM_TOLERANCE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("custom attribution weights must be at least 0 and sum to 1, got %g, %g, %g",
						first, middle, last),
				 errdetail("The first, middle and last shares must sum to 1 within 1e-9.")));
}

/* Reads the model arguments; false when one of them is NULL (no credit). */
static bool
read_params(AttrCall *call, AttrParams *p)
{
	int			a = call->first_arg;
	bool		isnull;
	Datum		d;

	p->first = p->middle = p->last = 0;
	p->half_life_us = 0;
	if (call->form == FORM_CUSTOM)
	{
		bool		n1,
					n2,
					n3;

		p->model = ATTR_CUSTOM;
		p->first = DatumGetFloat8(partition_param(call, a, "first", &n1));
		p->middle = DatumGetFloat8(partition_param(call, a + 1, "middle", &n2));
		p->last = DatumGetFloat8(partition_param(call, a + 2, "last", &n3));
		if (n1 || n2 || n3)
			return false;
		check_custom_weights(p->first, p->middle, p->last);
		return true;
	}

	d = partition_param(call, a, "model", &isnull);
	if (isnull)
		return false;
	p->model = model_from_name(call, TextDatumGetCString(d));
	switch (p->model)
	{
		case ATTR_FIRST_TOUCH:
			p->first = 1;
			break;
		case ATTR_LAST_TOUCH:
			p->last = 1;
			break;
		case ATTR_U_SHAPED:
			p->first = 0.4;
			p->middle = 0.2;
			p->last = 0.4;
			break;
		case ATTR_TIME_DECAY:
			d = partition_param(call, a + 3, "half_life", &isnull);
			if (isnull)
				return false;
			p->half_life_us = half_life_us(DatumGetIntervalP(d));
			break;
		default:
			break;
	}
	return true;
}

/*
 * Position shares: first and last to their touches, middle spread evenly
 * over the touches between.  With one touch, first and last coincide and add;
 * with one or two touches the middle share has nowhere to go.
 */
static void
position_shares(const AttrParams *p, int64 n, double *shares)
{
	for (int64 i = 0; i < n; i++)
		shares[i] = (n > 2 && i > 0 && i < n - 1) ? p->middle / (double) (n - 2) : 0;
	shares[0] += p->first;
	shares[n - 1] += p->last;
}

/*
 * Time decay: 2^(-(converted_at - touched_at) / half_life), in real time.  A
 * touch after its conversion, or without a finite touch or conversion time,
 * earns nothing.  Each weight is taken relative to the most recent touch
 * that earns (the ratio is the same), so that touches many half-lives old
 * do not all underflow to 0 together.
 */
static void
time_decay_shares(AttrCall *call, const AttrParams *p, double *shares)
{
	int			a = call->first_arg;
	bool		conversion_stable = get_fn_expr_arg_stable(call->fcinfo->flinfo, a + 2);
	int64		n = call->n;
	TimestampTz *touch = palloc_extended(n * sizeof(TimestampTz), MCXT_ALLOC_HUGE);
	bool	   *earns = palloc_extended(n * sizeof(bool), MCXT_ALLOC_HUGE);
	double	   *age = shares;	/* the ages first, in place */
	double		youngest = -1;
	bool		conv_null = false;
	TimestampTz conv = 0;

	/*
	 * The touch times in one pass, then the conversion times in another:
	 * each pass reads the partition forward, one tuple a row, where reading
	 * both arguments of a row would step back to refetch it.
	 */
	for (int64 i = 0; i < n; i++)
	{
		bool		isnull;

		touch[i] = DatumGetTimestampTz(arg_at(call, a + 1, i, &isnull));
		earns[i] = !isnull && !TIMESTAMP_NOT_FINITE(touch[i]);
	}
	if (conversion_stable)
		conv = DatumGetTimestampTz(arg_at(call, a + 2, 0, &conv_null));
	for (int64 i = 0; i < n; i++)
	{
		int64		d;

		if (!conversion_stable)
			conv = DatumGetTimestampTz(arg_at(call, a + 2, i, &conv_null));
		age[i] = -1;			/* earns nothing */
		if (!earns[i] || conv_null || TIMESTAMP_NOT_FINITE(conv) || touch[i] > conv)
			continue;
		if (pg_sub_s64_overflow(conv, touch[i], &d))
			age[i] = (double) conv - (double) touch[i];
		else
			age[i] = (double) d;
		if (youngest < 0 || age[i] < youngest)
			youngest = age[i];
	}
	for (int64 i = 0; i < n; i++)
		shares[i] = age[i] < 0 ? 0 : exp2(-(age[i] - youngest) / p->half_life_us);
	pfree(touch);
	pfree(earns);
}

/* The milestone bits of one touch's text[] (NULL, empty or NULL elements: none). */
static int
milestone_bits(AttrCall *call, Datum array)
{
	ArrayType  *arr = DatumGetArrayTypeP(array);
	Datum	   *elems;
	bool	   *nulls;
	int			count;
	int			bits = 0;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &count);
	for (int i = 0; i < count; i++)
	{
		text	   *t;
		const char *m;
		int			len;

		if (nulls[i])
			continue;
		/* compared in place: this runs for every touch */
		t = DatumGetTextPP(elems[i]);
		m = VARDATA_ANY(t);
		len = VARSIZE_ANY_EXHDR(t);
#define IS_MILESTONE(name) (len == sizeof(name) - 1 && memcmp(m, name, len) == 0)
		if (IS_MILESTONE("lead_created"))
			bits |= MILESTONE_LEAD;
		else if (IS_MILESTONE("opportunity_created"))
			bits |= MILESTONE_OPPORTUNITY;
		else if (IS_MILESTONE("closed_won"))
			bits |= MILESTONE_WON;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: unknown milestone \"%s\"", call->fname, text_to_cstring(t)),
					 errdetail("The milestones are lead_created, opportunity_created and closed_won.")));
#undef IS_MILESTONE
	}
	pfree(elems);
	pfree(nulls);
	return bits;
}

/*
 * W-shaped (0.3 first touch, 0.3 lead creation, 0.3 opportunity creation,
 * 0.1 over the rest) and full path (0.225 each to those and the closed-won
 * touch, 0.1 over the rest), as Marketo Measure defines them.  The first
 * touch is positional; each milestone goes to the earliest touch carrying it;
 * "the rest" are the touches that took no share.
 */
static void
milestone_shares(AttrCall *call, const AttrParams *p, double *shares)
{
	bool		full = p->model == ATTR_FULL_PATH;
	double		milestone_share = full ? 0.225 : 0.3;
	int			wanted = MILESTONE_LEAD | MILESTONE_OPPORTUNITY | (full ? MILESTONE_WON : 0);
	int			taken = 0;
	int64		rest = 0;

	for (int64 i = 0; i < call->n; i++)
	{
		bool		isnull;
		Datum		d = arg_at(call, call->first_arg + 1, i, &isnull);
		int			bits = isnull ? 0 : milestone_bits(call, d) & wanted & ~taken;

		shares[i] = (i == 0) ? milestone_share : 0;
		for (int b = MILESTONE_LEAD; b <= MILESTONE_WON; b <<= 1)
			if (bits & b)
				shares[i] += milestone_share;
		taken |= bits;
		if (shares[i] == 0)
			rest++;
	}
	if (rest == 0)
		return;
	for (int64 i = 0; i < call->n; i++)
		if (shares[i] == 0)
			shares[i] = 0.1 / (double) rest;
}

/*
 * The amount of the conversion, the same on every row (as a value: 100.0 and
 * 100.00 are the same amount; the credits take the larger scale).  False when
 * it is NULL.
 */
static bool
read_amount(AttrCall *call, AbmAmount *amount)
{
	bool		stable = get_fn_expr_arg_stable(call->fcinfo->flinfo, 0);
	bool		first_null = false;

	*amount = (AbmAmount) {0, 0};
	for (int64 i = 0; i < (stable ? 1 : call->n); i++)
	{
		bool		isnull;
		Datum		d = arg_at(call, 0, i, &isnull);
		AbmAmount	a;

		if (i == 0)
			first_null = isnull;
		if (isnull != first_null)
			goto differs;
		if (isnull)
			continue;
		a = abm_amount_from_numeric(d, "amount");
		abm_amount_require_nonnegative(a, "amount");
		if (i == 0)
			*amount = a;
		else
		{
			abm_amount_align(amount, &a);
			if (a.units != amount->units)
				goto differs;
		}
	}
	return !first_null;

differs:
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: the amount must be the same on every row of a partition", call->fname),
			 errdetail("The amount is the conversion's, and the partition is one conversion."),
			 errhint("Partition the window by conversion, e.g. PARTITION BY opportunity_id.")));
	pg_unreachable();
}

/* (hi, lo) = a * b, 256 bits from 128 x 64. */
static void
mul_128_64(uint128 a, uint64 b, uint128 *hi, uint128 *lo)
{
	uint128		low_part = (uint128) (uint64) a * b;
	uint128		high_part = (uint128) (uint64) (a >> 64) * b;
	uint128		shifted = high_part << 64;

	*lo = low_part + shifted;
	*hi = (high_part >> 64) + (*lo < low_part ? 1 : 0);
}

/* (hi, lo) / d and its remainder, by long division; the quotient fits 128 bits. */
static uint128
div_256_128(uint128 hi, uint128 lo, uint128 d, uint128 *rem)
{
	uint128		r = 0;
	uint128		q = 0;

	for (int bit = 255; bit >= 0; bit--)
	{
		uint128		next = (bit >= 128) ? (hi >> (bit - 128)) & 1 : (lo >> bit) & 1;
		bool		carry = (r >> 127) != 0;

		r = (r << 1) | next;
		if (carry || r >= d)
		{
			r -= d;
			if (bit < 128)
				q |= (uint128) 1 << bit;
		}
	}
	*rem = r;
	return q;
}

typedef struct Remainder
{
	uint128		rem;
	int64		pos;
} Remainder;

/* Largest remainder first; ties to the earliest touch. */
static int
remainder_cmp(const void *a, const void *b)
{
	const Remainder *x = a;
	const Remainder *y = b;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return x->pos < y->pos ? -1 : (x->pos > y->pos ? 1 : 0);
}

/*
 * Splits units over the touches in proportion to their shares, exactly.
 * Each share becomes an integer quota q_i = round(share_i / max share * 2^63),
 * so the exact credit of touch i is units * q_i / sum q (a rational, within
 * 2^-63 of the share): its floor is given, and the units left (fewer than the
 * touches) go one each to the largest remainders, ties to the earliest.
 */
static void
split_amount(AttrPartition *part, int64 n, uint128 units, MemoryContext cxt)
{
	uint64	   *quota = MemoryContextAllocHuge(cxt, n * sizeof(uint64));
	Remainder  *rems = MemoryContextAllocHuge(cxt, n * sizeof(Remainder));
	double		max_share = 0;
	uint128		quota_sum = 0;
	uint128		given = 0;
	int64		left;

	for (int64 i = 0; i < n; i++)
		max_share = Max(max_share, part->shares[i]);
	for (int64 i = 0; i < n; i++)
	{
		quota[i] = (uint64) rint(ldexp(part->shares[i] / max_share, 63));
		quota_sum += quota[i];
	}
	for (int64 i = 0; i < n; i++)
	{
		uint128		q,
					r;

		if ((units >> 64) == 0)
		{
			/* units < 2^64, quota <= 2^63: the product fits 128 bits */
			uint128		product = units * quota[i];

			q = product / quota_sum;
			r = product % quota_sum;
		}
		else
		{
			uint128		hi,
						lo;

			mul_128_64(units, quota[i], &hi, &lo);
			q = div_256_128(hi, lo, quota_sum, &r);
		}
		part->credits[i] = (int128) q;
		given += q;
		rems[i].rem = r;
		rems[i].pos = i;
	}
	left = (int64) (units - given);
	Assert(left >= 0 && left < n);
	if (left > 0)
	{
		qsort(rems, n, sizeof(Remainder), remainder_cmp);
		for (int64 k = 0; k < left; k++)
			part->credits[rems[k].pos] += 1;
	}
	pfree(quota);
	pfree(rems);
}

/* Works out the partition's shares (and credits) at its first row. */
static void
compute_partition(AttrCall *call, AttrPartition *part)
{
	MemoryContext cxt = GetMemoryChunkContext(part);
	AttrParams	params;
	AbmAmount	amount = {0, 0};
	int64		n = call->n;

	part->ready = true;
	part->no_credit = true;
	if (!read_params(call, &params))
		return;
	if (call->first_arg == 1 && !read_amount(call, &amount))
		return;

	part->shares = MemoryContextAllocHuge(cxt, n * sizeof(double));
	switch (params.model)
	{
		case ATTR_TIME_DECAY:
			time_decay_shares(call, &params, part->shares);
			break;
		case ATTR_W_SHAPED:
		case ATTR_FULL_PATH:
			milestone_shares(call, &params, part->shares);
			break;
		case ATTR_LINEAR:
			for (int64 i = 0; i < n; i++)
				part->shares[i] = 1;
			break;
		default:
			position_shares(&params, n, part->shares);
			break;
	}
	part->total = 0;
	for (int64 i = 0; i < n; i++)
		part->total += part->shares[i];
	if (!(part->total > 0))
		return;
	part->no_credit = false;

	if (call->first_arg == 1)
	{
		part->scale = amount.scale;
		part->credits = MemoryContextAllocHuge(cxt, n * sizeof(int128));
		split_amount(part, n, (uint128) amount.units, cxt);
	}
}

/* The partition's computed state for this row's call. */
static AttrPartition *
partition_for_call(FunctionCallInfo fcinfo, const char *fname, int first_arg)
{
	AttrCall	call;
	AttrPartition *part;

	call.fcinfo = fcinfo;
	call.winobj = PG_WINDOW_OBJECT();
	call.fname = fname;
	call.first_arg = first_arg;
	call.form = (AttrForm) (PG_NARGS() - first_arg);
	/* Only a C function declared without WINDOW could get here otherwise. */
	if (!WindowObjectIsValid(call.winobj))
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("%s can only be called as a window function", fname)));

	part = WinGetPartitionLocalMemory(call.winobj, sizeof(AttrPartition));
	if (!part->ready)
	{
		call.n = WinGetPartitionRowCount(call.winobj);
		compute_partition(&call, part);
	}
	return part;
}

PG_FUNCTION_INFO_V1(attribution_weight);
Datum
attribution_weight(PG_FUNCTION_ARGS)
{
	AttrPartition *part = partition_for_call(fcinfo, "attribution_weight", 0);

	if (part->no_credit)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(part->shares[WinGetCurrentPosition(PG_WINDOW_OBJECT())] / part->total);
}

PG_FUNCTION_INFO_V1(attributed_amount);
Datum
attributed_amount(PG_FUNCTION_ARGS)
{
	AttrPartition *part = partition_for_call(fcinfo, "attributed_amount", 1);

	int128		credit;

	if (part->no_credit)
		PG_RETURN_NULL();
	credit = part->credits[WinGetCurrentPosition(PG_WINDOW_OBJECT())];
#if PG_VERSION_NUM >= 140000
	/* The common case without the detour through text. */
	if (credit <= PG_INT64_MAX)
		PG_RETURN_NUMERIC(int64_div_fast_to_numeric((int64) credit, part->scale));
#endif
	return abm_money_to_numeric(credit, part->scale);
}
