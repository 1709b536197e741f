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
 * Calcite's conversions from SQL to row expressions, with Troupe choices: {@code FLOOR(t TO WEEK)} starts
 * weeks on Monday (ISO 8601, like {@code DATE_TRUNC('week', t)}), where Calcite's own starts them on Sunday;
 * the group property functions become look-ups that carry the group type by name (and, for
 * {@code GROUP_PROPERTY}, the row's {@code event_time}).
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
                String type = groupType(c, "CURRENT_GROUP_PROPERTY");
                RexBuilder rex = cx.getRexBuilder();
                SqlUserDefinedFunction lookup = operator("CURRENT_GROUP_PROPERTY", GroupPropertyFunctions.LOOKUP);
                return rex.makeCall(cx.getValidator().getValidatedNodeType(c), lookup,
                        List.of(rex.makeLiteral(type), cx.convertExpression(c.operand(0)), cx.convertExpression(c.operand(1))));
            };
        }
        if (call.getOperator() instanceof SqlUserDefinedFunction udf && udf.getFunction() == GroupPropertyFunctions.AT) {
            return (cx, c) -> {
                String type = groupType(c, "GROUP_PROPERTY");
                RexBuilder rex = cx.getRexBuilder();
                SqlUserDefinedFunction lookup = operator("GROUP_PROPERTY", GroupPropertyFunctions.LOOKUP_AT);
                return rex.makeCall(cx.getValidator().getValidatedNodeType(c), lookup,
                        List.of(rex.makeLiteral(type), cx.convertExpression(c.operand(0)), cx.convertExpression(c.operand(1)),
                                eventTime(cx, (SqlIdentifier) c.operand(0))));
            };
        }
        return StandardConvertletTable.INSTANCE.get(call);
    }

    /**
     * The group type a group property function names by its first argument, a group column; SQL_INVALID when the
     * argument is not a column, UNKNOWN_GROUP_TYPE when the column is not a group type (both at the argument).
     */
    private String groupType(SqlCall c, String function) {
        SqlNode group = c.operand(0);
        if (!(group instanceof SqlIdentifier id)) {
            throw new TroupeException(ErrorCode.SQL_INVALID, at(group), null,
                    group.getParserPosition().getLineNum(), group.getParserPosition().getColumnNum(),
                    function + " takes a group type column (such as org_id) as its first argument");
        }
        String type = id.names.get(id.names.size() - 1);
        if (!isGroupType.test(type)) {
            throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE, at(group), null, type);
        }
        return type;
    }

    /**
     * The {@code event_time} of the row whose group column is {@code group}: the column of that name beside it
     * (same table or subquery). SQL_INVALID at the argument when there is none, e.g. for {@code users.org_id}.
     */
    private static RexNode eventTime(org.apache.calcite.sql2rel.SqlRexContext cx, SqlIdentifier group) {
        List<String> names = new java.util.ArrayList<>(group.names);
        names.set(names.size() - 1, "event_time");
        try {
            RexNode time = cx.convertExpression(new SqlIdentifier(names, group.getParserPosition()));
            if (time.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP) {
                return time;
            }
        } catch (RuntimeException e) {
            // not there: the error below says what to do
        }
        throw new TroupeException(ErrorCode.SQL_INVALID, at(group), null,
                group.getParserPosition().getLineNum(), group.getParserPosition().getColumnNum(),
                "GROUP_PROPERTY takes the value in force at the event's time, so its group column must come from "
                        + "events (or a subquery that also selects event_time); use CURRENT_GROUP_PROPERTY for the latest value");
    }

    private static SqlPosition at(SqlNode node) {
        SqlParserPos p = node.getParserPosition();
        return new SqlPosition(Math.max(1, p.getLineNum()), Math.max(1, p.getColumnNum()));
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
