/*
 * account_set.h: an exact set of bigint account ids.
 *
 * A set is a sorted list of runs (inclusive ranges of consecutive ids): a
 * dense block of surrogate keys is one run, a sparse set of hashed ids one
 * run per id.
 *
 * Flat form (on disk and inside the server), a varlena:
 *   header: the varlena length, the format version byte (at the offset every
 *   abm summary keeps it), the number of ids and the number of runs;
 *   then the runs, each as
 *     head   the gap before the run and whether it holds more than one id:
 *            byte 0 = bit 0 "a run of two or more", bits 1-6 the low six
 *            bits of the gap, bit 7 "more bytes follow"; then the rest of the
 *            gap (gap >> 6) as a little-endian base-128 varint.
 *            The gap of the first run is its first id, zigzag-coded (0, -1,
 *            1, -2, ... -> 0, 1, 2, 3, ...); of a later run, first id minus
 *            the previous run's last id minus 2 (runs never touch).
 *     length a varint of (number of ids - 2), only for runs of two or more.
 *   Every set has exactly one encoding: runs are maximal, varints are never
 *   longer than needed, so two sets are equal exactly when their bytes are.
 *   A dense run costs a few bytes whatever its length; a sparse id costs
 *   the bytes of its gap (about log2(range / ids) / 7 + 1).
 *
 * Binary form (send/recv): the version byte, the number of ids and of runs
 *   (int64 each), then the encoded runs as above, to the end of the message.
 *
 * Text form: {} or {1-1000,5000,7003-7010}: runs in ascending order, a run
 *   of three or more ids as first-last, shorter runs as single ids.  Input
 *   accepts any ascending list of ids and ranges without duplicates or
 *   overlaps; touching ranges ({1-3,4-5}) are joined.
 *
 * While an aggregate runs, its state is an expanded object
 * (account_set_expanded.c): ids are appended to a buffer and merged into the
 * runs in sorted batches, so each row costs amortized O(log batch), not a
 * rewrite of the whole set.
 */
#ifndef ABM_ACCOUNT_SET_H
#define ABM_ACCOUNT_SET_H

#include "abm.h"
#include "utils/expandeddatum.h"

#define ACCOUNT_SET_TYPE "account_set"

/* One run: the ids lo..hi, inclusive (lo <= hi). */
typedef struct AccountRun
{
	int64		lo;
	int64		hi;
} AccountRun;

/* The flat form's fixed header. */
typedef struct AccountSetFlat
{
	int32		vl_len_;		/* varlena header; do not touch directly */
	uint8		version;		/* ABM_FORMAT_V1 */
	uint8		flags;			/* 0 */
	uint16		reserved;		/* 0 */
	int64		count;			/* ids in the set */
	int64		nruns;
	/* encoded runs follow */
} AccountSetFlat;

#define ACCOUNT_SET_HEADER_SIZE sizeof(AccountSetFlat)
#define ACCOUNT_SET_DATA(f) ((const uint8 *) (f) + ACCOUNT_SET_HEADER_SIZE)
#define ACCOUNT_SET_DATA_SIZE(f) (VARSIZE(f) - ACCOUNT_SET_HEADER_SIZE)

StaticAssertDecl(sizeof(AccountSetFlat) == 24, "account_set header is 24 bytes");

/* A decoded set: sorted, maximal runs and the number of ids. */
typedef struct AccountRuns
{
	AccountRun *runs;
	int64		nruns;
	int64		count;
} AccountRuns;

/* Encoding: the exact flat size of runs, and the flat form written into dst. */
extern Size account_set_flat_size(const AccountRuns *set);
extern void account_set_write_flat(const AccountRuns *set, void *dst, Size size);
extern AccountSetFlat *account_set_flatten_runs(const AccountRuns *set);

/*
 * Decodes count ids in nruns runs from len bytes into runs (room for nruns),
 * checking everything: NULL when valid, else what is wrong (a sentence).
 */
extern const char *account_set_decode(const uint8 *data, Size len, int64 count,
									  int64 nruns, AccountRun *runs);

/*
 * The set in datum d, flat or expanded, decoded.  Runs of an expanded value
 * are its own (read-only); runs of a flat one are palloc'd.
 */
extern void account_set_read(Datum d, AccountRuns *set);

/*
 * Set algebra over sorted maximal runs into out (room for na + nb runs);
 * out gets sorted maximal runs and their count.
 */
extern void account_runs_union(const AccountRuns *a, const AccountRuns *b, AccountRuns *out);

/* Ids beyond this make the count overflow bigint. */
extern pg_noreturn void account_set_too_many(void);

/* account_set_expanded.c */
extern bool account_set_is_expanded(Datum d);
extern void account_set_expanded_runs(Datum d, AccountRuns *set);

#endif							/* ABM_ACCOUNT_SET_H */
