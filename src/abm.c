/*
 * abm.c: module magic and the helpers every summary type shares.
 */
#include "abm.h"


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
abm_summary_copy(FunctionCallInfo fcinfo, int argno, Size size)
{
	AbmSummaryHeader *s = abm_summary_read(fcinfo, argno, size);
	AbmSummaryHeader *copy = (AbmSummaryHeader *) palloc(size);

	memcpy(copy, s, size);
	return copy;
}

void
abm_count_overflow(int64 a, int64 b, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s out of range: " INT64_FORMAT " + " INT64_FORMAT " exceeds the 64-bit count limit",
					what, a, b)));
}
