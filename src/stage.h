/*
 * stage.h: abm_stage, the six ordered stages of the ABM funnel.
 *
 * Stored as one byte, the stage's position 1..6, so that ordering,
 * comparison and hashing are plain integer operations.
 */
#ifndef ABM_STAGE_H
#define ABM_STAGE_H

#include "abm.h"

typedef enum AbmStage
{
	STAGE_TARGET = 1,
	STAGE_ENGAGED,
	STAGE_OPPORTUNITY,
	STAGE_WON,
	STAGE_RETAINED,
	STAGE_EXPANDED
} AbmStage;

#define ABM_STAGE_COUNT 6

#define DatumGetAbmStage(d) ((AbmStage) DatumGetUInt8(d))
#define AbmStageGetDatum(s) UInt8GetDatum((uint8) (s))
#define PG_GETARG_ABM_STAGE(n) DatumGetAbmStage(PG_GETARG_DATUM(n))
#define PG_RETURN_ABM_STAGE(s) return AbmStageGetDatum(s)

/* The stages' lower-case names, in funnel order (index = position - 1). */
extern const char *const abm_stage_names[ABM_STAGE_COUNT];

/* The lower-case name of a stage; position must be 1..6. */
extern const char *abm_stage_name(AbmStage stage);

/* 22003 unless 1 <= position <= 6. */
extern AbmStage abm_stage_check_position(int64 position);

#endif							/* ABM_STAGE_H */
