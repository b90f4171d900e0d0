/*
 * summary.c: text and binary I/O, merging and consistency checks of every
 * summary type, driven by the type's field description (summary.h).
 *
 * Input functions are reachable by any user with any bytes, so the readers
 * check everything and never trust a length or a count they were given.
 */
#include "summary.h"

#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"

#define FIELD_AT(s, f, i, type) (((type *) ((char *) (s) + (f)->offset))[i])
#define MONEY_OF(t, s) ((int128 *) ((char *) (s) + (t)->money_offset))

/* Bytes of one element of a field in the binary form. */
static int
field_width(const AbmField *f)
{
	switch (f->kind)
	{
		case ABM_FIELD_COUNT:
			return 8;
		case ABM_FIELD_MONEY:
		case ABM_FIELD_WHOLE:
			return 16;
		case ABM_FIELD_SCALE:
			return 2;
		case ABM_FIELD_FLAGS:
			return 1;
	}
	pg_unreachable();
}

/* "stage won" or "score 3": element i of a list field, for messages. */
static char *
element_label(const AbmField *f, int i)
{
	return f->labels ? psprintf("%s %s", f->each, f->labels[i])
		: psprintf("%s %d", f->each, i);
}

/* ---------------------------------------------------------------------
 * Reading arguments
 */

AbmSummaryHeader *
abm_summary_read_type(FunctionCallInfo fcinfo, int argno, const AbmSummaryType *t)
{
	AbmSummaryHeader *s;

	if (t->tail == NULL)
		return abm_summary_read(fcinfo, argno, t->size);
	s = (AbmSummaryHeader *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	/* As abm_summary_read: only a later format version or corruption fails. */
	if (s->version != ABM_FORMAT_V1 || VARSIZE(s) < t->size || VARSIZE(s) != t->tail->size(s))
		abm_unsupported_format(s);
	return s;
}

AbmSummaryHeader *
abm_summary_update_type(FunctionCallInfo fcinfo, int argno, const AbmSummaryType *t)
{
	AbmSummaryHeader *s;
	AbmSummaryHeader *copy;

	if (t->tail == NULL)
		return abm_summary_for_update(fcinfo, argno, t->size);
	if (fcinfo->context != NULL &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState)))
		return (AbmSummaryHeader *) DatumGetPointer(PG_GETARG_DATUM(argno));
	s = abm_summary_read_type(fcinfo, argno, t);
	copy = (AbmSummaryHeader *) palloc(VARSIZE(s));
	memcpy(copy, s, VARSIZE(s));
	return copy;
}

/* ---------------------------------------------------------------------
 * Consistency
 */

const char *
abm_summary_problem(const AbmSummaryType *t, const AbmSummaryHeader *s)
{
	if (t->money_fields > 0 && (s->scale < 0 || s->scale > ABM_MONEY_MAX_SCALE))
		return psprintf("Money scale %d is outside 0..%d.", s->scale, ABM_MONEY_MAX_SCALE);
	for (int k = 0; k < t->nfields; k++)
	{
		const AbmField *f = &t->fields[k];

		for (int i = 0; i < f->n; i++)
		{
			bool		negative = f->kind == ABM_FIELD_COUNT ? FIELD_AT(s, f, i, int64) < 0
				: (f->kind == ABM_FIELD_MONEY || f->kind == ABM_FIELD_WHOLE) &&
				FIELD_AT(s, f, i, int128) < 0;

			if (!negative)
				continue;
			if (f->n == 1)
				return psprintf("%s must not be negative.", f->name);
			return psprintf("%s of %s must not be negative.", f->name, element_label(f, i));
		}
	}
	return t->problem ? t->problem(s) : NULL;
}

void
abm_summary_check_removal(const AbmSummaryType *t, const AbmSummaryHeader *s)
{
	const char *problem = abm_summary_problem(t, s);

	if (problem != NULL)
		abm_removal_error(t->name, problem);
}

/* ---------------------------------------------------------------------
 * Text form
 */

typedef struct TextReader
{
	const char *input;			/* the whole input, for messages */
	const AbmSummaryType *t;
	const char *pos;			/* next unread byte */
	Node	   *escontext;		/* soft errors (PostgreSQL 16+), or NULL */
} TextReader;

/*
 * Reports 22P02 for this input with a detail sentence: raised, or saved in
 * the caller's ErrorSaveContext, in which case it returns false.
 */
static bool text_error(TextReader *r, const char *detail_fmt,...) pg_attribute_printf(2, 3);

static bool
text_error(TextReader *r, const char *detail_fmt,...)
{
	va_list		args;

	va_start(args, detail_fmt);
	abm_input_error_va(r->escontext, ERRCODE_INVALID_TEXT_REPRESENTATION, r->t->name, r->input,
					   detail_fmt, args);
	va_end(args);
	return false;
}

static bool
text_begin(TextReader *r)
{
	while (*r->pos == ' ')
		r->pos++;
	if (strncmp(r->pos, "v1", 2) != 0 || (r->pos[2] != ' ' && r->pos[2] != '\0'))
		return text_error(r, "A %s starts with its format version \"v1\".", r->t->name);
	r->pos += 2;
	return true;
}

/* Reads " name=" and sets the value's bytes and length. */
static bool
text_field(TextReader *r, const char *name, const char **value, int *len)
{
	size_t		name_len = strlen(name);

	if (*r->pos != ' ' || strncmp(r->pos + 1, name, name_len) != 0 ||
		r->pos[1 + name_len] != '=')
		return text_error(r, "Expected field \"%s=\" at \"%s\".", name, r->pos);
	*value = r->pos + 1 + name_len + 1;
	r->pos = *value;
	while (*r->pos != ' ' && *r->pos != '\0')
		r->pos++;
	*len = (int) (r->pos - *value);
	if (*len == 0)
		return text_error(r, "Field \"%s\" has no value.", name);
	return true;
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

/* One count or whole number of a field, len bytes at str. */
static bool
parse_whole(const AbmField *f, const char *str, int len, AbmSummaryHeader *s, int i)
{
	AbmAmount	a;

	if (f->kind == ABM_FIELD_COUNT)
		return summary_parse_count(str, len, &FIELD_AT(s, f, i, int64));
	if (!abm_money_parse(str, len, &a) || a.scale != 0)
		return false;
	FIELD_AT(s, f, i, int128) = a.units;
	return true;
}

/* "a,b,c": the n elements of a list field. */
static bool
text_list(TextReader *r, const AbmField *f, const char *value, int len, AbmSummaryHeader *s)
{
	for (int i = 0; i < f->n; i++)
	{
		const char *comma = memchr(value, ',', len);
		int			item_len = (i < f->n - 1) ? (comma ? (int) (comma - value) : -1) : len;

		if (item_len <= 0 || !parse_whole(f, value, item_len, s, i))
			return text_error(r, "Field \"%s\" must be %d comma-separated whole numbers, one per %s.",
							  f->name, f->n, f->each);
		value += item_len + 1;
		len -= item_len + 1;
	}
	return true;
}

static bool
text_money(TextReader *r, const AbmField *f, const char *value, int len, AbmSummaryHeader *s)
{
	const AbmSummaryType *t = r->t;
	AbmAmount	amount;

	if (!abm_money_parse(value, len, &amount))
		return text_error(r, "Field \"%s\" must be a non-negative plain decimal with at most %d decimal places whose digits fit in 128 bits, got \"%.*s\".",
						  f->name, ABM_MONEY_MAX_SCALE, len, value);
	/* Each value brings its own scale; the fields share the largest. */
	abm_money_add_amount(MONEY_OF(t, s), t->money_fields, &s->scale,
						 (f->offset - t->money_offset) / sizeof(int128), amount);
	return true;
}

static bool
text_read_field(TextReader *r, const AbmField *f, AbmSummaryHeader *s)
{
	const char *value = NULL;	/* set by text_field() when it returns true */
	int			len = 0;

	if (!text_field(r, f->name, &value, &len))
		return false;
	if (f->n > 1)
		return text_list(r, f, value, len, s);
	switch (f->kind)
	{
		case ABM_FIELD_MONEY:
			return text_money(r, f, value, len, s);
		case ABM_FIELD_FLAGS:
			if (!r->t->flags_parse(value, len, &s->flags))
				return text_error(r, "Field \"%s\" must be %s, got \"%.*s\".",
								  f->name, r->t->flags_expected, len, value);
			return true;
		default:
			if (!parse_whole(f, value, len, s, 0))
				return text_error(r, "Field \"%s\" must be a whole number from 0 to " INT64_FORMAT ", got \"%.*s\".",
								  f->name, PG_INT64_MAX, len, value);
			return true;
	}
}

static bool
text_end(TextReader *r)
{
	const char *rest = r->pos;

	while (*rest == ' ')
		rest++;
	if (*rest != '\0')
		return text_error(r, "Unexpected text after the last field: \"%s\".", rest);
	return true;
}

static bool
text_read_tail(TextReader *r, AbmSummaryHeader **s)
{
	const char *value = NULL;	/* set by text_field() when it returns true */
	int			len = 0;
	const char *detail;

	if (!text_field(r, r->t->tail->name, &value, &len))
		return false;
	if ((detail = r->t->tail->parse(value, len, s)) != NULL)
		return text_error(r, "%s", detail);
	return true;
}

Datum
abm_summary_in(FunctionCallInfo fcinfo, const AbmSummaryType *t)
{
	AbmSummaryHeader *s = abm_summary_new(t->size);
	TextReader	r = {PG_GETARG_CSTRING(0), t, PG_GETARG_CSTRING(0), fcinfo->context};
	const char *problem;

	if (!text_begin(&r))
		return (Datum) 0;
	for (int k = 0; k < t->nfields; k++)
		if (t->fields[k].kind != ABM_FIELD_SCALE && !text_read_field(&r, &t->fields[k], s))
			return (Datum) 0;
	if (t->tail && !text_read_tail(&r, &s))
		return (Datum) 0;
	if (!text_end(&r))
		return (Datum) 0;
	if ((problem = abm_summary_problem(t, s)) != NULL)
	{
		text_error(&r, "%s", problem);
		return (Datum) 0;
	}
	PG_RETURN_POINTER(s);
}

static void
append_element(StringInfo buf, const AbmField *f, const AbmSummaryHeader *s, int i)
{
	switch (f->kind)
	{
		case ABM_FIELD_COUNT:
			appendStringInfo(buf, INT64_FORMAT, FIELD_AT(s, f, i, int64));
			break;
		case ABM_FIELD_MONEY:
			abm_money_append(buf, FIELD_AT(s, f, i, int128), s->scale);
			break;
		case ABM_FIELD_WHOLE:
			abm_money_append(buf, FIELD_AT(s, f, i, int128), 0);
			break;
		case ABM_FIELD_FLAGS:
			break;				/* the type's own hook */
		case ABM_FIELD_SCALE:
			break;				/* binary only */
	}
}

Datum
abm_summary_out(FunctionCallInfo fcinfo, const AbmSummaryType *t)
{
	AbmSummaryHeader *s = abm_summary_read_type(fcinfo, 0, t);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "v1");
	for (int k = 0; k < t->nfields; k++)
	{
		const AbmField *f = &t->fields[k];

		if (f->kind == ABM_FIELD_SCALE)
			continue;
		appendStringInfo(&buf, " %s=", f->name);
		if (f->kind == ABM_FIELD_FLAGS)
			t->flags_append(&buf, s->flags);
		for (int i = 0; i < f->n; i++)
		{
			if (i > 0)
				appendStringInfoChar(&buf, ',');
			append_element(&buf, f, s, i);
		}
	}
	if (t->tail)
	{
		appendStringInfo(&buf, " %s=", t->tail->name);
		t->tail->append(&buf, s);
	}
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------------
 * Binary form
 */

/* Field k of the binary order. */
static const AbmField *
binary_field(const AbmSummaryType *t, int k)
{
	return &t->fields[t->binary_order ? t->binary_order[k] : k];
}

/*
 * Calls visit on every element in binary order: the fields before
 * interleave_from whole, then the rest element by element.
 */
typedef void (*ElementVisitor) (StringInfo buf, const AbmField *f, AbmSummaryHeader *s, int i);

static void
binary_walk(const AbmSummaryType *t, StringInfo buf, AbmSummaryHeader *s, ElementVisitor visit)
{
	int			plain = t->interleave_from > 0 ? t->interleave_from : t->nfields;
	int			rounds = 0;

	for (int k = 0; k < plain; k++)
		for (int i = 0; i < binary_field(t, k)->n; i++)
			visit(buf, binary_field(t, k), s, i);
	for (int k = plain; k < t->nfields; k++)
		rounds = Max(rounds, binary_field(t, k)->n);
	for (int i = 0; i < rounds; i++)
		for (int k = plain; k < t->nfields; k++)
			if (i < binary_field(t, k)->n)
				visit(buf, binary_field(t, k), s, i);
}

static void
send_element(StringInfo buf, const AbmField *f, AbmSummaryHeader *s, int i)
{
	switch (f->kind)
	{
		case ABM_FIELD_COUNT:
			pq_sendint64(buf, FIELD_AT(s, f, i, int64));
			break;
		case ABM_FIELD_MONEY:
		case ABM_FIELD_WHOLE:
			abm_money_send(buf, FIELD_AT(s, f, i, int128));
			break;
		case ABM_FIELD_SCALE:
			pq_sendint16(buf, s->scale);
			break;
		case ABM_FIELD_FLAGS:
			pq_sendbyte(buf, s->flags);
			break;
	}
}

static void
recv_element(StringInfo buf, const AbmField *f, AbmSummaryHeader *s, int i)
{
	switch (f->kind)
	{
		case ABM_FIELD_COUNT:
			FIELD_AT(s, f, i, int64) = pq_getmsgint64(buf);
			break;
		case ABM_FIELD_MONEY:
		case ABM_FIELD_WHOLE:
			FIELD_AT(s, f, i, int128) = abm_money_recv(buf);
			break;
		case ABM_FIELD_SCALE:
			s->scale = (int16) pq_getmsgint(buf, 2);
			break;
		case ABM_FIELD_FLAGS:
			s->flags = (uint8) pq_getmsgbyte(buf);
			break;
	}
}

Datum
abm_summary_send(FunctionCallInfo fcinfo, const AbmSummaryType *t)
{
	AbmSummaryHeader *s = abm_summary_read_type(fcinfo, 0, t);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ABM_FORMAT_V1);
	binary_walk(t, &buf, s, send_element);
	if (t->tail)
		t->tail->send(&buf, s);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}


/*
 * Checks the version and that exactly the bytes of this version (version
 * included) are there before reading any field, so a truncated or padded
 * value is a 22P03 error, not a protocol error.
 */
Datum
abm_summary_recv(FunctionCallInfo fcinfo, const AbmSummaryType *t)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	AbmSummaryHeader *s = abm_summary_new(t->size);
	int			left = buf->len - buf->cursor;
	int			length = 1;
	int			version;
	const char *problem;

	for (int k = 0; k < t->nfields; k++)
		length += field_width(&t->fields[k]) * t->fields[k].n;
	if (left < 1)
		abm_recv_error(t->name, "The value is empty.");
	version = pq_getmsgbyte(buf);
	if (version != ABM_FORMAT_V1)
		abm_recv_error(t->name, "Format version %d is not one this release reads (%d).",
				   version, ABM_FORMAT_V1);
	if (t->tail ? left < length : left != length)
		abm_recv_error(t->name, "The value has %d bytes; a version %d value has %s%d.",
				   left, ABM_FORMAT_V1, t->tail ? "at least " : "", length);
	binary_walk(t, buf, s, recv_element);
	if (t->tail && (problem = t->tail->recv(buf, &s)) != NULL)
		abm_recv_error(t->name, "%s", problem);
	if ((problem = abm_summary_problem(t, s)) != NULL)
		abm_recv_error(t->name, "%s", problem);
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------------------
 * Merging
 */

static int64
merge_count(const AbmSummaryType *t, const AbmField *f, int64 a, int64 b)
{
	int64		result;

	if (unlikely(pg_add_s64_overflow(a, b, &result)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %s out of range: " INT64_FORMAT " + " INT64_FORMAT " exceeds the 64-bit count limit",
						t->name, f->name, a, b)));
	return result;
}

Datum
abm_summary_merge(FunctionCallInfo fcinfo, const AbmSummaryType *t, int sign, bool as_one_unit)
{
	AbmSummaryHeader *s = abm_summary_update_type(fcinfo, 0, t);
	AbmSummaryHeader *other = abm_summary_read_type(fcinfo, 1, t);
	int16		scale_before = s->scale;

	if (t->merge_begin && !t->merge_begin(s, other))
		PG_RETURN_POINTER(s);
	for (int k = 0; k < t->nfields; k++)
	{
		const AbmField *f = &t->fields[k];

		for (int i = 0; i < f->n; i++)
		{
			if (f->kind == ABM_FIELD_COUNT)
				FIELD_AT(s, f, i, int64) = merge_count(t, f, FIELD_AT(s, f, i, int64),
													   sign * FIELD_AT(other, f, i, int64));
			else if (f->kind == ABM_FIELD_WHOLE)
				FIELD_AT(s, f, i, int128) = abm_money_add(FIELD_AT(s, f, i, int128),
														  sign * FIELD_AT(other, f, i, int128));
		}
	}
	if (t->money_fields > 0)
	{
		int128		money[8];

		Assert(t->money_fields <= lengthof(money));
		for (int i = 0; i < t->money_fields; i++)
			money[i] = sign * MONEY_OF(t, other)[i];
		abm_money_add_sums(MONEY_OF(t, s), t->money_fields, &s->scale, money, other->scale);
	}
	if (t->tail)
		s = t->tail->merge(s, other, sign);
	if (t->merge_end)
		t->merge_end(s, sign);
	if (sign < 0)
		abm_summary_check_removal(t, s);
	if (t->money_fields > 0 && !abm_scale_merge_rows(s, scale_before, other, sign, as_one_unit))
		PG_RETURN_NULL();		/* a moving window recomputes this frame */
	PG_RETURN_POINTER(s);
}
