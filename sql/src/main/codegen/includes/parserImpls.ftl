<#--
  Troupe's additions to Calcite's SQL grammar (docs/dialect-syntax.md). Included into Parser.jj by
  config.fmpp's implementationFiles. TroupeGroupingElementList() is called from Calcite's GroupBy() through
  grammar-patch.xml; the three calls are listed in builtinFunctionCallMethods.
-->

/**
 * The items of GROUP BY: Calcite's grouping elements, optionally preceded by
 * GROUP TYPE identifier, the unit of analysis, which is then the list's first item.
 */
List<SqlNode> TroupeGroupingElementList() :
{
    final SqlNode groupType;
    final List<SqlNode> list;
}
{
    (
        groupType = TroupeGroupByGroupType()
        (
            LOOKAHEAD(2) <COMMA> list = GroupingElementList() {
                list.add(0, groupType);
            }
        |
            {
                list = new ArrayList<SqlNode>();
                list.add(groupType);
            }
        )
    |
        list = GroupingElementList()
    )
    { return list; }
}

/** GROUP TYPE identifier (the unit of analysis). */
SqlNode TroupeGroupByGroupType() :
{
    final Span s;
    final SqlIdentifier groupType;
}
{
    <GROUP> { s = span(); } <TYPE>
    groupType = SimpleIdentifier() {
        return new SqlGroupByGroupType(s.end(groupType), groupType);
    }
}

/**
 * FUNNEL(step, ... [WITHIN interval] [ORDER SEQUENTIAL | STRICT | ANY]
 * [EXCLUDING (cond) [BETWEEN STEP i AND STEP j]]... [HOLDING CONSTANT expr]
 * [STARTING BETWEEN ts AND ts]). The options may come in any order; each at
 * most once, except EXCLUDING. Calcite's WITHIN GROUP after a function call
 * in a step takes two tokens of look-ahead (grammar-patch.xml), so WITHIN
 * followed by anything but GROUP ends the steps.
 */
SqlNode TroupeFunnelCall() :
{
    final Span s;
    final SqlFunnel.Builder b = SqlFunnel.builder();
    SqlNode e;
    SqlNode e2;
    Span os;
}
{
    <FUNNEL> { s = span(); }
    <LPAREN>
    e = Expression(ExprContext.ACCEPT_SUB_QUERY) { b.step(e); }
    (
        <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { b.step(e); }
    )*
    (
        <WITHIN> { os = span(); }
        e = IntervalLiteral() { b.window(os.end(this), e); }
    |
        <ORDER> { os = span(); }
        (
            <SEQUENTIAL> { b.order(os.end(this), FunnelOrder.SEQUENTIAL.symbol(getPos())); }
        |   <STRICT> { b.order(os.end(this), FunnelOrder.STRICT.symbol(getPos())); }
        |   <ANY> { b.order(os.end(this), FunnelOrder.ANY.symbol(getPos())); }
        )
    |
        e = TroupeFunnelExclusion() { b.exclusion(e); }
    |
        <HOLDING> { os = span(); } <CONSTANT>
        e = Expression(ExprContext.ACCEPT_SUB_QUERY) { b.holdingConstant(os.end(this), e); }
    |
        <STARTING> { os = span(); } <BETWEEN>
        e = TroupeTimeBound() <AND> e2 = TroupeTimeBound() {
            b.starting(os.end(this), e, e2);
        }
    )*
    <RPAREN> {
        return b.build(s.end(this));
    }
}

/** EXCLUDING (cond) [BETWEEN STEP i AND STEP j], inside FUNNEL. */
SqlNode TroupeFunnelExclusion() :
{
    final Span s;
    final SqlNode condition;
    SqlLiteral from = null;
    SqlLiteral to = null;
}
{
    <EXCLUDING> { s = span(); }
    <LPAREN> condition = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN>
    [
        <BETWEEN> <STEP> from = TroupeUnsignedInt() <AND> <STEP> to = TroupeUnsignedInt()
    ]
    {
        return new SqlFunnelExclusion(s.end(this), condition, from, to);
    }
}

/**
 * A bound of STARTING BETWEEN: a primary (literal, parameter, function call,
 * parenthesized expression...) with + and - (CURRENT_TIMESTAMP - INTERVAL '7'
 * DAY), so that the AND between the bounds is not read as a boolean AND.
 */
SqlNode TroupeTimeBound() :
{
    SqlNode e;
    SqlNode e2;
    SqlOperator op;
}
{
    e = Expression3(ExprContext.ACCEPT_SUB_QUERY)
    (
        (
            <PLUS> { op = SqlStdOperatorTable.PLUS; }
        |   <MINUS> { op = SqlStdOperatorTable.MINUS; }
        )
        e2 = Expression3(ExprContext.ACCEPT_SUB_QUERY) {
            e = op.createCall(Span.of(e, e2).pos(), e, e2);
        }
    )*
    { return e; }
}

/** An unsigned integer literal (a step or period number). */
SqlLiteral TroupeUnsignedInt() :
{
    final int n;
}
{
    n = UnsignedIntLiteral() {
        return SqlLiteral.createExactNumeric(String.valueOf(n), getPos());
    }
}

/**
 * RETENTION(start_cond, return_cond [, period [, periods]]
 * [MODE N_DAY | UNBOUNDED] [CALENDAR]). MODE and CALENDAR in any order, each
 * at most once.
 */
SqlNode TroupeRetentionCall() :
{
    final Span s;
    final SqlRetention.Builder b = SqlRetention.builder();
    SqlNode e;
    Span os;
}
{
    <RETENTION> { s = span(); }
    <LPAREN>
    e = Expression(ExprContext.ACCEPT_SUB_QUERY) { b.startCondition(e); }
    <COMMA>
    e = Expression(ExprContext.ACCEPT_SUB_QUERY) { b.returnCondition(e); }
    [
        <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { b.period(e); }
        [
            <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { b.periods(e); }
        ]
    ]
    (
        <MODE> { os = span(); }
        (
            <N_DAY> { b.mode(os.end(this), RetentionMode.N_DAY.symbol(getPos())); }
        |   <UNBOUNDED> { b.mode(os.end(this), RetentionMode.UNBOUNDED.symbol(getPos())); }
        )
    |
        <CALENDAR> { b.calendar(getPos()); }
    )*
    <RPAREN> {
        return b.build(s.end(this));
    }
}

/**
 * MICROSCOPE(report, step or period, CONVERTED | DROPPED | RETAINED | LOST).
 */
SqlNode TroupeMicroscopeCall() :
{
    final Span s;
    final SqlNode report;
    final SqlLiteral index;
    final MicroscopeOutcome outcome;
    final SqlParserPos outcomePos;
}
{
    <MICROSCOPE> { s = span(); }
    <LPAREN>
    report = Expression(ExprContext.ACCEPT_SUB_QUERY)
    <COMMA>
    index = TroupeUnsignedInt()
    <COMMA>
    (
        <CONVERTED> { outcome = MicroscopeOutcome.CONVERTED; }
    |   <DROPPED> { outcome = MicroscopeOutcome.DROPPED; }
    |   <RETAINED> { outcome = MicroscopeOutcome.RETAINED; }
    |   <LOST> { outcome = MicroscopeOutcome.LOST; }
    )
    { outcomePos = getPos(); }
    <RPAREN> {
        return new SqlMicroscope(s.end(this), report, index, outcome.symbol(outcomePos));
    }
}

/** ALTER USER name PASSWORD 'secret'. */
SqlNode TroupeAlterUser() :
{
    final Span s;
    final SqlIdentifier name;
    final SqlNode password;
}
{
    <ALTER> { s = span(); } <USER> name = SimpleIdentifier() <PASSWORD> password = StringLiteral() {
        return new SqlAlterUser(s.end(this), name, SqlLiteral.unchain(password).getValueAs(String.class));
    }
}

/** CREATE USER name PASSWORD 'secret' [ADMIN] (after CREATE, which SqlCreate() has read). */
SqlCreate TroupeCreateUser(Span s, boolean replace) :
{
    final SqlIdentifier name;
    final SqlNode password;
    boolean admin = false;
}
{
    <USER> name = SimpleIdentifier() <PASSWORD> password = StringLiteral() [ <ADMIN> { admin = true; } ] {
        return new SqlCreateUser(s.end(this), name, SqlLiteral.unchain(password).getValueAs(String.class), admin);
    }
}

/** DROP USER name (after DROP, which SqlDrop() has read). */
SqlDrop TroupeDropUser(Span s, boolean replace) :
{
    final SqlIdentifier name;
}
{
    <USER> name = SimpleIdentifier() {
        return new SqlDropUser(s.end(this), name);
    }
}

/**
 * SHOW COHORTS | SHOW GROUP TYPES | SHOW DYNAMIC GROUP PROPERTIES: a plain query of the catalog table that
 * lists them ({@link SqlShow}), so it runs, streams and fails like any SELECT.
 */
SqlNode TroupeShow() :
{
    final Span s;
    final SqlShow.Target target;
}
{
    <SHOW> { s = span(); }
    (
        <COHORTS> { target = SqlShow.Target.COHORTS; }
    |
        <GROUP> <TYPES> { target = SqlShow.Target.GROUP_TYPES; }
    |
        <DYNAMIC> <GROUP> <PROPERTIES> { target = SqlShow.Target.DYNAMIC_GROUP_PROPERTIES; }
    )
    {
        return SqlShow.query(target, s.end(this));
    }
}
