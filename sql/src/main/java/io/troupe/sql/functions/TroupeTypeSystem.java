package io.troupe.sql.functions;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Troupe's choices where SQL engines differ (docs/sql.md lists them): AVG of integers is a DOUBLE (analysts
 * expect 1.5, not 1); SUM of integers is a BIGINT, as in PostgreSQL; a CASE whose branches are strings of
 * different lengths is a VARCHAR, not a blank-padded CHAR.
 */
public final class TroupeTypeSystem extends RelDataTypeSystemImpl {
    public static final TroupeTypeSystem INSTANCE = new TroupeTypeSystem();

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory types, RelDataType argumentType) {
        if (SqlTypeUtil.isExactNumeric(argumentType) && !SqlTypeUtil.isDecimal(argumentType)) {
            return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
        }
        return super.deriveAvgAggType(types, argumentType);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory types, RelDataType argumentType) {
        SqlTypeName name = argumentType.getSqlTypeName();
        if (name == SqlTypeName.TINYINT || name == SqlTypeName.SMALLINT || name == SqlTypeName.INTEGER) {
            return types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
        }
        return super.deriveSumType(types, argumentType);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
