package io.troupe.sql.lookup;

import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Checks the literal arguments of {@code GROUP_SEARCH} and {@code GROUP_ACTIVITY} calls before the statement is
 * validated, so that an unknown group type, a bad search or a bad page size is reported at its place in the SQL
 * (the functions themselves run without positions: their arguments may be parameters, checked when they run).
 */
public final class LookupCalls {
    private LookupCalls() {
    }

    /**
     * Throws the first error among the look-up calls in {@code statement}.
     *
     * @param groupTypes whether a group type of that name is declared
     */
    public static void check(SqlNode statement, Predicate<String> groupTypes) {
        if (statement == null) {
            return;
        }
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
                if (name.equals(LookupFunctions.GROUP_SEARCH) || name.equals(LookupFunctions.GROUP_ACTIVITY)) {
                    checkCall(name, call.getOperandList(), groupTypes);
                }
                for (SqlNode operand : call.getOperandList()) {
                    if (operand != null) {
                        operand.accept(this);
                    }
                }
                return null;
            }
        });
    }

    private static void checkCall(String function, List<SqlNode> args, Predicate<String> groupTypes) {
        if (args.isEmpty()) {
            return; // Calcite reports the wrong argument count
        }
        String type = text(args.get(0), "group_type", function);
        if (type != null && !groupTypes.test(type)) {
            throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE, at(args.get(0)), null, type);
        }
        if (args.size() > 1) {
            String second = text(args.get(1), function.equals(LookupFunctions.GROUP_SEARCH) ? "search" : "group_value", function);
            if (second != null && function.equals(LookupFunctions.GROUP_SEARCH)) {
                AccountSearch.parse(second, at(args.get(1)));
            }
        }
        if (function.equals(LookupFunctions.GROUP_ACTIVITY) && args.size() > 2) {
            Long size = integer(args.get(2), "page_size", function);
            if (size != null && (size < 1 || size > GroupActivityTable.MAX_PAGE_SIZE)) {
                throw new TroupeException(ErrorCode.LOOKUP_INVALID_PAGE_SIZE, at(args.get(2)), null, size,
                        GroupActivityTable.MAX_PAGE_SIZE);
            }
        }
    }

    /** A character literal's value; null for anything else (an expression or a parameter, checked when it runs). */
    private static String text(SqlNode node, String argument, String function) {
        if (node instanceof SqlLiteral literal) {
            nullCheck(literal, argument, function);
            if (SqlLiteral.valueMatchesType(literal.getValue(), literal.getTypeName())
                    && literal.getTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER) {
                return literal.getValueAs(String.class);
            }
        }
        return null;
    }

    /** An integer literal, possibly negated; null for anything else. */
    private static Long integer(SqlNode node, String argument, String function) {
        boolean negate = false;
        SqlNode n = node;
        if (n instanceof SqlCall call && call.getKind() == SqlKind.MINUS_PREFIX) {
            negate = true;
            n = call.operand(0);
        }
        if (n instanceof SqlLiteral literal) {
            nullCheck(literal, argument, function);
        }
        if (n instanceof SqlNumericLiteral number && number.isExact()) {
            long value = number.getValueAs(java.math.BigDecimal.class).longValue();
            return negate ? -value : value;
        }
        return null;
    }

    private static void nullCheck(SqlLiteral literal, String argument, String function) {
        if (literal.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL) {
            throw new TroupeException(ErrorCode.LOOKUP_NULL_ARGUMENT, at(literal), null, argument, function);
        }
    }

    private static SqlPosition at(SqlNode node) {
        SqlParserPos p = node.getParserPosition();
        return new SqlPosition(Math.max(1, p.getLineNum()), Math.max(1, p.getColumnNum()));
    }
}
