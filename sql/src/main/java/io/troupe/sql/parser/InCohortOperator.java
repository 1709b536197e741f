package io.troupe.sql.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code x IN COHORT name} and {@code x NOT IN COHORT name} while the parser builds the expression tree (with IN's
 * precedence). The call it makes is the function form {@code IN_COHORT(x, 'name')} (wrapped in {@code NOT}), an
 * ordinary call of an unresolved function: the validator resolves it from the project's schema like
 * {@code GROUP_PROPERTY}, and both spellings then take one path. The name literal keeps the position of the name,
 * where an unknown cohort is reported.
 */
public final class InCohortOperator extends SqlBinaryOperator {
    /** The function both spellings become. */
    public static final String FUNCTION = "IN_COHORT";
    public static final InCohortOperator IN_COHORT = new InCohortOperator("IN COHORT", false);
    public static final InCohortOperator NOT_IN_COHORT = new InCohortOperator("NOT IN COHORT", true);

    private final boolean negated;

    private InCohortOperator(String name, boolean negated) {
        super(name, SqlKind.OTHER, 32, true, null, null, null);
        this.negated = negated;
    }

    /** The cohort's name as the function form's second argument: a string literal at the name's position. */
    public static SqlNode cohortName(SqlIdentifier name) {
        return SqlLiteral.createCharString(name.getSimple(), name.getParserPosition());
    }

    @Override
    public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
        SqlUnresolvedFunction function = new SqlUnresolvedFunction(new SqlIdentifier(FUNCTION, pos), null, null, null,
                null, SqlFunctionCategory.USER_DEFINED_FUNCTION);
        SqlCall call = function.createCall(functionQualifier, pos, operands);
        return negated ? SqlStdOperatorTable.NOT.createCall(pos, call) : call;
    }
}
