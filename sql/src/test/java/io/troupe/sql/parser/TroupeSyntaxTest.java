package io.troupe.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserFixture;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserTest;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

/**
 * The syntax Troupe adds (docs/dialect-syntax.md): each construct and option parses into its node with every part,
 * unparses to SQL that parses back to the same tree, the new words stay identifiers, WITHIN GROUP is unaffected,
 * and mistakes are parse errors with a position.
 */
class TroupeSyntaxTest {
    /** The design example of the dialect contract, verbatim. */
    static final String DESIGN_EXAMPLE = """
            SELECT FUNNEL(event_type = 'Create Report', event_type = 'Share Report', event_type = 'Invite User'
                          WITHIN INTERVAL '7' DAY)
            FROM events
            WHERE event_time >= TIMESTAMP '2026-01-01 00:00:00' AND event_time < TIMESTAMP '2026-03-01 00:00:00'
            GROUP BY GROUP TYPE org_id;
            """;

    /** The engine's parser settings (SqlEngine): double quotes, identifiers keep their case. */
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(TroupeSqlParserImpl.FACTORY)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false);

    /** Calcite's parser-test fixture with Troupe's parser: expectations in the suite's unparse format. */
    private static SqlParserFixture sql(String sql) {
        return TroupeParserTest.troupeFixture().sql(sql);
    }

    /** As {@link #sql}, also checking that the unparsed text parses and unparses to itself. */
    private static SqlParserFixture roundTrip(String sql) {
        return TroupeParserTest.troupeFixture().withTester(new SqlParserTest.UnparsingTesterImpl()).sql(sql);
    }

    private static SqlNode parse(String sql) {
        try {
            return SqlParser.create(sql, CONFIG).parseQuery();
        } catch (SqlParseException e) {
            throw new AssertionError("cannot parse: " + sql + "\n" + e.getMessage(), e);
        }
    }

    private static SqlNode parseExpression(String sql) {
        try {
            return SqlParser.create(sql, CONFIG).parseExpression();
        } catch (SqlParseException e) {
            throw new AssertionError("cannot parse: " + sql + "\n" + e.getMessage(), e);
        }
    }

    private static SqlParseException parseError(String sql) {
        return assertThrows(SqlParseException.class, () -> SqlParser.create(sql, CONFIG).parseQuery());
    }

    private static SqlNode firstSelectItem(String sql) {
        return ((SqlSelect) parse(sql)).getSelectList().get(0);
    }

    /** Unparses in Calcite's dialect, parses that again: same tree, same text. */
    private static void assertRoundTrip(SqlNode node) {
        String text = node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
        SqlNode again = node.isA(SqlKind.QUERY) ? parse(text) : parseExpression(text);
        assertTrue(node.equalsDeep(again, Litmus.THROW), text);
        assertEquals(text, again.toSqlString(CalciteSqlDialect.DEFAULT).getSql());
    }

    private static void assertPos(SqlParseException e, int line, int column) {
        assertNotNull(e.getPos(), e.getMessage());
        assertEquals(line + ":" + column, e.getPos().getLineNum() + ":" + e.getPos().getColumnNum(), e.getMessage());
    }

    // ---- the design example ----

    @Test
    void designExampleParsesVerbatim() throws SqlParseException {
        SqlNodeList statements = SqlParser.create(DESIGN_EXAMPLE, CONFIG).parseStmtList();
        assertEquals(1, statements.size());
        SqlSelect select = (SqlSelect) statements.get(0);
        SqlFunnel funnel = assertInstanceOf(SqlFunnel.class, select.getSelectList().get(0));
        assertEquals(3, funnel.steps().size());
        assertEquals("`event_type` = 'Share Report'", funnel.steps().get(1).toString());
        SqlIntervalLiteral window = assertInstanceOf(SqlIntervalLiteral.class, funnel.window());
        assertEquals("INTERVAL '7' DAY", window.toString());
        assertEquals(FunnelOrder.SEQUENTIAL, funnel.order());
        assertNull(funnel.orderLiteral());
        assertTrue(funnel.exclusions().isEmpty());
        assertNull(funnel.holdingConstant());
        assertNull(funnel.startingFrom());
        assertSame(TroupeOperators.FUNNEL, funnel.getOperator());

        SqlGroupByGroupType groupType = SqlGroupByGroupType.find(select);
        assertNotNull(groupType);
        assertEquals("org_id", groupType.groupType().getSimple());
        assertEquals(1, select.getGroup().size());
        assertNotNull(select.getWhere());
        assertRoundTrip(select);
    }

    @Test
    void designExampleUnparses() {
        roundTrip(DESIGN_EXAMPLE.strip().replaceAll(";$", ""))
                .ok("SELECT FUNNEL((`EVENT_TYPE` = 'Create Report'), (`EVENT_TYPE` = 'Share Report'),"
                        + " (`EVENT_TYPE` = 'Invite User') WITHIN INTERVAL '7' DAY)\n"
                        + "FROM `EVENTS`\n"
                        + "WHERE ((`EVENT_TIME` >= TIMESTAMP '2026-01-01 00:00:00')"
                        + " AND (`EVENT_TIME` < TIMESTAMP '2026-03-01 00:00:00'))\n"
                        + "GROUP BY GROUP TYPE `ORG_ID`");
    }

    // ---- GROUP BY GROUP TYPE ----

    @Test
    void groupTypeWithBreakdowns() {
        SqlSelect select = (SqlSelect) parse(
                "SELECT plan, UNIQUES() FROM events GROUP BY GROUP TYPE org_id, event_properties['plan'], ROLLUP(a, b)");
        SqlNodeList group = select.getGroup();
        assertEquals(3, group.size());
        assertEquals("org_id", SqlGroupByGroupType.find(group).groupType().getSimple());
        assertEquals(SqlKind.ITEM, group.get(1).getKind());
        assertEquals(SqlKind.ROLLUP, group.get(2).getKind());
        assertRoundTrip(select);
        roundTrip("select uniques() from events group by group type org_id, platform, 3")
                .ok("SELECT `UNIQUES`()\n"
                        + "FROM `EVENTS`\n"
                        + "GROUP BY GROUP TYPE `ORG_ID`, `PLATFORM`, 3");
    }

    @Test
    void groupTypeQuotedAndDistinct() {
        SqlSelect select = (SqlSelect) parse("SELECT COUNT(*) FROM events GROUP BY GROUP TYPE \"org id\"");
        assertEquals("org id", SqlGroupByGroupType.find(select).groupType().getSimple());
        assertRoundTrip(select);

        SqlSelect distinct = (SqlSelect) parse("SELECT COUNT(*) FROM events GROUP BY DISTINCT GROUP TYPE org_id, a");
        assertEquals("org_id", SqlGroupByGroupType.find(distinct).groupType().getSimple());
        assertRoundTrip(distinct);
    }

    @Test
    void ordinaryGroupByHasNoGroupType() {
        assertNull(SqlGroupByGroupType.find((SqlSelect) parse("SELECT a FROM t GROUP BY a, b")));
        assertNull(SqlGroupByGroupType.find((SqlSelect) parse("SELECT a FROM t GROUP BY GROUPING SETS ((a), ())")));
        assertNull(SqlGroupByGroupType.find((SqlSelect) parse("SELECT a FROM t GROUP BY ()")));
        assertNull(SqlGroupByGroupType.find((SqlSelect) parse("SELECT a FROM t")));
        // "type" and "group_type" are still column names in GROUP BY
        SqlSelect select = (SqlSelect) parse("SELECT type FROM t GROUP BY type, group_type");
        assertNull(SqlGroupByGroupType.find(select));
    }

    @Test
    void groupTypeMistakes() {
        assertPos(parseError("SELECT 1 FROM t GROUP BY GROUP org_id"), 1, 32);
        assertPos(parseError("SELECT 1 FROM t GROUP BY GROUP TYPE"), 1, 35); // at the end
        assertPos(parseError("SELECT 1 FROM t GROUP BY GROUP TYPE a.b"), 1, 38);
        // GROUP TYPE only as the first item
        assertPos(parseError("SELECT 1 FROM t GROUP BY a, GROUP TYPE org_id"), 1, 27);
        assertPos(parseError("SELECT 1 FROM t GROUP BY GROUP TYPE a, GROUP TYPE b"), 1, 38);
    }

    // ---- FUNNEL ----

    @Test
    void funnelWithoutOptions() {
        SqlFunnel f = (SqlFunnel) firstSelectItem("SELECT FUNNEL(event_type = 'A') FROM events");
        assertEquals(1, f.steps().size());
        assertNull(f.window());
        assertEquals(FunnelOrder.SEQUENTIAL, f.order());
        roundTrip("select funnel(a, b, c in (select x from y)) from t")
                .ok("SELECT FUNNEL(`A`, `B`, (`C` IN (SELECT `X`\nFROM `Y`)))\nFROM `T`");
    }

    @Test
    void funnelOrderModes() {
        for (FunnelOrder mode : FunnelOrder.values()) {
            SqlFunnel f = (SqlFunnel) firstSelectItem("SELECT FUNNEL(a, b ORDER " + mode + ") FROM t");
            assertEquals(mode, f.order());
            assertEquals(mode, f.orderLiteral().symbolValue(FunnelOrder.class));
            assertRoundTrip(f);
        }
        roundTrip("select funnel(a, b order strict) from t").ok("SELECT FUNNEL(`A`, `B` ORDER STRICT)\nFROM `T`");
        roundTrip("select funnel(a, b order any) from t").ok("SELECT FUNNEL(`A`, `B` ORDER ANY)\nFROM `T`");
    }

    @Test
    void funnelWindow() {
        SqlFunnel f = (SqlFunnel) firstSelectItem("SELECT FUNNEL(a, b WITHIN INTERVAL '90' MINUTE) FROM t");
        assertEquals("INTERVAL '90' MINUTE", f.window().toString());
        roundTrip("select funnel(a, b within interval '1:30' hour to minute) from t")
                .ok("SELECT FUNNEL(`A`, `B` WITHIN INTERVAL '1:30' HOUR TO MINUTE)\nFROM `T`");
        // only an interval literal
        assertPos(parseError("SELECT FUNNEL(a, b WITHIN 7) FROM t"), 1, 27);
    }

    @Test
    void funnelExclusions() {
        SqlFunnel f = (SqlFunnel) firstSelectItem("SELECT FUNNEL(a = 1, b = 2, c = 3"
                + " EXCLUDING (event_type = 'Cancel')"
                + " EXCLUDING (event_type = 'Refund' OR x > 2) BETWEEN STEP 2 AND STEP 3) FROM t");
        List<SqlFunnelExclusion> exclusions = f.exclusions();
        assertEquals(2, exclusions.size());
        assertFalse(exclusions.get(0).hasStepRange());
        assertEquals("`event_type` = 'Cancel'", exclusions.get(0).condition().toString());
        assertTrue(exclusions.get(1).hasStepRange());
        assertEquals(2, exclusions.get(1).fromStep());
        assertEquals(3, exclusions.get(1).toStep());
        assertEquals(SqlKind.OR, exclusions.get(1).condition().getKind());
        assertSame(TroupeOperators.FUNNEL_EXCLUSION, exclusions.get(1).getOperator());
        assertRoundTrip(f);
        roundTrip("select funnel(a, b, c excluding (d) between step 1 and step 3) from t")
                .ok("SELECT FUNNEL(`A`, `B`, `C` EXCLUDING (`D`) BETWEEN STEP 1 AND STEP 3)\nFROM `T`");
    }

    @Test
    void funnelExclusionRangeMustFitTheSteps() {
        SqlParseException e = parseError("SELECT FUNNEL(a, b EXCLUDING (c) BETWEEN STEP 2 AND STEP 2) FROM t");
        assertTrue(e.getMessage().contains("1 <= i < j <= 2"), e.getMessage());
        assertPos(e, 1, 20);
        assertPos(parseError("SELECT FUNNEL(a, b EXCLUDING (c) BETWEEN STEP 1 AND STEP 3) FROM t"), 1, 20);
        assertPos(parseError("SELECT FUNNEL(a, b EXCLUDING (c) BETWEEN STEP 0 AND STEP 2) FROM t"), 1, 20);
        // the condition needs its parentheses; the steps are integer literals
        assertPos(parseError("SELECT FUNNEL(a, b EXCLUDING c) FROM t"), 1, 30);
        assertPos(parseError("SELECT FUNNEL(a, b EXCLUDING (c) BETWEEN STEP x AND STEP 2) FROM t"), 1, 47);
    }

    @Test
    void funnelHoldingConstant() {
        SqlFunnel f = (SqlFunnel) firstSelectItem(
                "SELECT FUNNEL(a, b HOLDING CONSTANT event_properties['platform']) FROM t");
        assertEquals(SqlKind.ITEM, f.holdingConstant().getKind());
        assertRoundTrip(f);
        roundTrip("select funnel(a, b holding constant group_property(org_id, 'plan')) from t")
                .ok("SELECT FUNNEL(`A`, `B` HOLDING CONSTANT `GROUP_PROPERTY`(`ORG_ID`, 'plan'))\nFROM `T`");
    }

    @Test
    void funnelStartingBetween() {
        SqlFunnel f = (SqlFunnel) firstSelectItem("SELECT FUNNEL(a, b STARTING BETWEEN"
                + " TIMESTAMP '2026-01-01 00:00:00' AND TIMESTAMP '2026-02-01 00:00:00') FROM t");
        assertEquals("TIMESTAMP '2026-01-01 00:00:00'", f.startingFrom().toString());
        assertEquals("TIMESTAMP '2026-02-01 00:00:00'", f.startingTo().toString());
        assertRoundTrip(f);

        // bounds with + and -: the AND between them is not a boolean AND
        SqlFunnel g = (SqlFunnel) firstSelectItem("SELECT FUNNEL(a, b STARTING BETWEEN"
                + " CURRENT_TIMESTAMP - INTERVAL '30' DAY - INTERVAL '1' HOUR AND CURRENT_TIMESTAMP) FROM t");
        assertEquals(SqlKind.MINUS, g.startingFrom().getKind());
        assertEquals("CURRENT_TIMESTAMP - INTERVAL '30' DAY - INTERVAL '1' HOUR", g.startingFrom().toString());
        assertEquals("CURRENT_TIMESTAMP", g.startingTo().toString());
        assertRoundTrip(g);
        roundTrip("select funnel(a, b starting between ? and (select max(t) from u)) from t")
                .ok("SELECT FUNNEL(`A`, `B` STARTING BETWEEN ? AND (SELECT MAX(`T`)\nFROM `U`))\nFROM `T`");
        roundTrip("select funnel(a starting between d + interval '1' day and cast(e as timestamp)) from t")
                .ok("SELECT FUNNEL(`A` STARTING BETWEEN (`D` + INTERVAL '1' DAY) AND CAST(`E` AS TIMESTAMP))\n"
                        + "FROM `T`");
        // an expression with other operators needs parentheses
        SqlFunnel h = (SqlFunnel) firstSelectItem("SELECT FUNNEL(a STARTING BETWEEN (d * 2) AND e) FROM t");
        assertEquals(SqlKind.TIMES, h.startingFrom().getKind());
        assertRoundTrip(h);
        assertPos(parseError("SELECT FUNNEL(a STARTING BETWEEN d * 2 AND e) FROM t"), 1, 36);
    }

    @Test
    void funnelAllOptionsInAnyOrder() {
        String options = "WITHIN INTERVAL '7' DAY|ORDER STRICT|EXCLUDING (x = 1) BETWEEN STEP 1 AND STEP 2"
                + "|HOLDING CONSTANT plan|STARTING BETWEEN DATE '2026-01-01' AND DATE '2026-02-01'";
        String[] parts = options.split("\\|");
        SqlNode expected = firstSelectItem("SELECT FUNNEL(a, b " + String.join(" ", parts) + ") FROM t");
        SqlFunnel f = (SqlFunnel) expected;
        assertEquals("INTERVAL '7' DAY", f.window().toString());
        assertEquals(FunnelOrder.STRICT, f.order());
        assertEquals(1, f.exclusions().size());
        assertEquals("plan", ((SqlIdentifier) f.holdingConstant()).getSimple());
        assertEquals("DATE '2026-02-01'", f.startingTo().toString());
        assertRoundTrip(f);
        // reversed, and rotated: the same tree
        List<String> reversed = new ArrayList<>(List.of(parts));
        Collections.reverse(reversed);
        SqlNode r = firstSelectItem("SELECT FUNNEL(a, b " + String.join(" ", reversed) + ") FROM t");
        assertTrue(expected.equalsDeep(r, Litmus.THROW));
        Collections.rotate(reversed, 2);
        SqlNode rot = firstSelectItem("SELECT FUNNEL(a, b " + String.join(" ", reversed) + ") FROM t");
        assertTrue(expected.equalsDeep(rot, Litmus.THROW));
        roundTrip("select funnel(a, b starting between d and e holding constant p excluding (x) order any"
                + " within interval '1' day) from t")
                .ok("SELECT FUNNEL(`A`, `B` WITHIN INTERVAL '1' DAY ORDER ANY EXCLUDING (`X`)"
                        + " HOLDING CONSTANT `P` STARTING BETWEEN `D` AND `E`)\nFROM `T`");
    }

    @Test
    void funnelOptionsAtMostOnce() {
        SqlParseException e = parseError(
                "SELECT FUNNEL(a, b WITHIN INTERVAL '1' DAY\n  WITHIN INTERVAL '2' DAY) FROM t");
        assertTrue(e.getMessage().contains("WITHIN may appear only once in FUNNEL"), e.getMessage());
        assertPos(e, 2, 3);
        assertPos(parseError("SELECT FUNNEL(a ORDER ANY ORDER STRICT) FROM t"), 1, 27);
        assertPos(parseError("SELECT FUNNEL(a HOLDING CONSTANT p HOLDING CONSTANT q) FROM t"), 1, 36);
        assertPos(parseError("SELECT FUNNEL(a STARTING BETWEEN b AND c STARTING BETWEEN b AND c) FROM t"), 1, 42);
    }

    @Test
    void funnelMistakes() {
        assertPos(parseError("SELECT FUNNEL() FROM t"), 1, 15);
        assertPos(parseError("SELECT FUNNEL(a, b ORDER BY c) FROM t"), 1, 26);
        assertPos(parseError("SELECT FUNNEL(a, b WITHIN GROUP (ORDER BY c)) FROM t"), 1, 27);
        assertPos(parseError("SELECT FUNNEL(a, b STARTING AT c) FROM t"), 1, 29);
        assertPos(parseError("SELECT FUNNEL(a, b HOLDING c) FROM t"), 1, 28);
        assertPos(parseError("SELECT FUNNEL(a, b\n  WITHIN INTERVAL '7' DAY,\n  c) FROM t"), 2, 26);
        SqlParseException e = parseError("SELECT FUNNEL(a, b ORDER RANDOM) FROM t");
        assertPos(e, 1, 26);
        assertTrue(e.getMessage().contains("SEQUENTIAL") && e.getMessage().contains("STRICT"), e.getMessage());
    }

    @Test
    void withinAfterAFunctionCallEndsTheSteps() {
        SqlFunnel f = (SqlFunnel) firstSelectItem(
                "SELECT FUNNEL(is_paid(x), LISTAGG(y, ',') WITHIN GROUP (ORDER BY z) = 'a', f(y)"
                        + " WITHIN INTERVAL '1' HOUR) FROM t");
        assertEquals(3, f.steps().size());
        assertEquals("INTERVAL '1' HOUR", f.window().toString());
        assertEquals(SqlKind.WITHIN_GROUP, ((SqlCall) f.steps().get(1)).operand(0).getKind());
        assertRoundTrip(f);
        roundTrip("select funnel(json_arrayagg(x), percentile_cont(0.5) within group (order by y) > 1, f(y)"
                + " within interval '1' hour) from t")
                .ok("SELECT FUNNEL(JSON_ARRAYAGG(`X` ABSENT ON NULL),"
                        + " (PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY `Y`) > 1), `F`(`Y`)"
                        + " WITHIN INTERVAL '1' HOUR)\nFROM `T`");
    }

    @Test
    void withinGroupStillWorks() {
        sql("select listagg(x, ',') within group (order by y) from t")
                .ok("SELECT LISTAGG(`X`, ',') WITHIN GROUP (ORDER BY `Y`)\nFROM `T`");
        sql("select percentile_cont(0.5) within group (order by x desc) from t")
                .ok("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY `X` DESC)\nFROM `T`");
        sql("select json_arrayagg(x) within group (order by y) from t")
                .ok("SELECT JSON_ARRAYAGG(`X` ABSENT ON NULL) WITHIN GROUP (ORDER BY `Y`)\nFROM `T`");
        sql("select count(distinct x) within distinct (y) from t")
                .ok("SELECT (COUNT(DISTINCT `X`) WITHIN DISTINCT (`Y`))\nFROM `T`");
        sql("select listagg(x) ^within^ interval '1' day from t")
                .fails("(?s)Encountered \"within interval\" at line 1, column 19.*\"WITHIN\" \"GROUP\".*");
    }

    // ---- RETENTION ----

    @Test
    void retentionForms() {
        SqlRetention r = (SqlRetention) firstSelectItem("SELECT RETENTION(a = 1, b = 2) FROM t");
        assertNull(r.period());
        assertNull(r.periods());
        assertEquals(RetentionMode.N_DAY, r.mode());
        assertNull(r.modeLiteral());
        assertFalse(r.calendar());
        assertSame(TroupeOperators.RETENTION, r.getOperator());

        SqlRetention full = (SqlRetention) firstSelectItem(
                "SELECT RETENTION(event_type = 'Sign Up', event_type = 'Open App', INTERVAL '7' DAY, 8"
                        + " MODE UNBOUNDED CALENDAR) FROM t");
        assertEquals("INTERVAL '7' DAY", full.period().toString());
        assertEquals(8, ((SqlLiteral) full.periods()).intValue(true));
        assertEquals(RetentionMode.UNBOUNDED, full.mode());
        assertTrue(full.calendar());
        assertRoundTrip(full);

        SqlRetention calendarFirst = (SqlRetention) firstSelectItem(
                "SELECT RETENTION(a, b, INTERVAL '1' DAY CALENDAR MODE N_DAY) FROM t");
        assertEquals(RetentionMode.N_DAY, calendarFirst.mode());
        assertTrue(calendarFirst.calendar());
        assertNull(calendarFirst.periods());

        roundTrip("select retention(a, b) from t").ok("SELECT RETENTION(`A`, `B`)\nFROM `T`");
        roundTrip("select retention(a, b, interval '1' day, ? mode n_day) from t")
                .ok("SELECT RETENTION(`A`, `B`, INTERVAL '1' DAY, ? MODE N_DAY)\nFROM `T`");
        roundTrip("select retention(a, b calendar) from t").ok("SELECT RETENTION(`A`, `B` CALENDAR)\nFROM `T`");
    }

    @Test
    void retentionMistakes() {
        assertPos(parseError("SELECT RETENTION(a) FROM t"), 1, 19);
        assertPos(parseError("SELECT RETENTION(a, b, c, d, e) FROM t"), 1, 28);
        assertPos(parseError("SELECT RETENTION(a, b MODE WEEKLY) FROM t"), 1, 28);
        SqlParseException e = parseError("SELECT RETENTION(a, b MODE N_DAY CALENDAR MODE UNBOUNDED) FROM t");
        assertTrue(e.getMessage().contains("MODE may appear only once in RETENTION"), e.getMessage());
        assertPos(e, 1, 43);
        assertPos(parseError("SELECT RETENTION(a, b CALENDAR CALENDAR) FROM t"), 1, 32);
    }

    // ---- MICROSCOPE ----

    @Test
    void microscopeForms() {
        SqlMicroscope m = (SqlMicroscope) firstSelectItem(
                "SELECT MICROSCOPE(FUNNEL(a, b, c WITHIN INTERVAL '7' DAY), 2, DROPPED) FROM events"
                        + " GROUP BY GROUP TYPE org_id");
        assertNotNull(m.funnel());
        assertNull(m.retention());
        assertEquals(2, m.index());
        assertEquals(MicroscopeOutcome.DROPPED, m.outcome());
        assertTrue(m.outcome().isFunnel());
        assertSame(TroupeOperators.MICROSCOPE, m.getOperator());
        assertRoundTrip(m);

        SqlMicroscope r = (SqlMicroscope) firstSelectItem("SELECT MICROSCOPE(RETENTION(a, b), 0, LOST) FROM t");
        assertNotNull(r.retention());
        assertEquals(0, r.index());
        assertEquals(MicroscopeOutcome.LOST, r.outcome());
        assertFalse(r.outcome().isFunnel());

        for (MicroscopeOutcome o : MicroscopeOutcome.values()) {
            assertEquals(o, ((SqlMicroscope) firstSelectItem(
                    "SELECT MICROSCOPE(FUNNEL(a, b), 1, " + o.name().toLowerCase(Locale.ROOT) + ") FROM t"))
                    .outcome());
        }
        roundTrip("select microscope(retention(a, b, interval '7' day), 3, retained) from t")
                .ok("SELECT MICROSCOPE(RETENTION(`A`, `B`, INTERVAL '7' DAY), 3, RETAINED)\nFROM `T`");
        // a MICROSCOPE as a subquery's unit list
        roundTrip("select * from t where org_id in (select microscope(funnel(a, b), 1, converted) from events"
                + " group by group type org_id)")
                .ok("SELECT *\nFROM `T`\nWHERE (`ORG_ID` IN (SELECT MICROSCOPE(FUNNEL(`A`, `B`), 1, CONVERTED)\n"
                        + "FROM `EVENTS`\nGROUP BY GROUP TYPE `ORG_ID`))");
    }

    @Test
    void microscopeMistakes() {
        assertPos(parseError("SELECT MICROSCOPE(FUNNEL(a, b), 2, MAYBE) FROM t"), 1, 36);
        assertPos(parseError("SELECT MICROSCOPE(FUNNEL(a, b), x, DROPPED) FROM t"), 1, 33);
        assertPos(parseError("SELECT MICROSCOPE(FUNNEL(a, b), -1, DROPPED) FROM t"), 1, 33);
        assertPos(parseError("SELECT MICROSCOPE(FUNNEL(a, b), 2) FROM t"), 1, 34);
    }

    // ---- ordinary calls ----

    @Test
    void ordinaryCallsOfTheDialect() {
        SqlBasicCall uniques = (SqlBasicCall) firstSelectItem("SELECT UNIQUES() FROM t");
        assertEquals("UNIQUES", uniques.getOperator().getName());
        assertEquals(SqlKind.OTHER_FUNCTION, uniques.getKind());
        assertEquals(0, uniques.operandCount());

        SqlCall filtered = (SqlCall) firstSelectItem("SELECT UNIQUES() FILTER (WHERE x = 1) FROM t");
        assertEquals(SqlKind.FILTER, filtered.getKind());
        assertEquals("UNIQUES", ((SqlCall) filtered.operand(0)).getOperator().getName());

        for (String call : List.of("FUNNEL_LEVEL(event_time, INTERVAL '7' DAY, a, b, c)",
                "RETENTION_FLAGS(event_time, a, b, INTERVAL '1' DAY, 7)",
                "GROUP_PROPERTY(org_id, 'plan')", "CURRENT_GROUP_PROPERTY(org_id, 'plan')")) {
            SqlBasicCall c = (SqlBasicCall) firstSelectItem("SELECT " + call + " FROM t");
            assertEquals(call.substring(0, call.indexOf('(')), c.getOperator().getName());
            assertRoundTrip(c);
        }
        roundTrip("select org_id, funnel_level(event_time, interval '7' day, a, b) from events group by org_id")
                .ok("SELECT `ORG_ID`, `FUNNEL_LEVEL`(`EVENT_TIME`, INTERVAL '7' DAY, `A`, `B`)\n"
                        + "FROM `EVENTS`\nGROUP BY `ORG_ID`");
    }

    // ---- the new words stay identifiers ----

    @Test
    void newWordsAreStillIdentifiers() {
        String words = "funnel, steps, step, retention, mode, uniques, microscope, converted, dropped, retained,"
                + " lost, sequential, strict, holding, constant, starting, calendar, n_day, excluding, type";
        SqlOrderBy ordered = (SqlOrderBy) parse("SELECT " + words
                + " FROM funnel AS retention WHERE mode = 'x' AND retention.step > 1 GROUP BY funnel, mode"
                + " ORDER BY lost");
        assertEquals("lost", ((SqlIdentifier) ordered.orderList.get(0)).getSimple());
        SqlSelect select = (SqlSelect) ordered.query;
        assertEquals(20, select.getSelectList().size());
        for (SqlNode item : select.getSelectList()) {
            assertInstanceOf(SqlIdentifier.class, item);
        }
        assertEquals("funnel", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
        assertEquals("funnel", ((SqlIdentifier) select.getGroup().get(0)).getSimple());
        assertRoundTrip(ordered);

        roundTrip("select funnel as mode, t.microscope, constant + 1 as starting from events t"
                + " group by group type funnel")
                .ok("SELECT `FUNNEL` AS `MODE`, `T`.`MICROSCOPE`, (`CONSTANT` + 1) AS `STARTING`\n"
                        + "FROM `EVENTS` AS `T`\nGROUP BY GROUP TYPE `FUNNEL`");
        // ... and functions of those names with ordinary syntax
        roundTrip("select mode(x), strict(y), lost(z) from t")
                .ok("SELECT MODE(`X`), `STRICT`(`Y`), `LOST`(`Z`)\nFROM `T`");
    }

    /** Statements that use the new words as names give the very tree Calcite's own parser gives. */
    @Test
    void newWordsParseAsWithCalcitesParser() throws SqlParseException {
        SqlParser.Config stock = CONFIG.withParserFactory(SqlParserImpl.FACTORY);
        for (String sql : List.of(
                "SELECT funnel, retention.mode, \"step\" FROM funnel AS retention WHERE lost AND NOT strict",
                "SELECT mode(x) WITHIN GROUP (ORDER BY y), calendar(1), starting + constant FROM t GROUP BY holding",
                "SELECT * FROM microscope(converted => 1) AS dropped (n_day, retained)",
                "SELECT x AS sequential FROM t ORDER BY sequential FETCH FIRST 2 ROWS ONLY",
                "SELECT step FROM t WHERE step BETWEEN 1 AND 3 AND type IN (SELECT mode FROM m)",
                "SELECT CAST(x AS funnel), y retention FROM t MATCH_RECOGNIZE (PATTERN (a) WITHIN INTERVAL '1' SECOND"
                        + " DEFINE a AS a.mode > 0)")) {
            SqlNode expected = SqlParser.create(sql, stock).parseQuery();
            SqlNode actual = parse(sql);
            assertEquals(expected.toSqlString(CalciteSqlDialect.DEFAULT).getSql(),
                    actual.toSqlString(CalciteSqlDialect.DEFAULT).getSql(), sql);
            assertTrue(expected.equalsDeep(actual, Litmus.THROW), sql);
        }
    }

    // ---- trees ----

    @Test
    void copiesKeepTheNodeClasses() {
        SqlSelect select = (SqlSelect) parse("SELECT MICROSCOPE(FUNNEL(a, b WITHIN INTERVAL '1' DAY"
                + " EXCLUDING (c) BETWEEN STEP 1 AND STEP 2 STARTING BETWEEN d AND e), 2, DROPPED),"
                + " RETENTION(a, b MODE UNBOUNDED) FROM t GROUP BY GROUP TYPE org_id");
        SqlSelect cloned = (SqlSelect) select.clone(SqlParserPos.ZERO);
        SqlNode copied = select.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                return id.clone(id.getParserPosition());
            }
        });
        for (SqlSelect s : List.of(cloned, (SqlSelect) copied)) {
            assertTrue(select.equalsDeep(s, Litmus.THROW));
            SqlMicroscope m = assertInstanceOf(SqlMicroscope.class, s.getSelectList().get(0));
            SqlFunnel f = assertInstanceOf(SqlFunnel.class, m.report());
            assertInstanceOf(SqlFunnelExclusion.class, f.exclusions().get(0));
            assertInstanceOf(SqlRetention.class, s.getSelectList().get(1));
            assertNotNull(SqlGroupByGroupType.find(s));
        }
    }

    @Test
    void setOperandReplacesParts() {
        SqlFunnel f = (SqlFunnel) firstSelectItem("SELECT FUNNEL(a, b) FROM t");
        SqlNode window = SqlLiteral.createExactNumeric("1", SqlParserPos.ZERO);
        f.setOperand(1, window);
        assertSame(window, f.window());
        assertEquals(7, f.getOperandList().size());
        assertThrows(IllegalArgumentException.class, () -> f.setOperand(7, window));
    }
}
