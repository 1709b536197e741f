package io.troupe.sql.functions;

import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Optionality;

/**
 * {@code FUNNEL_LEVEL(event_time, <window interval>, cond_1, ..., cond_n)}: per group of a plain GROUP BY, the
 * highest step a SEQUENTIAL funnel reached (ClickHouse's {@code windowFunnel(window)(t, c1..cn)}), 0 for none.
 * Troupe computes it in its own aggregation ({@code TroupeFunnelRule}); it has no row-at-a-time form.
 */
public final class FunnelLevelFunction extends SqlAggFunction {
    public static final FunnelLevelFunction INSTANCE = new FunnelLevelFunction();

    /** At most this many steps (a row's matches are a bit mask). */
    public static final int MAX_STEPS = 32;

    private FunnelLevelFunction() {
        super("FUNNEL_LEVEL", null, SqlKind.OTHER_FUNCTION, ReturnTypes.INTEGER, null, null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION, false, false, Optionality.FORBIDDEN);
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
        return SqlOperandCountRanges.between(3, 2 + MAX_STEPS);
    }

    @Override
    public String getAllowedSignatures(String opNameToUse) {
        return opNameToUse + "(<TIMESTAMP>, <INTERVAL DAY TO SECOND>, <BOOLEAN>, ...)";
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
        boolean ok = binding.getOperandType(0).getSqlTypeName() == SqlTypeName.TIMESTAMP
                && SqlTypeFamily.INTERVAL_DAY_TIME.contains(binding.getOperandType(1))
                && binding.operand(1).getKind() == SqlKind.LITERAL;
        for (int i = 2; ok && i < binding.getOperandCount(); i++) {
            ok = binding.getOperandType(i).getSqlTypeName() == SqlTypeName.BOOLEAN;
        }
        if (!ok && throwOnFailure) {
            throw binding.newValidationSignatureError();
        }
        return ok;
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }

    /** The operator table of Troupe's own aggregate functions, chained into the validator's. */
    public static java.util.List<SqlOperator> operators() {
        return java.util.List.of(INSTANCE, RetentionFlagsFunction.INSTANCE);
    }
}
