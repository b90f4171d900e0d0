/*
 * abm.c: module magic and the helpers every summary type shares.
 */
#include "abm.h"

#include "common/int.h"

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
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("abm summary has unsupported format version %d or size %u",
						s->version, (unsigned) VARSIZE(s)),
				 errhint("This release of abm reads format version %d.", ABM_FORMAT_V1)));
	return s;
}

AbmSummaryHeader *
abm_summary_for_update(FunctionCallInfo fcinfo, int argno, Size size)
{
	AbmSummaryHeader *s = abm_summary_read(fcinfo, argno, size);

	/*
	 * Inside an aggregate the state belongs to the executor and may be
	 * changed in place, which saves a palloc per row.  Anywhere else the
	 * argument may be a value on disk or a constant: copy it.
	 */
	if (!AggCheckCallContext(fcinfo, NULL))
	{
		AbmSummaryHeader *copy = (AbmSummaryHeader *) palloc(VARSIZE(s));

		memcpy(copy, s, VARSIZE(s));
		s = copy;
	}
	return s;
}

int64
abm_count_add(int64 a, int64 b, const char *what)
{
	int64		result;

	if (pg_add_s64_overflow(a, b, &result))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s out of range: " INT64_FORMAT " + " INT64_FORMAT " exceeds the 64-bit count limit",
						what, a, b)));
	return result;
}
