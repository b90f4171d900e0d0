/*
 * text_form.h: reading and writing the "v1 name=value ..." text form of
 * types whose fields the summary core (summary.h) does not describe: signed
 * 128-bit sums and float8 statistics (measure_summary, engagement_state).
 *
 * The form is the core's: the version "v1" first, then fields in a fixed
 * order, each " name=value".  A type may choose between field lists by
 * peeking at the next name.  Every error is 22P02, quotes the input and says
 * what was expected; on PostgreSQL 16 and later it is reported softly through
 * the caller's ErrorSaveContext when there is one (the reader functions then
 * return false).
 */
#ifndef ABM_TEXT_FORM_H
#define ABM_TEXT_FORM_H

#include "abm.h"
#include "lib/stringinfo.h"

typedef struct AbmTextForm
{
	const char *input;			/* the whole input, for messages */
	const char *type_name;
	const char *pos;			/* next unread byte */
	Node	   *escontext;		/* soft errors (PostgreSQL 16+), or NULL */
} AbmTextForm;

extern void abm_text_form_init(AbmTextForm *r, FunctionCallInfo fcinfo, const char *type_name);
extern bool abm_text_form_error(AbmTextForm *r, const char *detail_fmt,...) pg_attribute_printf(2, 3);

/* "v1" */
extern bool abm_text_form_begin(AbmTextForm *r);

/* Is the next field called name? */
extern bool abm_text_form_next_is(const AbmTextForm *r, const char *name);

/* One field; a whole number may be signed only when allow_negative. */
extern bool abm_text_form_int64(AbmTextForm *r, const char *name, bool allow_negative, int64 *out);
extern bool abm_text_form_int128(AbmTextForm *r, const char *name, bool allow_negative, int128 *out);
/* A finite float8 in plain or exponent notation (no "NaN", "Infinity", hex). */
extern bool abm_text_form_float8(AbmTextForm *r, const char *name, double *out);

/* Only spaces may follow the last field. */
extern bool abm_text_form_end(AbmTextForm *r);

/* Output: the shortest text that reads back to exactly this float8. */
extern void abm_append_float8(StringInfo buf, double value);

#endif							/* ABM_TEXT_FORM_H */
