# abm: PGXS build. Honours PG_CONFIG (make PG_CONFIG=/path/to/pg_config).
EXTENSION   = abm
MODULE_big  = abm
OBJS        = src/abm.o src/stage.o src/money.o src/summary_text.o src/ratio.o src/score.o \
              src/retention.o src/cost.o src/value_metrics.o src/funnel.o src/funnel_stages.o src/normal.o src/statistics.o

DATA        = abm--1.0.sql abm--1.0--1.1.sql
HEADERS     =

# pg_regress: one file per concept, in sql/ with expected output in expected/.
REGRESS      = stage ratio score retention cost value_metrics funnel summary_io parallel rollup statistics window upgrade
REGRESS_OPTS = --inputdir=. --load-extension=abm

PG_CONFIG ?= pg_config
# Warning-free is a release criterion; -Wno-* silence the PostgreSQL headers'
# own -Wextra noise (unused parameters in static inline functions, etc.).
PG_CFLAGS  = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
             -Wno-missing-field-initializers -Wno-cast-function-type

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(OBJS): $(wildcard src/*.h)

.PHONY: test demo prove
# Everything a fresh Debian 12 machine needs, then build, install, a throwaway
# cluster, pg_regress and pgTAP. See scripts/test.sh.
test:
	bash scripts/test.sh

demo:
	bash scripts/demo.sh

# pgTAP suite against an already running server (PG* environment variables).
prove:
	pg_prove --ext .sql -v test/

.PHONY: bench
# Speed against plain SQL and the scan floor in a throwaway cluster; writes
# bench/results.md. ROWS=n rows per table (default 10000000). See bench/run.sh.
bench:
	ROWS="$(ROWS)" bash bench/run.sh
