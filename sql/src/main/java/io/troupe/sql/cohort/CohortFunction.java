package io.troupe.sql.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.exec.QueryScope;
import io.troupe.sql.exec.ScopedDataContext;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code IN_COHORT(value, 'cohort')}: BOOLEAN, whether the value is a member of the cohort now (NULL for a NULL
 * value), the function form of {@code value IN COHORT cohort}. On a dictionary column of {@code events} the planner
 * turns it into a scan predicate on ids ({@code Predicate.InCohort}); anywhere else this row-at-a-time form looks
 * the value up in the statement's member set, computed once per statement.
 */
public final class CohortFunction implements ScalarFunction, ImplementableFunction {
    public static final CohortFunction INSTANCE = new CohortFunction();

    private CohortFunction() {
    }

    /** Called by generated code. */
    public static boolean contains(DataContext root, String value, String cohort) {
        if (!(root.get(ScopedDataContext.SCOPE) instanceof QueryScope scope)) {
            throw new TroupeException(ErrorCode.SQL_UNSUPPORTED, "cohorts outside a project's SQL engine");
        }
        return scope.cohortMembers(cohort).contains(value);
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory types) {
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.BOOLEAN), true);
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return List.of(parameter(0, "value"), parameter(1, "cohort"));
    }

    private static FunctionParameter parameter(int ordinal, String name) {
        return io.troupe.sql.functions.Parameters.of(ordinal, name, SqlTypeName.VARCHAR);
    }

    @Override
    public CallImplementor getImplementor() {
        return RexImpTable.createImplementor((translator, call, operands) -> Expressions.call(CohortFunction.class,
                "contains", translator.getRoot(), operands.get(0), operands.get(1)), NullPolicy.STRICT, false);
    }
}
