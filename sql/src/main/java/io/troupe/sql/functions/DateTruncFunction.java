package io.troupe.sql.functions;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.exec.TimeBucket;
import java.util.List;
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
 * {@code DATE_TRUNC(unit, t)} as PostgreSQL and DuckDB spell it: {@code t} truncated to the start of its
 * second, minute, hour, day, week (Monday), month, quarter or year, UTC. The generated code works on
 * Calcite's internal millisecond value, so no time zone of the JVM gets involved.
 */
public final class DateTruncFunction implements ScalarFunction, ImplementableFunction {
    public static final DateTruncFunction INSTANCE = new DateTruncFunction();

    private DateTruncFunction() {
    }

    /** Called by generated code. */
    public static long truncate(String unit, long millis) {
        TimeBucket bucket = TimeBucket.parse(unit);
        if (bucket == null) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT,
                    "DATE_TRUNC unit '" + unit + "' is not one of second, minute, hour, day, week, month, quarter, year");
        }
        return bucket.truncate(millis);
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory types) {
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.TIMESTAMP, 3), true);
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return List.of(parameter(0, "unit", SqlTypeName.VARCHAR), parameter(1, "t", SqlTypeName.TIMESTAMP));
    }

    private static FunctionParameter parameter(int ordinal, String name, SqlTypeName type) {
        return Parameters.of(ordinal, name, type);
    }

    @Override
    public CallImplementor getImplementor() {
        return RexImpTable.createImplementor(
                (translator, call, operands) -> Expressions.call(DateTruncFunction.class, "truncate", operands),
                NullPolicy.STRICT, false);
    }
}
