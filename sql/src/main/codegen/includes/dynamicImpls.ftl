<#--
  Group type and dynamic group property statements (docs/sql.md "Group types", docs/dynamic-properties.md).
  Included into Parser.jj by config.fmpp's implementationFiles; the CREATE and DROP forms are listed in
  createStatementParserMethods and dropStatementParserMethods (after CREATE [OR REPLACE] / DROP).
-->

/** CREATE GROUP TYPE [IF NOT EXISTS] name. */
SqlCreate TroupeCreateGroupType(Span s, boolean replace) :
{
    final SqlIdentifier name;
    boolean ifNotExists = false;
}
{
    <GROUP> <TYPE> [ LOOKAHEAD(2) <IF> <NOT> <EXISTS> { ifNotExists = true; } ] name = SimpleIdentifier() {
        return new SqlCreateGroupType(s.end(this), replace, ifNotExists, name);
    }
}

/** DROP GROUP TYPE [IF EXISTS] name [FORCE]. */
SqlDrop TroupeDropGroupType(Span s, boolean replace) :
{
    final SqlIdentifier name;
    boolean ifExists = false;
    boolean force = false;
}
{
    <GROUP> <TYPE> [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ] name = SimpleIdentifier()
    [ <FORCE> { force = true; } ] {
        return new SqlDropGroupType(s.end(this), ifExists, name, force);
    }
}

/**
 * CREATE [OR REPLACE] DYNAMIC GROUP PROPERTY name FOR GROUP TYPE g AS metric [WHERE condition] OVER window.
 * The metric is read by its own small grammar (calls, numbers, arithmetic, commas) rather than as an expression,
 * so that the OVER after it is not taken for a window function's OVER; formulas, several metrics and static
 * windows parse, and the statement refuses them with their own error codes and positions.
 */
SqlCreate TroupeCreateDynamicGroupProperty(Span s, boolean replace) :
{
    final SqlIdentifier name;
    final SqlIdentifier groupType;
    final SqlNodeList metrics;
    SqlNode filter = null;
    final Span ws;
    SqlNode interval = null;
    final SqlCreateDynamicGroupProperty.WindowSyntax window;
}
{
    <DYNAMIC> <GROUP> <PROPERTY> name = SimpleIdentifier()
    <FOR> <GROUP> <TYPE> groupType = SimpleIdentifier()
    <AS> metrics = TroupeDynamicMetrics()
    [ <WHERE> filter = Expression(ExprContext.ACCEPT_NON_QUERY) ]
    <OVER> { ws = span(); }
    (
        <LAST> interval = IntervalLiteral() { window = SqlCreateDynamicGroupProperty.WindowSyntax.LAST; }
    |
        interval = IntervalLiteral() { window = SqlCreateDynamicGroupProperty.WindowSyntax.INTERVAL; }
    |
        <CALENDAR>
        (
            <WEEK> { window = SqlCreateDynamicGroupProperty.WindowSyntax.CALENDAR_WEEK; }
        |
            <MONTH> { window = SqlCreateDynamicGroupProperty.WindowSyntax.CALENDAR_MONTH; }
        )
    |
        <BETWEEN> TroupeTimeBound() <AND> TroupeTimeBound() {
            window = SqlCreateDynamicGroupProperty.WindowSyntax.BETWEEN;
        }
    )
    {
        return new SqlCreateDynamicGroupProperty(s.end(this), replace, name, groupType, metrics, filter, window,
                interval, ws.end(this));
    }
}

/** One or more metric formulas separated by commas (only one is allowed: the statement checks). */
SqlNodeList TroupeDynamicMetrics() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    { s = span(); }
    e = TroupeDynamicFormula() { list.add(e); }
    ( <COMMA> e = TroupeDynamicFormula() { list.add(e); } )*
    { return new SqlNodeList(list, s.end(this)); }
}

/** Metric terms joined by + - * / (a formula, which the statement refuses at its operator). */
SqlNode TroupeDynamicFormula() :
{
    SqlNode e;
    SqlNode e2;
    SqlOperator op;
    SqlParserPos opPos;
}
{
    e = TroupeDynamicTerm()
    (
        (
            <PLUS> { op = SqlStdOperatorTable.PLUS; }
        |
            <MINUS> { op = SqlStdOperatorTable.MINUS; }
        |
            <STAR> { op = SqlStdOperatorTable.MULTIPLY; }
        |
            <SLASH> { op = SqlStdOperatorTable.DIVIDE; }
        )
        { opPos = getPos(); }
        e2 = TroupeDynamicTerm() { e = new org.apache.calcite.sql.SqlBasicCall(op, ImmutableList.of(e, e2), opPos); } // at the operator
    )*
    { return e; }
}

/** A metric call such as UNIQUES(), COUNT(*), SUM(x) or AVG(x); a number; or a parenthesised formula. */
SqlNode TroupeDynamicTerm() :
{
    final SqlIdentifier name;
    final Span s;
    SqlLiteral quantifier = null;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    (
        e = NumericLiteral()
    |
        <LPAREN> e = TroupeDynamicFormula() <RPAREN>
    |
        name = FunctionName() { s = span(); }
        <LPAREN>
        [
            <STAR> { args.add(SqlIdentifier.star(getPos())); }
        |
            [ <DISTINCT> { quantifier = SqlSelectKeyword.DISTINCT.symbol(getPos()); } ]
            e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
            ( <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); } )*
        ]
        <RPAREN> {
            e = createCall(name, s.end(this), SqlFunctionCategory.USER_DEFINED_FUNCTION, quantifier, args);
        }
    )
    { return e; }
}

/** DROP DYNAMIC GROUP PROPERTY [IF EXISTS] name. */
SqlDrop TroupeDropDynamicGroupProperty(Span s, boolean replace) :
{
    final SqlIdentifier name;
    boolean ifExists = false;
}
{
    <DYNAMIC> <GROUP> <PROPERTY> [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ] name = SimpleIdentifier() {
        return new SqlDropDynamicGroupProperty(s.end(this), ifExists, name);
    }
}

/**
 * True when the next tokens open a dynamic group property's window (OVER LAST INTERVAL, OVER CALENDAR WEEK or
 * MONTH, OVER INTERVAL, OVER BETWEEN) rather than a window function's OVER (grammar-patch.xml, patch 4).
 */
JAVACODE boolean TroupeDynamicWindowFollows() {
    if (getToken(1).kind != OVER) {
        return false;
    }
    int next = getToken(2).kind;
    return next == INTERVAL || next == BETWEEN
        || next == LAST && getToken(3).kind == INTERVAL
        || next == CALENDAR && (getToken(3).kind == WEEK || getToken(3).kind == MONTH);
}
