package io.troupe.sql.functions;

import org.apache.calcite.avatica.util.TimeUnitRange;
import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's conversions from SQL to row expressions, with one Troupe choice: {@code FLOOR(t TO WEEK)} starts
 * weeks on Monday (ISO 8601, like {@code DATE_TRUNC('week', t)}), where Calcite's own starts them on Sunday.
 */
public final class TroupeConvertlets implements SqlRexConvertletTable {
    private final java.util.function.Predicate<String> isGroupType;

    /** @param isGroupType whether a name is a group type of the project (checked where the statement names it) */
    public TroupeConvertlets(java.util.function.Predicate<String> isGroupType) {
        this.isGroupType = isGroupType;
    }

    @Override
    public SqlRexConvertlet get(SqlCall call) {
        if (call.getKind() == SqlKind.FLOOR && call.operandCount() == 2 && isWeek(call.operand(1))) {
            return (cx, c) -> {
                if (cx.getValidator().getValidatedNodeType(c.operand(0)).getSqlTypeName() != SqlTypeName.TIMESTAMP) {
                    return StandardConvertletTable.INSTANCE.get(c).convertCall(cx, c);
                }
                RexBuilder rex = cx.getRexBuilder();
                RexNode time = cx.convertExpression(c.operand(0));
                RexNode unit = rex.makeLiteral("week");
                return rex.makeCall(cx.getValidator().getValidatedNodeType(c), operator("DATE_TRUNC", DateTruncFunction.INSTANCE), List.of(unit, time));
            };
        }
        if (call.getOperator() instanceof SqlUserDefinedFunction udf && udf.getFunction() == GroupPropertyFunctions.CURRENT) {
            return (cx, c) -> {
                SqlNode group = c.operand(0);
                if (!(group instanceof SqlIdentifier id)) {
                    throw new TroupeException(ErrorCode.SQL_INVALID, new SqlPosition(
                            Math.max(1, group.getParserPosition().getLineNum()), Math.max(1, group.getParserPosition().getColumnNum())),
                            null, group.getParserPosition().getLineNum(), group.getParserPosition().getColumnNum(),
                            "CURRENT_GROUP_PROPERTY takes a group type column (such as org_id) as its first argument");
                }
                String type = id.names.get(id.names.size() - 1);
                if (!isGroupType.test(type)) {
                    SqlParserPos at = group.getParserPosition();
                    throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE,
                            new SqlPosition(Math.max(1, at.getLineNum()), Math.max(1, at.getColumnNum())), null, type);
                }
                RexBuilder rex = cx.getRexBuilder();
                SqlUserDefinedFunction lookup = operator("CURRENT_GROUP_PROPERTY", GroupPropertyFunctions.LOOKUP);
                return rex.makeCall(cx.getValidator().getValidatedNodeType(c), lookup,
                        List.of(rex.makeLiteral(type), cx.convertExpression(group), cx.convertExpression(c.operand(1))));
            };
        }
        return StandardConvertletTable.INSTANCE.get(call);
    }

    /**
     * The operator of a schema function, as the validator would resolve it, for calls the planner writes
     * itself (DATE_TRUNC for FLOOR TO WEEK, the group property look-ups).
     */
    public static SqlUserDefinedFunction operator(String name, org.apache.calcite.schema.ScalarFunction function) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                opBinding -> function.getReturnType(opBinding.getTypeFactory()), null, null, function);
    }

    private static boolean isWeek(SqlNode node) {
        if (node instanceof SqlIntervalQualifier q) {
            return q.timeUnitRange == TimeUnitRange.WEEK;
        }
        if (node instanceof SqlLiteral lit && lit.getValue() instanceof TimeUnitRange r) {
            return r == TimeUnitRange.WEEK;
        }
        return false;
    }
}
