package io.troupe.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/**
 * The group type and dynamic group property statements (docs/dialect-syntax.md): their trees, their unparsing (which
 * parses back to the same text), their words as identifiers, and OVER after a WHERE ending with a function call.
 */
class DynamicSyntaxTest {
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(TroupeSqlParserImpl.FACTORY)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false);

    private static SqlNode parse(String sql) throws SqlParseException {
        return SqlParser.create(sql, CONFIG).parseStmt();
    }

    /** Unparsed, the node parses back to a node that unparses to the same text. */
    private static void roundTrips(SqlNode node) throws SqlParseException {
        String text = node.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
        assertEquals(text, parse(text).toSqlString(CalciteSqlDialect.DEFAULT).getSql());
    }

    @Test
    void groupTypeStatements() throws SqlParseException {
        SqlCreateGroupType create = assertInstanceOf(SqlCreateGroupType.class, parse("CREATE GROUP TYPE org_id"));
        assertEquals("org_id", create.name());
        assertFalse(create.ifNotExists);
        assertTrue(((SqlCreateGroupType) parse("create group type if not exists \"org id\"")).ifNotExists);
        assertEquals("if", ((SqlCreateGroupType) parse("CREATE GROUP TYPE if")).name(), "IF is not reserved");

        SqlDropGroupType drop = assertInstanceOf(SqlDropGroupType.class, parse("DROP GROUP TYPE IF EXISTS org_id FORCE"));
        assertTrue(drop.ifExists);
        assertTrue(drop.force());
        assertFalse(((SqlDropGroupType) parse("DROP GROUP TYPE org_id")).force());
        roundTrips(create);
        roundTrips(drop);
        assertEquals(SqlKind.OTHER_DDL, drop.getKind());
    }

    @Test
    void dynamicPropertyStatements() throws SqlParseException {
        SqlCreateDynamicGroupProperty wau = assertInstanceOf(SqlCreateDynamicGroupProperty.class, parse("""
                CREATE OR REPLACE DYNAMIC GROUP PROPERTY weekly_active_users FOR GROUP TYPE org_id
                  AS UNIQUES() WHERE event_type = 'Open App' OVER CALENDAR WEEK"""));
        assertTrue(wau.getReplace());
        assertEquals("weekly_active_users", wau.nameNode().getSimple());
        assertEquals("org_id", wau.groupType().getSimple());
        assertEquals(1, wau.metrics().size());
        assertEquals("UNIQUES", ((SqlCall) wau.metrics().get(0)).getOperator().getName());
        assertEquals(SqlCreateDynamicGroupProperty.WindowSyntax.CALENDAR_WEEK, wau.window());
        assertEquals(2, wau.windowPos().getLineNum());
        assertEquals(46, wau.windowPos().getColumnNum());
        roundTrips(wau);

        SqlCreateDynamicGroupProperty rolling = (SqlCreateDynamicGroupProperty) parse(
                "CREATE DYNAMIC GROUP PROPERTY amount_30d FOR GROUP TYPE org_id "
                        + "AS SUM(CAST(event_properties['amount'] AS DOUBLE)) OVER LAST INTERVAL '30' DAY");
        assertFalse(rolling.getReplace());
        assertNull(rolling.filter());
        assertEquals(SqlCreateDynamicGroupProperty.WindowSyntax.LAST, rolling.window());
        assertEquals("INTERVAL '30' DAY", rolling.interval().toString());
        roundTrips(rolling);

        SqlDropDynamicGroupProperty drop = assertInstanceOf(SqlDropDynamicGroupProperty.class,
                parse("DROP DYNAMIC GROUP PROPERTY IF EXISTS amount_30d"));
        assertTrue(drop.ifExists);
        assertEquals("amount_30d", drop.name());
        roundTrips(drop);
    }

    @Test
    void refusedFormsParseSoThatTheStatementCanNameThem() throws SqlParseException {
        SqlCreateDynamicGroupProperty formula = (SqlCreateDynamicGroupProperty) parse(
                "CREATE DYNAMIC GROUP PROPERTY p FOR GROUP TYPE g AS UNIQUES() * 2, COUNT(*) OVER INTERVAL '7' DAY");
        assertEquals(2, formula.metrics().size());
        assertEquals(SqlKind.TIMES, formula.metrics().get(0).getKind());
        assertEquals(63, formula.metrics().get(0).getParserPosition().getColumnNum(), "at the operator");
        assertEquals(SqlCreateDynamicGroupProperty.WindowSyntax.INTERVAL, formula.window());
        SqlCreateDynamicGroupProperty between = (SqlCreateDynamicGroupProperty) parse(
                "CREATE DYNAMIC GROUP PROPERTY p FOR GROUP TYPE g AS COUNT(*) OVER BETWEEN TIMESTAMP '2026-01-01 00:00:00'"
                        + " AND CURRENT_TIMESTAMP");
        assertEquals(SqlCreateDynamicGroupProperty.WindowSyntax.BETWEEN, between.window());
    }

    @Test
    void aWhereEndingWithAFunctionCallLeavesOverToTheWindow() throws SqlParseException {
        SqlCreateDynamicGroupProperty p = (SqlCreateDynamicGroupProperty) parse(
                "CREATE DYNAMIC GROUP PROPERTY p FOR GROUP TYPE g AS COUNT(*) WHERE starts_with(event_type, 'Op') "
                        + "OVER LAST INTERVAL '7' DAY");
        assertEquals(SqlKind.OTHER_FUNCTION, p.filter().getKind());
        // a window function's OVER is unchanged, also with a window named like the words
        SqlNode windowed = parse("SELECT ROW_NUMBER() OVER last FROM t WINDOW last AS (ORDER BY x)");
        assertTrue(windowed.toString().contains("OVER"), windowed.toString());
        assertTrue(parse("SELECT SUM(x) OVER (ORDER BY y) FROM t").toString().contains("OVER"));
    }

    @Test
    void theNewWordsStayIdentifiers() throws SqlParseException {
        SqlNode q = parse("SELECT force, property, \"if\" AS if FROM property AS force");
        assertEquals(SqlKind.SELECT, q.getKind());
    }

    @Test
    void mistakesAreParseErrorsWithAPosition() {
        SqlParseException e = assertThrows(SqlParseException.class,
                () -> parse("CREATE DYNAMIC GROUP PROPERTY p FOR GROUP TYPE g AS UNIQUES() OVER CALENDAR DAY"));
        assertEquals(1, e.getPos().getLineNum());
        assertEquals(77, e.getPos().getColumnNum());
        assertThrows(SqlParseException.class, () -> parse("CREATE DYNAMIC GROUP PROPERTY p FOR GROUP TYPE g AS UNIQUES()"));
        assertThrows(SqlParseException.class, () -> parse("DROP GROUP TYPE org_id CASCADE"));
    }
}
