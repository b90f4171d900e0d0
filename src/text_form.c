/*
 * text_form.c: the "v1 name=value ..." reader and writer of text_form.h.
 *
 * Input functions are reachable by any user with any bytes: every value is
 * checked for its characters, its range and its end before it is used.
 */
#include "text_form.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "mb/pg_wchar.h"

void
abm_text_form_init(AbmTextForm *r, FunctionCallInfo fcinfo, const char *type_name)
{
	r->input = PG_GETARG_CSTRING(0);
	r->type_name = type_name;
	r->pos = r->input;
	r->escontext = fcinfo->context;
}

bool
abm_text_form_error(AbmTextForm *r, const char *detail_fmt,...)
{
	va_list		args;

	va_start(args, detail_fmt);
	abm_input_error_va(r->escontext, ERRCODE_INVALID_TEXT_REPRESENTATION, r->type_name, r->input,
					   detail_fmt, args);
	va_end(args);
	return false;
}

bool
abm_text_form_begin(AbmTextForm *r)
{
	while (*r->pos == ' ')
		r->pos++;
	if (strncmp(r->pos, "v1", 2) != 0 || (r->pos[2] != ' ' && r->pos[2] != '\0'))
		return abm_text_form_error(r, "A %s starts with its format version \"v1\".", r->type_name);
	r->pos += 2;
	return true;
}

bool
abm_text_form_next_is(const AbmTextForm *r, const char *name)
{
	size_t		len = strlen(name);

	return r->pos[0] == ' ' && strncmp(r->pos + 1, name, len) == 0 && r->pos[1 + len] == '=';
}

/* Reads " name=" and sets the value's bytes and length (never 0). */
static bool
read_field(AbmTextForm *r, const char *name, const char **value, int *len)
{
	if (!abm_text_form_next_is(r, name))
		return abm_text_form_error(r, "Expected field \"%s=\" at \"%s\".", name, r->pos);
	*value = r->pos + 1 + strlen(name) + 1;
	r->pos = *value;
	while (*r->pos != ' ' && *r->pos != '\0')
		r->pos++;
	*len = (int) (r->pos - *value);
	if (*len == 0)
		return abm_text_form_error(r, "Field \"%s\" has no value.", name);
	return true;
}

/* Decimal digits with an optional '-', into an int128 within +-limit. */
static bool
parse_int128(const char *str, int len, bool allow_negative, int128 limit, int128 *out)
{
	bool		negative = allow_negative && len > 1 && str[0] == '-';
	int128		value = 0;

	for (int i = negative ? 1 : 0; i < len; i++)
	{
		if (str[i] < '0' || str[i] > '9')
			return false;
		/* value * 10 + digit <= limit, without overflowing */
		if (value > (limit - (str[i] - '0')) / 10)
			return false;
		value = value * 10 + (str[i] - '0');
	}
	if (len == (negative ? 1 : 0))
		return false;
	*out = negative ? -value : value;
	return true;
}

#define INT128_MAX_VALUE ((int128) (((uint128) 1 << 127) - 1))

bool
abm_text_form_int64(AbmTextForm *r, const char *name, bool allow_negative, int64 *out)
{
	const char *value;
	int			len;
	int128		v;

	if (!read_field(r, name, &value, &len))
		return false;
	if (!parse_int128(value, len, allow_negative, PG_INT64_MAX, &v))
		return abm_text_form_error(r, "Field \"%s\" must be a whole number from %s to " INT64_FORMAT ", got \"%.*s\".",
								   name, allow_negative ? "-9223372036854775807" : "0",
								   PG_INT64_MAX, len, value);
	*out = (int64) v;
	return true;
}

bool
abm_text_form_int128(AbmTextForm *r, const char *name, bool allow_negative, int128 *out)
{
	const char *value;
	int			len;

	if (!read_field(r, name, &value, &len))
		return false;
	if (!parse_int128(value, len, allow_negative, INT128_MAX_VALUE, out))
		return abm_text_form_error(r, "Field \"%s\" must be a%s whole number of at most 2^127 - 1 in magnitude, got \"%.*s\".",
								   name, allow_negative ? "" : " non-negative", len, value);
	return true;
}

bool
abm_text_form_float8(AbmTextForm *r, const char *name, double *out)
{
	const char *value;
	int			len;
	char	   *copy;
	char	   *end;
	double		v;

	if (!read_field(r, name, &value, &len))
		return false;
	/* Only what float8 output writes: no spaces, names of specials or hex. */
	if (strspn(value, "0123456789.eE+-") < (size_t) len)
		return abm_text_form_error(r, "Field \"%s\" must be a finite number, got \"%.*s\".",
								   name, len, value);
	copy = pnstrdup(value, len);
	errno = 0;
	v = strtod(copy, &end);
	/* Underflow to zero or a subnormal is a value float8 output can write. */
	if (end != copy + len || !isfinite(v))
		return abm_text_form_error(r, "Field \"%s\" must be a finite number within the range of double precision, got \"%.*s\".",
								   name, len, value);
	*out = v;
	return true;
}

bool
abm_text_form_end(AbmTextForm *r)
{
	const char *rest = r->pos;

	while (*rest == ' ')
		rest++;
	if (*rest != '\0')
		return abm_text_form_error(r, "Unexpected text after the last field: \"%s\".", rest);
	return true;
}

void
abm_append_float8(StringInfo buf, double value)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(value, digits);
	appendStringInfoString(buf, digits);
}
