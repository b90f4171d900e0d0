/*
 * summary_text.h: the text form shared by every summary type.
 *
 *     v1 field=value field=value ...
 *
 * The version comes first, then every field of that version in a fixed
 * order, separated by single spaces.  Counts are unsigned decimal integers,
 * money is an unsigned plain decimal ("1234.50").  Anything else, a missing
 * field or a field too many is a 22P02 error that quotes the input and says
 * what was expected.
 */
#ifndef ABM_SUMMARY_TEXT_H
#define ABM_SUMMARY_TEXT_H

#include "money.h"

typedef struct SummaryTextReader
{
	const char *input;			/* the whole input, for messages */
	const char *type_name;
	const char *pos;			/* next unread byte */
} SummaryTextReader;

extern void summary_text_begin(SummaryTextReader *r, const char *input, const char *type_name);

/* Reads "name=" and returns the value's bytes and length. */
extern const char *summary_text_field(SummaryTextReader *r, const char *name, int *len);

extern int64 summary_text_count(SummaryTextReader *r, const char *name);
extern AbmAmount summary_text_money(SummaryTextReader *r, const char *name);
extern void summary_text_end(SummaryTextReader *r);

/* Raises 22P02 for this input with a detail sentence. */
extern void summary_text_error(SummaryTextReader *r, const char *detail_fmt, ...) pg_attribute_printf(2, 3);

/* Parses a plain unsigned decimal int64 of exactly len bytes. */
extern bool summary_parse_count(const char *str, int len, int64 *out);

/*
 * The binary form is the version byte and then fixed-width fields: recv
 * checks the version and that exactly "length" bytes (version included)
 * are there before reading any field, so a truncated or padded value is a
 * 22P03 error, not a protocol error.
 */
extern void summary_recv_begin(StringInfo buf, const char *type_name, int length);

/* Raises 22P03 for a binary value that is not a valid summary. */
extern void summary_recv_error(const char *type_name, const char *detail_fmt, ...) pg_attribute_printf(2, 3);

#endif							/* ABM_SUMMARY_TEXT_H */
