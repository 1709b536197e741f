package io.troupe.sql.functions;

import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.sql.type.SqlTypeName;

/** The parameters of Troupe's schema functions, as Calcite's {@link FunctionParameter} asks for them. */
public final class Parameters {
    private Parameters() {
    }

    /** A required parameter of a SQL type; TIMESTAMP is Troupe's millisecond TIMESTAMP(3). */
    public static FunctionParameter of(int ordinal, String name, SqlTypeName type) {
        return of(ordinal, name, false,
                types -> type == SqlTypeName.TIMESTAMP ? types.createSqlType(type, 3) : types.createSqlType(type));
    }

    public static FunctionParameter of(int ordinal, String name, boolean optional,
                                       Function<RelDataTypeFactory, RelDataType> type) {
        return new FunctionParameter() {
            @Override
            public int getOrdinal() {
                return ordinal;
            }

            @Override
            public String getName() {
                return name;
            }

            @Override
            public RelDataType getType(RelDataTypeFactory types) {
                return type.apply(types);
            }

            @Override
            public boolean isOptional() {
                return optional;
            }
        };
    }
}
