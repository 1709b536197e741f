<#--
  Troupe's cohort statements and membership test (docs/cohorts.md). Included into Parser.jj by config.fmpp's
  implementationFiles; TroupeInCohort() is called from Calcite's Expression2() through grammar-patch.xml.
-->

/**
 * CREATE [OR REPLACE] [STATIC] COHORT name [FOR GROUP TYPE g] AS query (after CREATE [OR REPLACE], which
 * SqlCreate() has read). The query's first token's position is kept so that the stored definition is the text
 * the user wrote.
 */
SqlCreate TroupeCreateCohort(Span s, boolean replace) :
{
    boolean isStatic = false;
    final SqlIdentifier name;
    SqlIdentifier groupType = null;
    final Token first;
    final SqlNode query;
}
{
    [ <STATIC> { isStatic = true; } ]
    <COHORT> name = SimpleIdentifier()
    [ <FOR> <GROUP> <TYPE> groupType = SimpleIdentifier() ]
    <AS> { first = getToken(1); }
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) {
        return new SqlCreateCohort(s.end(this), replace, isStatic, name, groupType, query, first.beginLine,
            first.beginColumn);
    }
}

/** IMPORT COHORT name [FOR GROUP TYPE g] FROM 'file'. */
SqlNode TroupeImportCohort() :
{
    final Span s;
    final SqlIdentifier name;
    SqlIdentifier groupType = null;
    final SqlNode file;
}
{
    <IMPORT> { s = span(); } <COHORT> name = SimpleIdentifier()
    [ <FOR> <GROUP> <TYPE> groupType = SimpleIdentifier() ]
    <FROM> file = StringLiteral() {
        return new SqlImportCohort(s.end(this), name, groupType, (SqlLiteral) file);
    }
}

/** DROP COHORT [IF EXISTS] name (after DROP, which SqlDrop() has read). */
SqlDrop TroupeDropCohort(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier name;
}
{
    <COHORT>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = SimpleIdentifier() {
        return new SqlDropCohort(s.end(this), ifExists, name);
    }
}

/** IN COHORT or NOT IN COHORT, the operator of a membership test (the cohort's name follows). */
SqlOperator TroupeInCohort() :
{
}
{
    <NOT> <IN> <COHORT> { return InCohortOperator.NOT_IN_COHORT; }
|
    <IN> <COHORT> { return InCohortOperator.IN_COHORT; }
}
