/*
 * abm.c: module magic and the helpers every summary type shares.
 */
#include "abm.h"

#include "mb/pg_wchar.h"


PG_MODULE_MAGIC;

AbmSummaryHeader *
abm_summary_new(Size size)
{
	AbmSummaryHeader *s = (AbmSummaryHeader *) palloc0(size);

	SET_VARSIZE(s, size);
	s->version = ABM_FORMAT_V1;
	return s;
}

AbmSummaryHeader *
abm_summary_read(FunctionCallInfo fcinfo, int argno, Size size)
{
	AbmSummaryHeader *s = (AbmSummaryHeader *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	/*
	 * Only abm's own input, recv and aggregate functions make summaries, so
	 * this can fail only on a value written by a later format version (or on
	 * corruption): refuse it rather than misread it.
	 */
	if (s->version != ABM_FORMAT_V1 || VARSIZE(s) != size)
		abm_unsupported_format(s);
	return s;
}

AbmSummaryHeader *
abm_summary_copy(FunctionCallInfo fcinfo, int argno, Size size)
{
	AbmSummaryHeader *s = abm_summary_read(fcinfo, argno, size);
	AbmSummaryHeader *copy = (AbmSummaryHeader *) palloc(size);

	memcpy(copy, s, size);
	return copy;
}

/*
 * Moving-window aggregates only ever remove rows they added, so this is a
 * direct call with arguments that do not match the state: a user error, not
 * an internal one (the state passed in was copied, so nothing is damaged).
 */
void
abm_removal_error(const char *type_name, const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot remove from a %s what was never added to it", type_name),
			 errdetail("%s", problem),
			 errhint("The inverse transition functions undo earlier additions, for moving-window aggregates.")));
}

void
abm_input_error_va(Node *escontext, int sqlstate, const char *type_name,
				   const char *input, const char *detail_fmt, va_list args)
{
	char		detail[256];

	vsnprintf(detail, sizeof(detail), detail_fmt, args);

	/*
	 * The detail quotes part of the input, and vsnprintf may have cut it in
	 * the middle of a multibyte character: end it at a character boundary,
	 * or the message is not valid in the server encoding, and a client with
	 * another encoding gets a conversion error (22021) instead of this one.
	 */
	detail[pg_mbcliplen(detail, strlen(detail), sizeof(detail) - 1)] = '\0';
	if (sqlstate == ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE)
		errsave(escontext,
				(errcode(sqlstate),
				 errmsg("value \"%s\" is out of range for type %s", input, type_name),
				 errdetail("%s", detail)));
	else
		errsave(escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", type_name, input),
				 errdetail("%s", detail)));
}

void
abm_unsupported_format(const AbmSummaryHeader *s)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("abm summary has unsupported format version %d or size %u",
					s->version, (unsigned) VARSIZE(s)),
			 errhint("This release of abm reads format version %d.", ABM_FORMAT_V1)));
}

void
abm_recv_error(const char *type_name, const char *detail_fmt,...)
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
abm_count_overflow(int64 a, int64 b, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s out of range: " INT64_FORMAT " + " INT64_FORMAT " exceeds the 64-bit count limit",
					what, a, b)));
}
