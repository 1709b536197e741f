package io.troupe.sql.lookup;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A table function over a static method, like Calcite's {@link TableFunctionImpl} (whose parameters and generated
 * call it uses), but with a row type that does not depend on the arguments (Calcite's own calls the method while it
 * validates, to learn it), and with SQL TIMESTAMP parameters for Java {@code Long} ones named in
 * {@code timestampParameters}: the method gets Calcite's own representation of a TIMESTAMP, UTC milliseconds
 * (a {@code java.sql.Timestamp} parameter would be shifted by the JVM's zone, and Calcite cannot evaluate a
 * TIMESTAMP literal for one while it validates).
 */
final class LookupTableFunction implements TableFunction, ImplementableFunction {
    private final TableFunctionImpl calls;
    private final Function<RelDataTypeFactory, RelDataType> rowType;
    private final List<FunctionParameter> parameters;

    LookupTableFunction(Method method, Function<RelDataTypeFactory, RelDataType> rowType, String... timestampParameters) {
        this.calls = (TableFunctionImpl) TableFunctionImpl.create(method);
        this.rowType = rowType;
        List<String> timestamps = List.of(timestampParameters);
        this.parameters = calls.getParameters().stream()
                .map(p -> timestamps.contains(p.getName()) ? timestamp(p) : p)
                .toList();
    }

    private static FunctionParameter timestamp(FunctionParameter p) {
        return io.troupe.sql.functions.Parameters.of(p.getOrdinal(), p.getName(), p.isOptional(),
                types -> types.createTypeWithNullability(types.createSqlType(SqlTypeName.TIMESTAMP, 3), true));
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return parameters;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types, List<? extends Object> arguments) {
        return rowType.apply(types);
    }

    @Override
    public Type getElementType(List<? extends Object> arguments) {
        return Object[].class;
    }

    @Override
    public CallImplementor getImplementor() {
        return calls.getImplementor();
    }
}
