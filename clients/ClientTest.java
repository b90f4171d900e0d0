// abm through JDBC, the way a BI tool (Metabase, Superset's JDBC drivers,
// DBeaver...) talks to PostgreSQL: dashboard queries over the fixture
// (clients/fixture.sql), the Java type of every result column, and the abm
// types (abm_stage and the five summaries) read as strings and sent back as
// parameters. Every expected value is worked out by hand from the fixture.
//
// Connects with the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
// PGDATABASE) to a database where the fixture is loaded; run it with
// clients/run_clients.sh, which creates that database. By hand:
//
//   javac -d /tmp/abm-jdbc clients/ClientTest.java
//   java -cp /usr/share/java/postgresql.jar:/tmp/abm-jdbc ClientTest
//
// Prints each failed check and ends with "jdbc: N passed, M failed"; exits 1
// on any failure. Uses only java.sql (pgjdbc is loaded by its URL), so it
// compiles without the driver on the class path.

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

public class ClientTest {
    private static int passed = 0;
    private static int failed = 0;

    // Irrational results (Wilson bounds, NPS margins) are compared to the
    // hand-computed value within this absolute tolerance; exact ones exactly.
    private static final double TOLERANCE = 1e-12;

    private static void pass() {
        passed++;
    }

    private static void fail(String what, String detail) {
        failed++;
        System.out.println("not ok - jdbc: " + what + ": " + detail);
    }

    private static void check(String what, boolean ok, String detail) {
        if (ok) {
            pass();
        } else {
            fail(what, detail);
        }
    }

    // The value's Java class and the value itself (equals: BigDecimal scale counts).
    private static void expect(String what, Object expected, Object actual) {
        if (expected == null) {
            check(what, actual == null, "expected NULL, got " + describe(actual));
            return;
        }
        if (actual == null || actual.getClass() != expected.getClass()) {
            fail(what, "expected " + describe(expected) + ", got " + describe(actual));
            return;
        }
        check(what, expected.equals(actual),
              "expected " + describe(expected) + ", got " + describe(actual));
    }

    // A Double within TOLERANCE of the expected value.
    private static void expectNear(String what, double expected, Object actual) {
        if (!(actual instanceof Double)) {
            fail(what, "expected Double near " + expected + ", got " + describe(actual));
            return;
        }
        double got = (Double) actual;
        check(what, Math.abs(got - expected) <= TOLERANCE,
              "expected " + expected + " +- " + TOLERANCE + ", got " + got);
    }

    private static String describe(Object o) {
        return o == null ? "NULL" : o.getClass().getSimpleName() + " " + o;
    }

    private static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    // The column's JDBC type and PostgreSQL type name, from the result's metadata.
    private static void expectColumn(ResultSetMetaData md, String column, int jdbcType, String typeName)
            throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equals(column)) {
                check("column " + column + " JDBC type", md.getColumnType(i) == jdbcType,
                      "expected java.sql.Types " + jdbcType + ", got " + md.getColumnType(i));
                check("column " + column + " type name", md.getColumnTypeName(i).equals(typeName),
                      "expected " + typeName + ", got " + md.getColumnTypeName(i));
                return;
            }
        }
        fail("column " + column, "not in the result");
    }

    private static List<Object[]> rows(Connection c, String sql, String... columns) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Object[] row = new Object[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    row[i] = rs.getObject(columns[i]);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    public static void main(String[] args) throws Exception {
        String host = env("PGHOST", "localhost");
        if (host.startsWith("/")) {
            // pgjdbc speaks TCP only; a socket directory means the local server.
            host = "localhost";
        }
        String url = "jdbc:postgresql://" + host + ":" + env("PGPORT", "5432") + "/"
                + env("PGDATABASE", env("PGUSER", System.getProperty("user.name")));
        Properties props = new Properties();
        props.setProperty("user", env("PGUSER", System.getProperty("user.name")));
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "abm ClientTest");

        try (Connection c = DriverManager.getConnection(url, props)) {
            winRateByTier(c);
            nps(c);
            retention(c);
            cac(c);
            funnel(c);
            funnelPerTier(c);
            rollupOfStoredSummaries(c);
            stages(c);
            roundTrips(c);
        } catch (SQLException e) {
            fail("unexpected SQL error", e.getSQLState() + " " + e.getMessage());
        }
        System.out.println("jdbc: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    // Win rate by tier, amount-weighted, with its 95% Wilson interval.
    // Tier 1: 3 won of 4 closed (one open), 120000 of 140000; tier 2: 1 of 4,
    // 10000 of 40000; tier 3: no opportunities, so every rate is NULL.
    private static final String WIN_RATE_SQL =
        "WITH t AS (\n"
        + "    SELECT a.tier, count(o.opportunity_id) AS opportunities,\n"
        + "           ratio_agg(o.won, o.amount) AS deals\n"
        + "    FROM accounts AS a LEFT JOIN opportunities AS o USING (account_id)\n"
        + "    GROUP BY a.tier)\n"
        + "SELECT tier, opportunities, successes(deals) AS won, trials(deals) AS closed,\n"
        + "       success_amount(deals) AS won_amount, win_rate(deals) AS win_rate,\n"
        + "       weighted_win_rate(deals) AS weighted, w.lower, w.upper, deals\n"
        + "FROM t CROSS JOIN LATERAL wilson_interval(deals) AS w\n"
        + "ORDER BY tier";

    private static void winRateByTier(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(WIN_RATE_SQL)) {
            ResultSetMetaData md = rs.getMetaData();
            expectColumn(md, "tier", Types.INTEGER, "int4");
            expectColumn(md, "opportunities", Types.BIGINT, "int8");
            expectColumn(md, "won", Types.BIGINT, "int8");
            expectColumn(md, "won_amount", Types.NUMERIC, "numeric");
            expectColumn(md, "win_rate", Types.DOUBLE, "float8");
            expectColumn(md, "lower", Types.DOUBLE, "float8");
            expectColumn(md, "deals", Types.OTHER, "ratio_summary");

            Object[][] want = {
                // tier, opportunities, won, closed, won_amount, win_rate, weighted, lower, upper, deals
                {1, 5L, 3L, 4L, dec("120000.00"), 0.75, 6.0 / 7.0, 0.300641842582402, 0.9544127391902995,
                 "v1 successes=3 trials=4 success_amount=120000.00 trial_amount=140000.00"},
                {2, 4L, 1L, 4L, dec("10000.00"), 0.25, 0.25, 0.04558726080970059, 0.699358157417598,
                 "v1 successes=1 trials=4 success_amount=10000.00 trial_amount=40000.00"},
                {3, 0L, 0L, 0L, dec("0"), null, null, null, null,
                 "v1 successes=0 trials=0 success_amount=0 trial_amount=0"},
            };
            int n = 0;
            while (rs.next()) {
                if (n >= want.length) {
                    fail("win rate by tier", "more than " + want.length + " rows");
                    break;
                }
                Object[] w = want[n++];
                String t = "win rate, tier " + w[0] + ": ";
                expect(t + "tier", w[0], rs.getObject("tier"));
                expect(t + "opportunities", w[1], rs.getObject("opportunities"));
                expect(t + "won", w[2], rs.getObject("won"));
                expect(t + "closed", w[3], rs.getObject("closed"));
                expect(t + "won_amount", w[4], rs.getObject("won_amount"));
                expect(t + "win_rate", w[5], rs.getObject("win_rate"));
                if (w[6] == null) {
                    expect(t + "weighted", null, rs.getObject("weighted"));
                    expect(t + "lower", null, rs.getObject("lower"));
                    expect(t + "upper", null, rs.getObject("upper"));
                } else {
                    expectNear(t + "weighted", (Double) w[6], rs.getObject("weighted"));
                    expectNear(t + "lower", (Double) w[7], rs.getObject("lower"));
                    expectNear(t + "upper", (Double) w[8], rs.getObject("upper"));
                }
                expect(t + "deals (getString)", w[9], rs.getString("deals"));
            }
            check("win rate by tier: row count", n == want.length, "expected " + want.length + " rows, got " + n);
        }
    }

    // NPS with its 95% interval: 5 promoters, 2 passives, 3 detractors of 10.
    // p = 0.5, d = 0.3: SE = 100 * sqrt((0.8 - 0.04) / 10) = 27.5680975...,
    // margin = 1.959963985 * SE = 54.0324782...
    private static void nps(Connection c) throws SQLException {
        String sql = "SELECT i.nps, i.lower, i.upper, i.standard_error,\n"
                + "       responses(s) AS responses, promoters(s) AS promoters,\n"
                + "       passives(s) AS passives, detractors(s) AS detractors, s AS scores\n"
                + "FROM (SELECT score_agg(score) AS s FROM nps_responses) AS survey,\n"
                + "     nps_interval(s) AS i";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            expectColumn(rs.getMetaData(), "nps", Types.DOUBLE, "float8");
            expectColumn(rs.getMetaData(), "scores", Types.OTHER, "score_summary");
            check("nps: one row", rs.next(), "no row");
            expect("nps", 20.0, rs.getObject("nps"));
            expectNear("nps lower", -34.032478230482205, rs.getObject("lower"));
            expectNear("nps upper", 74.03247823048221, rs.getObject("upper"));
            expectNear("nps standard_error", 27.568097504180443, rs.getObject("standard_error"));
            expect("nps responses", 10L, rs.getObject("responses"));
            expect("nps promoters", 5L, rs.getObject("promoters"));
            expect("nps passives", 2L, rs.getObject("passives"));
            expect("nps detractors", 3L, rs.getObject("detractors"));
            expect("nps scores (getString)", "v1 scale=0-10 counts=1,0,0,1,0,0,1,1,1,2,3", rs.getString("scores"));
        }
    }

    // NRR and GRR: start 250000.00, end 240000.00, retained 210000.00.
    private static void retention(Connection c) throws SQLException {
        String sql = "WITH s AS (SELECT retention_agg(arr_start, arr_end) AS r,\n"
                + "                  nrr(arr_start, arr_end) AS nrr_direct,\n"
                + "                  grr(arr_start, arr_end) AS grr_direct\n"
                + "           FROM revenue)\n"
                + "SELECT nrr(r) AS nrr, grr(r) AS grr, nrr_direct, grr_direct,\n"
                + "       logo_retention(r) AS logo_retention,\n"
                + "       start_revenue(r) AS start_revenue, end_revenue(r) AS end_revenue,\n"
                + "       expansion(r) AS expansion, contraction(r) AS contraction,\n"
                + "       churned_revenue(r) AS churned_revenue, new_revenue(r) AS new_revenue,\n"
                + "       accounts(r) AS accounts, churned_accounts(r) AS churned_accounts, r\n"
                + "FROM s";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            expectColumn(rs.getMetaData(), "nrr", Types.DOUBLE, "float8");
            expectColumn(rs.getMetaData(), "start_revenue", Types.NUMERIC, "numeric");
            expectColumn(rs.getMetaData(), "r", Types.OTHER, "retention_summary");
            check("retention: one row", rs.next(), "no row");
            expect("nrr", 0.96, rs.getObject("nrr"));
            expect("grr", 0.84, rs.getObject("grr"));
            expect("nrr aggregate", 0.96, rs.getObject("nrr_direct"));
            expect("grr aggregate", 0.84, rs.getObject("grr_direct"));
            expect("logo_retention", 0.75, rs.getObject("logo_retention"));
            expect("start_revenue", dec("250000.00"), rs.getObject("start_revenue"));
            expect("end_revenue", dec("240000.00"), rs.getObject("end_revenue"));
            expect("expansion", dec("30000.00"), rs.getObject("expansion"));
            expect("contraction", dec("10000.00"), rs.getObject("contraction"));
            expect("churned_revenue", dec("30000.00"), rs.getObject("churned_revenue"));
            expect("new_revenue", dec("60000.00"), rs.getObject("new_revenue"));
            expect("accounts", 4L, rs.getObject("accounts"));
            expect("churned_accounts", 1L, rs.getObject("churned_accounts"));
            expect("retention summary (getString)",
                   "v1 accounts=4 churned_accounts=1 new_accounts=1 start_revenue=250000.00"
                   + " expansion=30000.00 contraction=10000.00 churned_revenue=30000.00 new_revenue=60000.00",
                   rs.getString("r"));
        }
    }

    // CAC: 12000.00 of spend, 4 accounts acquired; CPL: 1500.00 for 12 leads.
    private static void cac(Connection c) throws SQLException {
        String sql = "SELECT cac(spend, acquired) AS cac, cost_agg(spend, acquired) AS cost,\n"
                + "       (SELECT cpl(spend, leads) FROM ads) AS cpl\n"
                + "FROM accounts";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            expectColumn(rs.getMetaData(), "cac", Types.NUMERIC, "numeric");
            expectColumn(rs.getMetaData(), "cost", Types.OTHER, "cost_summary");
            check("cac: one row", rs.next(), "no row");
            expect("cac", dec("3000"), rs.getObject("cac"));
            expect("cpl", dec("125"), rs.getObject("cpl"));
            expect("cost summary (getString)", "v1 units=4 spend=12000.00", rs.getString("cost"));
        }
    }

    // The funnel from one summary: cumulative accounts 10, 9, 6, 4, 2, 1 and
    // 12000.00 of spend. No timestamps, so the day averages are NULL.
    private static void funnel(Connection c) throws SQLException {
        String sql = "SELECT f.* FROM funnel_stages((SELECT funnel_agg(furthest_stage, spend) FROM accounts)) AS f";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            expectColumn(md, "stage", Types.OTHER, "abm_stage");
            expectColumn(md, "position", Types.INTEGER, "int4");
            expectColumn(md, "accounts", Types.BIGINT, "int8");
            expectColumn(md, "share_of_target", Types.DOUBLE, "float8");
            expectColumn(md, "conversion_rate", Types.DOUBLE, "float8");
            expectColumn(md, "drop_off", Types.BIGINT, "int8");
            expectColumn(md, "spend_per_account", Types.NUMERIC, "numeric");
            expectColumn(md, "avg_days_from_previous", Types.DOUBLE, "float8");
            expectColumn(md, "bar", Types.VARCHAR, "text");
            Object[][] want = {
                // stage, position, accounts, share, conversion, drop_off, spend/account, bar length
                {"target", 1, 10L, 1.0, null, null, dec("1200"), 30},
                {"engaged", 2, 9L, 0.9, 0.9, 1L, dec("1333.3333333333333333"), 27},
                {"opportunity", 3, 6L, 0.6, 2.0 / 3.0, 3L, dec("2000"), 18},
                {"won", 4, 4L, 0.4, 2.0 / 3.0, 2L, dec("3000"), 12},
                {"retained", 5, 2L, 0.2, 0.5, 2L, dec("6000"), 6},
                {"expanded", 6, 1L, 0.1, 0.5, 1L, dec("12000"), 3},
            };
            int n = 0;
            while (rs.next()) {
                if (n >= want.length) {
                    fail("funnel_stages", "more than 6 rows");
                    break;
                }
                Object[] w = want[n++];
                String t = "funnel_stages " + w[0] + ": ";
                expect(t + "stage (getString)", w[0], rs.getString("stage"));
                expect(t + "position", w[1], rs.getObject("position"));
                expect(t + "accounts", w[2], rs.getObject("accounts"));
                expectNear(t + "share_of_target", (Double) w[3], rs.getObject("share_of_target"));
                if (w[4] == null) {
                    expect(t + "conversion_rate", null, rs.getObject("conversion_rate"));
                } else {
                    expectNear(t + "conversion_rate", (Double) w[4], rs.getObject("conversion_rate"));
                }
                expect(t + "drop_off", w[5], rs.getObject("drop_off"));
                expect(t + "spend_per_account", w[6], rs.getObject("spend_per_account"));
                expect(t + "avg_days_from_previous", null, rs.getObject("avg_days_from_previous"));
                expect(t + "avg_days_from_first_touch", null, rs.getObject("avg_days_from_first_touch"));
                String bar = rs.getString("bar");
                check(t + "bar", bar != null && bar.codePointCount(0, bar.length()) == (Integer) w[7],
                      "expected " + w[7] + " characters, got " + bar);
            }
            check("funnel_stages: 6 rows", n == 6, "got " + n);
        }
    }

    // One funnel per tier: a summary per group, expanded with LATERAL.
    // Tier 1 (opportunity, won, retained, expanded): 4, 4, 4, 3, 2, 1;
    // tier 2 (engaged, opportunity, won): 3, 3, 2, 1, 0, 0;
    // tier 3 (target, engaged, engaged): 3, 2, 0, 0, 0, 0.
    private static void funnelPerTier(Connection c) throws SQLException {
        String sql = "SELECT t.tier, f.stage, f.accounts\n"
                + "FROM (SELECT tier, funnel_agg(furthest_stage, spend) AS funnel\n"
                + "      FROM accounts GROUP BY tier) AS t\n"
                + "CROSS JOIN LATERAL funnel_stages(t.funnel) AS f\n"
                + "ORDER BY t.tier, f.stage";
        List<Object[]> got = rows(c, sql, "tier", "stage", "accounts");
        long[][] want = {{4, 4, 4, 3, 2, 1}, {3, 3, 2, 1, 0, 0}, {3, 2, 0, 0, 0, 0}};
        check("funnel per tier: 18 rows", got.size() == 18, "got " + got.size());
        for (int i = 0; i < got.size() && i < 18; i++) {
            Object[] r = got.get(i);
            String t = "funnel per tier " + (i / 6 + 1) + " stage " + (i % 6 + 1) + ": ";
            expect(t + "tier", i / 6 + 1, r[0]);
            expect(t + "accounts", want[i / 6][i % 6], r[2]);
        }
    }

    // Stored daily summaries rolled up: per campaign, and all campaigns
    // (GROUP BY ROLLUP gives a total row with campaign NULL). Display:
    // 130 clicks / 78000 impressions, 400.00 / 3 leads; LinkedIn: 270 / 22000,
    // 1100.00 / 9 leads; all: 400 / 100000 = 0.004, 1500.00 / 12 = 125.
    private static void rollupOfStoredSummaries(Connection c) throws SQLException {
        String sql = "SELECT campaign, rate(rollup(clicks)) AS ctr, cpl(rollup(cost)) AS cpl,\n"
                + "       rollup(clicks) AS clicks, rollup(cost) AS cost\n"
                + "FROM daily_ads GROUP BY ROLLUP (campaign) ORDER BY campaign NULLS LAST";
        List<Object[]> got = rows(c, sql, "campaign", "ctr", "cpl");
        Object[][] want = {
            {"display", 130.0 / 78000.0, dec("133.3333333333333333")},
            {"linkedin", 270.0 / 22000.0, dec("122.2222222222222222")},
            {null, 0.004, dec("125")},
        };
        check("rollup: 3 rows", got.size() == 3, "got " + got.size());
        for (int i = 0; i < got.size() && i < 3; i++) {
            String t = "rollup " + want[i][0] + ": ";
            expect(t + "campaign", want[i][0], got.get(i)[0]);
            expectNear(t + "ctr", (Double) want[i][1], got.get(i)[1]);
            expect(t + "cpl", want[i][2], got.get(i)[2]);
        }

        // Rolling up stored summaries gives exactly the summary of the raw rows.
        String[][] pairs = {
            {"SELECT rollup(clicks) FROM daily_ads", "SELECT ratio_agg(clicks, impressions) FROM ads",
             "v1 successes=400 trials=100000 success_amount=0 trial_amount=0"},
            {"SELECT rollup(cost) FROM daily_ads", "SELECT cost_agg(spend, leads) FROM ads",
             "v1 units=12 spend=1500.00"},
            {"SELECT rollup(scores) FROM daily_nps", "SELECT score_agg(score) FROM nps_responses",
             "v1 scale=0-10 counts=1,0,0,1,0,0,1,1,1,2,3"},
        };
        for (String[] p : pairs) {
            expect("stored then rolled up: " + p[0], p[2], scalarString(c, p[0]));
            expect("straight from the rows: " + p[1], p[2], scalarString(c, p[1]));
        }
        expect("nps of the rolled-up days", 20.0, scalar(c, "SELECT nps_score(rollup(scores)) FROM daily_nps"));
    }

    // abm_stage: funnel order, not alphabetical; read as text, sent as text.
    private static void stages(Connection c) throws SQLException {
        List<Object[]> got = rows(c, "SELECT position, stage, description FROM abm_stages() ORDER BY stage",
                                  "position", "stage");
        String[] names = {"target", "engaged", "opportunity", "won", "retained", "expanded"};
        check("abm_stages(): 6 rows", got.size() == 6, "got " + got.size());
        for (int i = 0; i < got.size() && i < 6; i++) {
            expect("abm_stages() position " + (i + 1), i + 1, got.get(i)[0]);
            // getObject gives the driver's generic holder for a type it does not know
            // (org.postgresql.util.PGobject), whose toString() is the text form.
            Object o = got.get(i)[1];
            check("abm_stages() stage " + (i + 1) + " getObject",
                  o != null && o.getClass().getName().equals("org.postgresql.util.PGobject")
                  && o.toString().equals(names[i]),
                  "expected PGobject " + names[i] + ", got " + describe(o));
        }

        String sql = "SELECT furthest_stage, count(*) AS accounts FROM accounts\n"
                + "GROUP BY furthest_stage ORDER BY furthest_stage";
        List<String> order = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                order.add(rs.getString("furthest_stage"));
                counts.add((Long) rs.getObject("accounts"));
            }
        }
        expect("GROUP BY abm_stage, in funnel order", Arrays.asList(names).toString(), order.toString());
        expect("accounts per furthest stage", "[1, 3, 2, 2, 1, 1]", counts.toString());

        // A stage as a parameter: untyped (Types.OTHER), cast, and compared.
        String[] forms = {
            "SELECT count(*) FROM accounts WHERE furthest_stage >= ?",
            "SELECT count(*) FROM accounts WHERE furthest_stage >= ?::abm_stage",
            "SELECT count(*) FROM accounts WHERE furthest_stage >= CAST(? AS abm_stage)",
        };
        for (String f : forms) {
            try (PreparedStatement ps = c.prepareStatement(f)) {
                ps.setObject(1, "Won", Types.OTHER);   // input is case-insensitive
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    expect("stage parameter (Types.OTHER): " + f, 4L, rs.getObject(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(forms[1])) {
            ps.setString(1, "won");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                expect("stage parameter (setString, ?::abm_stage)", 4L, rs.getObject(1));
            }
        }
        // What docs/bi.md warns about: a string parameter (setString, as a BI
        // tool binds a text variable) is varchar, which abm_stage does not
        // compare with: the cast is needed.
        expectError(c, "stage parameter (setString) without a cast", "42883", forms[0], "won", false);
    }

    // The statement fails with this SQLSTATE.
    private static void expectError(Connection c, String what, String sqlstate, String sql, String param,
                                    boolean untyped) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (untyped) {
                ps.setObject(1, param, Types.OTHER);
            } else {
                ps.setString(1, param);
            }
            ps.executeQuery().close();
            fail(what, "expected SQLSTATE " + sqlstate + ", but it ran");
        } catch (SQLException e) {
            check(what, sqlstate.equals(e.getSQLState()),
                  "expected SQLSTATE " + sqlstate + ", got " + e.getSQLState() + " " + e.getMessage());
        }
    }

    // Every abm type read with getString and sent back: as an untyped
    // parameter (setObject(..., Types.OTHER)) into a typed column and through
    // an explicit cast, and as a string (setString) through a cast. The value
    // that comes back is the same text, and its KPI is the same number.
    private static void roundTrips(Connection c) throws SQLException {
        String[][] cases = {
            // type, query giving a value, a KPI of the type, its value over the fixture
            {"abm_stage", "SELECT max(furthest_stage) FROM accounts", "stage_position(%s)", "6"},
            {"ratio_summary", "SELECT ratio_agg(won, amount) FROM opportunities", "weighted_win_rate(%s)",
             String.valueOf(130000.0 / 180000.0)},
            {"score_summary", "SELECT score_agg(score) FROM nps_responses", "nps_score(%s)", "20.0"},
            {"retention_summary", "SELECT retention_agg(arr_start, arr_end) FROM revenue", "nrr(%s)", "0.96"},
            {"cost_summary", "SELECT cost_agg(spend, acquired) FROM accounts", "cac(%s)", "3000"},
            {"funnel_summary", "SELECT funnel_agg(furthest_stage, spend) FROM accounts",
             "stage_accounts(%s, 'won')", "4"},
        };
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE round_trip (n integer, stage abm_stage, ratio ratio_summary,"
                       + " score score_summary, retention retention_summary, cost cost_summary,"
                       + " funnel funnel_summary)");
        }
        String[] columns = {"stage", "ratio", "score", "retention", "cost", "funnel"};
        for (int k = 0; k < cases.length; k++) {
            String type = cases[k][0];
            String column = columns[k];
            String text = scalarString(c, cases[k][1]);
            check(type + ": read with getString", text != null && !text.isEmpty(), "got " + text);

            // 1. Untyped parameter into a column of the type.
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO round_trip (n, " + column + ") VALUES (" + (k + 1) + ", ?)")) {
                ps.setObject(1, text, Types.OTHER);
                ps.executeUpdate();
            }
            expect(type + ": setObject(Types.OTHER) into a column, read back", text,
                   scalarString(c, "SELECT " + column + " FROM round_trip WHERE n = " + (k + 1)));

            // 2. Untyped parameter with a cast, 3. string parameter with a cast.
            for (int how = 0; how < 2; how++) {
                String label = how == 0 ? "setObject(Types.OTHER), ?::" + type : "setString, ?::" + type;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT ?::" + type + " AS v, " + String.format(cases[k][2], "?::" + type) + " AS kpi")) {
                    if (how == 0) {
                        ps.setObject(1, text, Types.OTHER);
                        ps.setObject(2, text, Types.OTHER);
                    } else {
                        ps.setString(1, text);
                        ps.setString(2, text);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        expect(type + ": " + label + " round trip", text, rs.getString("v"));
                        expect(type + ": " + label + " KPI", cases[k][3], String.valueOf(rs.getObject("kpi")));
                    }
                }
            }

            // 4. Compared on the server with the value it came from.
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT (" + cases[k][1] + ")::text = CAST(? AS " + type + ")::text")) {
                ps.setObject(1, text, Types.OTHER);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    expect(type + ": equal on the server after the round trip", Boolean.TRUE, rs.getObject(1));
                }
            }
        }

        // An untyped parameter of a function that is also an aggregate over
        // another type (nps_score(score_summary), nps_score(integer)) is
        // ambiguous: the cast is needed (docs/bi.md).
        expectError(c, "summary parameter (Types.OTHER) of an overloaded function, no cast", "42725",
                    "SELECT nps_score(?)", "v1 scale=0-10 counts=1,0,0,1,0,0,1,1,1,2,3", true);

        // A stored summary read back from the table keeps its KPI.
        expect("stored ratio_summary keeps its KPI", 130000.0 / 180000.0,
               scalar(c, "SELECT weighted_win_rate(ratio) FROM round_trip WHERE n = 2"));
    }

    private static String scalarString(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Object scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }
}
