/*
 * summary.h: the one core every summary type is built on.
 *
 * A summary type is described by its fields (counts, money, whole numbers
 * such as microseconds) in the order its text form lists them.  From that
 * description summary.c gives every type its text and binary I/O, the merge
 * behind +, combine, rollup() and the moving-window subtract, and the
 * consistency checks that input, recv and removal share.  A type's own C
 * file then holds only its KPI logic: transitions and accessors.
 *
 * Text form:  v1 field=value field=value ...
 *   The version comes first, then every field in a fixed order, separated
 *   by single spaces.  Counts and whole numbers are unsigned decimal
 *   integers, money an unsigned plain decimal ("1234.50"); a field of n > 1
 *   elements is n comma-separated values.  Anything else, a missing field or
 *   a field too many is a 22P02 error that quotes the input and says what
 *   was expected; on PostgreSQL 16 and later it is reported softly, through
 *   the caller's ErrorSaveContext, when there is one.
 *
 * Binary form: the version byte, then fixed-width fields in the type's
 *   binary order: counts as int64, money and whole numbers as two int64
 *   halves (high first), the money scale as int16, flags as one byte.
 */
#ifndef ABM_SUMMARY_H
#define ABM_SUMMARY_H

#include "money.h"

typedef enum AbmFieldKind
{
	ABM_FIELD_COUNT,			/* int64 >= 0 */
	ABM_FIELD_MONEY,			/* int128 >= 0, units of 10^-hdr.scale */
	ABM_FIELD_WHOLE,			/* int128 >= 0, a whole number (microseconds) */
	ABM_FIELD_SCALE,			/* hdr.scale: binary only, the text shows it in the money */
	ABM_FIELD_FLAGS				/* hdr.flags: text through the type's flags hooks */
} AbmFieldKind;

typedef struct AbmField
{
	const char *name;			/* in the text form and in messages */
	AbmFieldKind kind;
	uint16		offset;			/* offsetof() in the summary struct */
	uint8		n;				/* elements (1: a scalar) */
	const char *each;			/* n > 1: what one element is, "stage" */
	const char *const *labels;	/* n > 1: element names, or NULL for 0..n-1 */
} AbmField;

#define ABM_FIELD(type, member, kind) \
	{ #member, (kind), offsetof(type, member), 1, NULL, NULL }
#define ABM_FIELD_NAMED(name, type, member, kind) \
	{ (name), (kind), offsetof(type, member), 1, NULL, NULL }
#define ABM_FIELD_LIST(type, member, kind, n, each, labels) \
	{ #member, (kind), offsetof(type, member), (n), (each), (labels) }
#define ABM_FIELD_SCALE_AT { "scale", ABM_FIELD_SCALE, 0, 1, NULL, NULL }

/*
 * A variable-length part after the fixed fields (a sketch), for the types
 * that need one.  The core reads, writes, merges and checks the fixed fields;
 * the tail's hooks do the rest, last in the text and binary forms.  The
 * fixed part says how long the tail is.  A hook that must grow the summary
 * returns a new one and leaves the old alone (the aggregate machinery owns
 * it and frees it).
 */
typedef struct AbmSummaryTail
{
	const char *name;			/* its field in the text form */
	/* The bytes the whole summary must have by its fixed part; 0: impossible. */
	Size		(*size) (const AbmSummaryHeader *s);
	/* Text: NULL on success, else the detail sentence of the 22P02 error. */
	const char *(*parse) (const char *value, int len, AbmSummaryHeader **s);
	void		(*append) (StringInfo buf, const AbmSummaryHeader *s);
	/* Binary: recv reads the rest of buf; NULL on success, else the 22P03 detail. */
	void		(*send) (StringInfo buf, const AbmSummaryHeader *s);
	const char *(*recv) (StringInfo buf, AbmSummaryHeader **s);
	/* Adds (sign 1) or removes (sign -1) other's tail. */
	AbmSummaryHeader *(*merge) (AbmSummaryHeader *s, const AbmSummaryHeader *other, int sign);
} AbmSummaryTail;

typedef struct AbmSummaryType
{
	const char *name;			/* the SQL type name */
	Size		size;			/* with a tail: the size of an empty one */
	const AbmField *fields;		/* in text order */
	int			nfields;

	/*
	 * Binary order as indexes into fields (NULL: text order).  From position
	 * interleave_from on (0: never), fields of n elements are sent element by
	 * element: all fields' element 0, then all fields' element 1, ...
	 */
	const uint8 *binary_order;
	int			interleave_from;

	/* The money fields: one int128 array sharing hdr.scale (0 fields: none). */
	uint16		money_offset;
	uint8		money_fields;

	/* KPI invariants beyond "nothing is negative": NULL when valid. */
	const char *(*problem) (const AbmSummaryHeader *s);

	/* hdr.flags in the text form (types with an ABM_FIELD_FLAGS field). */
	bool		(*flags_parse) (const char *value, int len, uint8 *flags);
	void		(*flags_append) (StringInfo buf, uint8 flags);
	const char *flags_expected; /* what the text should have been */

	/*
	 * Merging: before (false: the other summary adds nothing) and after the
	 * fields were added, for types whose flags take part.
	 */
	bool		(*merge_begin) (AbmSummaryHeader *s, const AbmSummaryHeader *other);
	void		(*merge_end) (AbmSummaryHeader *s, int sign);

	/* A variable-length part after the fields, or NULL. */
	const AbmSummaryTail *tail;
} AbmSummaryType;

#define ABM_FIELDS(array) (array), lengthof(array)

/*
 * Argument argno as a summary of type t, read-only or ready to be changed
 * (like abm_summary_read and abm_summary_for_update, for types with a tail
 * too).
 */
extern AbmSummaryHeader *abm_summary_read_type(FunctionCallInfo fcinfo, int argno,
											   const AbmSummaryType *t);
extern AbmSummaryHeader *abm_summary_update_type(FunctionCallInfo fcinfo, int argno,
												 const AbmSummaryType *t);

/* I/O */
extern Datum abm_summary_in(FunctionCallInfo fcinfo, const AbmSummaryType *t);
extern Datum abm_summary_out(FunctionCallInfo fcinfo, const AbmSummaryType *t);
extern Datum abm_summary_send(FunctionCallInfo fcinfo, const AbmSummaryType *t);
extern Datum abm_summary_recv(FunctionCallInfo fcinfo, const AbmSummaryType *t);

/*
 * Adds (sign 1) or, for rollup() over a moving window, removes (sign -1) the
 * summary in argument 1 to the one in argument 0: as one unit of rollup()
 * input, or as a partial state to combine.
 */
extern Datum abm_summary_merge(FunctionCallInfo fcinfo, const AbmSummaryType *t,
							   int sign, bool as_one_unit);

/* Why a summary is not valid, or NULL: input, recv and removal share it. */
extern const char *abm_summary_problem(const AbmSummaryType *t, const AbmSummaryHeader *s);

/*
 * After an inverse transition: a moving window removes only rows it added,
 * so only a direct call can get here with a broken summary (22023).
 */
extern void abm_summary_check_removal(const AbmSummaryType *t, const AbmSummaryHeader *s);

/* Parses a plain unsigned decimal int64 of exactly len bytes. */
extern bool summary_parse_count(const char *str, int len, int64 *out);

/*
 * The SQL-callable I/O and merge functions of a type: prefix_in, _out,
 * _send, _recv; and the combine, rollup and subtract functions.
 */
#define ABM_SUMMARY_IO(prefix, type) \
	ABM_SQL_FUNCTION(prefix##_in, abm_summary_in(fcinfo, &(type))) \
	ABM_SQL_FUNCTION(prefix##_out, abm_summary_out(fcinfo, &(type))) \
	ABM_SQL_FUNCTION(prefix##_send, abm_summary_send(fcinfo, &(type))) \
	ABM_SQL_FUNCTION(prefix##_recv, abm_summary_recv(fcinfo, &(type)))

#define ABM_SUMMARY_MERGE(combine, rollup, subtract, type) \
	ABM_SQL_FUNCTION(combine, abm_summary_merge(fcinfo, &(type), 1, false)) \
	ABM_SQL_FUNCTION(rollup, abm_summary_merge(fcinfo, &(type), 1, true)) \
	ABM_SQL_FUNCTION(subtract, abm_summary_merge(fcinfo, &(type), -1, true))

#endif							/* ABM_SUMMARY_H */
