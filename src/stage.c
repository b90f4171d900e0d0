/*
 * stage.c: the abm_stage type: I/O, comparison, hashing, position casts.
 */
#include "stage.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

const char *const abm_stage_names[ABM_STAGE_COUNT] = {
	"target", "engaged", "opportunity", "won", "retained", "expanded"
};

#define STAGE_NAME_LIST "target, engaged, opportunity, won, retained, expanded"

const char *
abm_stage_name(AbmStage stage)
{
	Assert(stage >= STAGE_TARGET && stage <= STAGE_EXPANDED);
	return abm_stage_names[stage - 1];
}

AbmStage
abm_stage_check_position(int64 position)
{
	if (position < STAGE_TARGET || position > STAGE_EXPANDED)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("abm_stage position " INT64_FORMAT " is out of range", position),
				 errdetail("Funnel positions run from 1 (target) to 6 (expanded).")));
	return (AbmStage) position;
}

PG_FUNCTION_INFO_V1(abm_stage_in);
Datum
abm_stage_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	const char *start = input;
	const char *end;

	/* Case-insensitive, surrounding white space allowed. */
	while (isspace((unsigned char) *start))
		start++;
	end = start + strlen(start);
	while (end > start && isspace((unsigned char) end[-1]))
		end--;

	for (int stage = STAGE_TARGET; stage <= STAGE_EXPANDED; stage++)
	{
		if (strlen(abm_stage_names[stage - 1]) == (size_t) (end - start) &&
			pg_strncasecmp(start, abm_stage_names[stage - 1], end - start) == 0)
			PG_RETURN_ABM_STAGE(stage);
	}
	/* Soft (PostgreSQL 16+) when the caller passed an ErrorSaveContext. */
	errsave(fcinfo->context,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input value for type abm_stage: \"%s\"", input),
			 errhint("The funnel stages are: " STAGE_NAME_LIST ".")));
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(abm_stage_out);
Datum
abm_stage_out(PG_FUNCTION_ARGS)
{
	AbmStage	stage = PG_GETARG_ABM_STAGE(0);

	if (stage < STAGE_TARGET || stage > STAGE_EXPANDED)
		elog(ERROR, "corrupt abm_stage value %d", (int) stage);
	PG_RETURN_CSTRING(pstrdup(abm_stage_names[stage - 1]));
}

PG_FUNCTION_INFO_V1(abm_stage_send);
Datum
abm_stage_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, (uint8) PG_GETARG_ABM_STAGE(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(abm_stage_recv);
Datum
abm_stage_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			position;

	/* Exactly one byte; checked first so a short value is 22P03, not 08P01. */
	if (buf->len - buf->cursor != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type abm_stage: %d bytes, expected 1",
						buf->len - buf->cursor)));
	position = pq_getmsgbyte(buf);
	if (position < STAGE_TARGET || position > STAGE_EXPANDED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type abm_stage: position %d", position),
				 errdetail("Funnel positions run from 1 (target) to 6 (expanded).")));
	PG_RETURN_ABM_STAGE(position);
}

PG_FUNCTION_INFO_V1(abm_stage_position);
Datum
abm_stage_position(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) PG_GETARG_ABM_STAGE(0));
}

PG_FUNCTION_INFO_V1(abm_stage_from_position);
Datum
abm_stage_from_position(PG_FUNCTION_ARGS)
{
	PG_RETURN_ABM_STAGE(abm_stage_check_position(PG_GETARG_INT32(0)));
}

/* Comparison: the stored byte is the position, so compare bytes. */
#define STAGE_COMPARISON(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_ABM_STAGE(0) op PG_GETARG_ABM_STAGE(1)); \
}

STAGE_COMPARISON(abm_stage_lt, <)
STAGE_COMPARISON(abm_stage_le, <=)
STAGE_COMPARISON(abm_stage_eq, ==)
STAGE_COMPARISON(abm_stage_ne, !=)
STAGE_COMPARISON(abm_stage_ge, >=)
STAGE_COMPARISON(abm_stage_gt, >)

PG_FUNCTION_INFO_V1(abm_stage_cmp);
Datum
abm_stage_cmp(PG_FUNCTION_ARGS)
{
	int			a = PG_GETARG_ABM_STAGE(0);
	int			b = PG_GETARG_ABM_STAGE(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

PG_FUNCTION_INFO_V1(abm_stage_hash);
Datum
abm_stage_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_ABM_STAGE(0));
}

PG_FUNCTION_INFO_V1(abm_stage_hash_extended);
Datum
abm_stage_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_ABM_STAGE(0), PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(abm_stage_smaller);
Datum
abm_stage_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_ABM_STAGE(Min(PG_GETARG_ABM_STAGE(0), PG_GETARG_ABM_STAGE(1)));
}

PG_FUNCTION_INFO_V1(abm_stage_larger);
Datum
abm_stage_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_ABM_STAGE(Max(PG_GETARG_ABM_STAGE(0), PG_GETARG_ABM_STAGE(1)));
}
