# abm: PGXS build. Honours PG_CONFIG (make PG_CONFIG=/path/to/pg_config).
EXTENSION   = abm
MODULE_big  = abm
OBJS        = src/abm.o src/stage.o src/money.o src/summary.o src/ratio.o src/score.o \
              src/retention.o src/cost.o src/value_metrics.o src/funnel.o src/funnel_stages.o src/normal.o src/statistics.o \
              src/text_form.o src/student_t.o src/measure.o src/measure_statistics.o src/engagement.o \
              src/attribution.o src/pipeline.o src/cycle_sketch.o src/media.o \
              src/account_set.o src/account_set_expanded.o

# abm.sql is the one hand-written SQL source: it becomes the complete install
# script of the current version.  Older versions' scripts and the upgrade
# scripts between versions are kept as released.
EXTVERSION  = 1.2
EXTRA_CLEAN = src/.pg_version
DATA_built  = abm--$(EXTVERSION).sql
DATA        = abm--1.0.sql abm--1.0--1.1.sql abm--1.1--1.2.sql
HEADERS     =

# pg_regress: one file per concept, in sql/ with expected output in expected/.
REGRESS      = stage ratio score retention cost value_metrics funnel summary_io parallel rollup statistics window upgrade \
               measure engagement attribution pipeline media account_set \
               overflow hardening changes_1_2
REGRESS_OPTS = --inputdir=. --load-extension=abm

PG_CONFIG ?= pg_config
# Tests of what only newer majors have: soft input errors (16+) and
# COPY ... (ON_ERROR ignore) (17+).
PG_MAJOR := $(shell $(PG_CONFIG) --version 2>/dev/null | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p')
ifeq ($(shell test "0$(PG_MAJOR)" -ge 16 && echo yes),yes)
REGRESS     += soft_input
endif
ifeq ($(shell test "0$(PG_MAJOR)" -ge 17 && echo yes),yes)
REGRESS     += copy_on_error
endif

# Warning-free is a release criterion, checked by make test and CI
# (WERROR=1); a user's plain `make` does not fail on a newer compiler's new
# warnings. -Wno-* silence the PostgreSQL headers' own -Wextra noise (unused
# parameters in static inline functions, etc.).
PG_CFLAGS  = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
             -Wno-missing-field-initializers -Wno-cast-function-type
ifeq ($(WERROR),1)
PG_CFLAGS += -Werror
endif

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(OBJS): $(wildcard src/*.h)

abm--$(EXTVERSION).sql: abm.sql
	cp $< $@

.PHONY: test demo prove
# Everything a fresh Debian 12 machine needs, then build, install, a throwaway
# cluster, pg_regress and pgTAP. See scripts/test.sh.
test:
	PG="$(PG)" bash scripts/test.sh

# The demo warehouse (demo/warehouse.sql) and its dashboard (demo/dashboard.sql)
# in a cluster left running. SCALE=n multiplies its size (default 1: ~5,000
# accounts, ~1,000,000 touches).
demo:
	SCALE="$(SCALE)" bash scripts/demo.sh

# pgTAP suite against an already running server (PG* environment variables).
prove:
	pg_prove --ext .sql -v test/

.PHONY: bench
# Speed against plain SQL and the scan floor in a throwaway cluster; writes
# bench/results.md. ROWS=n rows per table (default 10000000). See bench/run.sh.
bench:
	ROWS="$(ROWS)" bash bench/run.sh

.PHONY: bench-memory
# Peak backend memory of each kind of aggregate over 10^6 and 10^8 rows
# (MEMORY_ROWS=n to change the latter); writes bench/memory.md.
bench-memory:
	MEMORY_ROWS="$(MEMORY_ROWS)" bash bench/memory.sh

.PHONY: fuzz sqlsmith valgrind
# Hardening (docs/hardening.md), each in a throwaway cluster:
#   make fuzz [CASES=n] [SEED=s]       mutated text and binary input of every type
#                                      (default 100000 text + 100000 binary cases per type)
#   make sqlsmith [QUERIES=n] [SEED=s] random SQL from SQLsmith (default 20000 queries)
#   make valgrind [VALGRIND_ARGS=...] pg_regress with the server under Valgrind memcheck
#                                      (e.g. VALGRIND_ARGS="--O0 stage ratio"; not VALGRIND_OPTS,
#                                      which valgrind itself reads)
# make test runs short versions of fuzz and sqlsmith.
fuzz:
	bash scripts/fuzz.sh $(CASES) $(SEED)

sqlsmith:
	bash scripts/sqlsmith.sh $(QUERIES) $(SEED)

valgrind:
	bash scripts/valgrind.sh $(VALGRIND_ARGS)
