/*
 * summary_text.c: reading the text and binary forms of summaries.
 *
 * Input functions are reachable by any user with any bytes, so the reader
 * checks everything and never trusts a length or a count it was given.
 */
#include "summary_text.h"

#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"

void
summary_text_error(SummaryTextReader *r, const char *detail_fmt, ...)
{
	char		detail[256];
	va_list		args;

	va_start(args, detail_fmt);
	vsnprintf(detail, sizeof(detail), detail_fmt, args);
	va_end(args);

	/*
	 * The detail quotes part of the input, and vsnprintf may have cut it in
	 * the middle of a multibyte character: end it at a character boundary,
	 * or the message is not valid in the server encoding, and a client with
	 * another encoding gets a conversion error (22021) instead of this one.
	 */
	detail[pg_mbcliplen(detail, strlen(detail), sizeof(detail) - 1)] = '\0';
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", r->type_name, r->input),
			 errdetail("%s", detail)));
}

void
summary_text_begin(SummaryTextReader *r, const char *input, const char *type_name)
{
	r->input = input;
	r->type_name = type_name;
	r->pos = input;
	while (*r->pos == ' ')
		r->pos++;
	if (strncmp(r->pos, "v1", 2) != 0 || (r->pos[2] != ' ' && r->pos[2] != '\0'))
		summary_text_error(r, "A %s starts with its format version \"v1\".", type_name);
	r->pos += 2;
}

const char *
summary_text_field(SummaryTextReader *r, const char *name, int *len)
{
	size_t		name_len = strlen(name);
	const char *value;

	if (*r->pos != ' ' || strncmp(r->pos + 1, name, name_len) != 0 ||
		r->pos[1 + name_len] != '=')
		summary_text_error(r, "Expected field \"%s=\" at \"%s\".", name, r->pos);
	value = r->pos + 1 + name_len + 1;
	r->pos = value;
	while (*r->pos != ' ' && *r->pos != '\0')
		r->pos++;
	*len = (int) (r->pos - value);
	if (*len == 0)
		summary_text_error(r, "Field \"%s\" has no value.", name);
	return value;
}

bool
summary_parse_count(const char *str, int len, int64 *out)
{
	int64		value = 0;

	if (len <= 0)
		return false;
	for (int i = 0; i < len; i++)
	{
		if (str[i] < '0' || str[i] > '9')
			return false;
		if (__builtin_mul_overflow(value, 10, &value) ||
			__builtin_add_overflow(value, str[i] - '0', &value))
			return false;
	}
	*out = value;
	return true;
}

int64
summary_text_count(SummaryTextReader *r, const char *name)
{
	int			len;
	const char *value = summary_text_field(r, name, &len);
	int64		count;

	if (!summary_parse_count(value, len, &count))
		summary_text_error(r, "Field \"%s\" must be a whole number from 0 to " INT64_FORMAT ", got \"%.*s\".",
						   name, PG_INT64_MAX, len, value);
	return count;
}

AbmAmount
summary_text_money(SummaryTextReader *r, const char *name)
{
	int			len;
	const char *value = summary_text_field(r, name, &len);
	AbmAmount	amount;

	if (!abm_money_parse(value, len, &amount))
		summary_text_error(r, "Field \"%s\" must be a non-negative plain decimal with at most %d decimal places whose digits fit in 128 bits, got \"%.*s\".",
						   name, ABM_MONEY_MAX_SCALE, len, value);
	return amount;
}

void
summary_text_end(SummaryTextReader *r)
{
	const char *rest = r->pos;

	while (*rest == ' ')
		rest++;
	if (*rest != '\0')
		summary_text_error(r, "Unexpected text after the last field: \"%s\".", rest);
}

void
summary_recv_error(const char *type_name, const char *detail_fmt, ...)
{
	char		detail[256];
	va_list		args;

	va_start(args, detail_fmt);
	vsnprintf(detail, sizeof(detail), detail_fmt, args);
	va_end(args);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary value for type %s", type_name),
			 errdetail("%s", detail)));
}

void
summary_recv_begin(StringInfo buf, const char *type_name, int length)
{
	int			left = buf->len - buf->cursor;
	int			version;

	if (left < 1)
		summary_recv_error(type_name, "The value is empty.");
	version = pq_getmsgbyte(buf);
	if (version != ABM_FORMAT_V1)
		summary_recv_error(type_name, "Format version %d is not one this release reads (%d).",
						   version, ABM_FORMAT_V1);
	if (left != length)
		summary_recv_error(type_name, "The value has %d bytes; a version %d value has %d.",
						   left, ABM_FORMAT_V1, length);
}
