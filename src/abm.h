/*
 * abm.h: what every abm source file shares.
 *
 * Every KPI summary is a varlena whose first sixteen bytes are the same
 * header, so that one set of helpers can check the format version and
 * copy a state before changing it.
 */
#ifndef ABM_H
#define ABM_H

#include "postgres.h"
#include "fmgr.h"
#include "common/int.h"
#include "nodes/execnodes.h"

#ifndef HAVE_INT128
#error "abm needs a compiler with a 128-bit integer type (gcc or clang on a 64-bit platform)"
#endif

#if PG_VERSION_NUM < 130000
#error "abm supports PostgreSQL 13 and later"
#endif

/*
 * PostgreSQL 18 replaced pg_attribute_noreturn(), written after a
 * declaration, by pg_noreturn, written before it.  Older majors' attribute
 * is a GCC-style attribute, which may stand before a declaration too.
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

/*
 * Soft input errors (PostgreSQL 16+): input functions report through the
 * caller's ErrorSaveContext when it passes one.  Before 16 there is none,
 * and errsave() raises like ereport(ERROR).
 */
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#else
#define errsave(context, ...) ereport(ERROR, __VA_ARGS__)
#endif

/* On-disk and wire format version written by this release. */
#define ABM_FORMAT_V1 1

/* The header shared by every summary type. */
typedef struct AbmSummaryHeader
{
	int32		vl_len_;		/* varlena header; do not touch directly */
	uint8		version;		/* ABM_FORMAT_V1 */
	uint8		flags;			/* per type; score_summary keeps its scale here */
	int16		scale;			/* decimal places of the money fields */
	/*
	 * Rows at exactly that scale: state for moving windows only (see
	 * money.h), not part of the value, so not in the text or binary form.
	 */
	int64		scale_rows;
} AbmSummaryHeader;

StaticAssertDecl(sizeof(AbmSummaryHeader) == 16, "summary header must keep int64 fields aligned");

/* A fresh, checked copy of the summary in argument argno. */
extern AbmSummaryHeader *abm_summary_copy(FunctionCallInfo fcinfo, int argno, Size size);

/*
 * Returns the summary in argument argno ready to be changed: in place when
 * the aggregate machinery owns it, else a fresh copy, so a direct call never
 * changes its input.
 *
 * This runs once per row, so it is inline and trusts the state it is
 * handed inside an aggregate: argument 0 of a transition or combine function
 * is then always a state abm itself made (from the initial value, through
 * the input function, or by an earlier call), never a value read from disk.
 * The test is AggCheckCallContext's, without the call.
 */
static inline AbmSummaryHeader *
abm_summary_for_update(FunctionCallInfo fcinfo, int argno, Size size)
{
	if (fcinfo->context != NULL &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState)))
		return (AbmSummaryHeader *) DatumGetPointer(PG_GETARG_DATUM(argno));
	return abm_summary_copy(fcinfo, argno, size);
}

/*
 * Returns the summary in argument argno, read-only, after checking its
 * version and that it has the size of its type.
 */
extern AbmSummaryHeader *abm_summary_read(FunctionCallInfo fcinfo, int argno, Size size);

/* Allocates a zeroed summary of the given size with a valid header. */
extern AbmSummaryHeader *abm_summary_new(Size size);


/*
 * 22023 for an inverse transition (ratio_inv, score_subtract, ...) that took
 * away what was never added: "problem" says which invariant broke.
 */
extern pg_noreturn void abm_removal_error(const char *type_name, const char *problem);

/* Overflow-checked count arithmetic: 22003 names the count that overflowed. */
extern pg_noreturn void abm_count_overflow(int64 a, int64 b, const char *what);

/*
 * Bad text input of a type, for every text input function: 22P02 "invalid
 * input syntax" (or, with ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, 22003 "out of
 * range") quoting the input, with the detail sentence formatted from
 * detail_fmt and args.  Raised, or saved in the caller's ErrorSaveContext
 * (PostgreSQL 16+), in which case it returns.
 */
/*
 * XX001 for a stored summary of another format version or size: only a value
 * written by a later release, or corruption, gets here.
 */
extern pg_noreturn void abm_unsupported_format(const AbmSummaryHeader *s);

/*
 * 22P03 for a binary value a recv function cannot accept.  recv has no soft
 * path in PostgreSQL, so this always raises.
 */
extern pg_noreturn void abm_recv_error(const char *type_name, const char *detail_fmt,...)
			pg_attribute_printf(2, 3);

/* 22023 unless 0 < confidence < 1 (the statistics' confidence levels). */
extern void abm_check_confidence(float8 confidence);

/* A row of n (at most 4) float8 values for a function returning a record; NULL where isnull[i]. */
extern Datum abm_float8_row(FunctionCallInfo fcinfo, const double *values, const bool *isnull, int n);

extern void abm_input_error_va(Node *escontext, int sqlstate, const char *type_name,
							   const char *input, const char *detail_fmt, va_list args)
			pg_attribute_printf(5, 0);

static inline int64
abm_count_add(int64 a, int64 b, const char *what)
{
	int64		result;

	if (unlikely(pg_add_s64_overflow(a, b, &result)))
		abm_count_overflow(a, b, what);
	return result;
}

/*
 * Declares a SQL-callable C function whose body is one call, so that the
 * transition (sign 1) and inverse transition (sign -1) of an aggregate can
 * share one implementation.
 */
#define ABM_SQL_FUNCTION(name, call) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	return (call); \
}

/* NULL when den == 0, else num / den: the convention for every rate. */
#define ABM_RETURN_RATE(num, den) \
	do { \
		if ((den) == 0) \
			PG_RETURN_NULL(); \
		PG_RETURN_FLOAT8((double) (num) / (double) (den)); \
	} while (0)

#endif							/* ABM_H */
