package io.troupe.sql.functions;

import io.troupe.sql.exec.retention.RetentionKernel;
import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.Resources;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.util.Optionality;

/**
 * {@code RETENTION_FLAGS(event_time, <start_cond>, <return_cond>, <period interval>, <periods>)}: per group of a
 * plain GROUP BY, a {@code BOOLEAN ARRAY} of {@code periods + 1} flags, element {@code k} (SQL index {@code k + 1})
 * true when the group was retained in period {@code k}; NULL for a group with no start. Semantics of
 * {@link RetentionKernel} in mode N_DAY, not CALENDAR (the aggregate has no MODE or CALENDAR arguments; the
 * {@code RETENTION} report has them), with no eligibility: the flags say what happened, a period that had not
 * ended by the end of the data may be false only because it has not. The period is a positive day-time interval
 * literal, the number of periods an integer literal from 0 to {@value RetentionKernel#MAX_PERIODS}.
 * Troupe computes it in its own aggregation ({@code TroupeFunnelRule}); it has no row-at-a-time form.
 */
public final class RetentionFlagsFunction extends SqlAggFunction {
    public static final RetentionFlagsFunction INSTANCE = new RetentionFlagsFunction();

    private RetentionFlagsFunction() {
        super("RETENTION_FLAGS", null, SqlKind.OTHER_FUNCTION, RetentionFlagsFunction::flagsType, null, null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION, false, false, Optionality.FORBIDDEN);
    }

    /** {@code BOOLEAN NOT NULL ARRAY}, nullable (NULL for a group without a start). */
    private static RelDataType flagsType(org.apache.calcite.sql.SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        return types.createTypeWithNullability(types.createArrayType(types.createSqlType(SqlTypeName.BOOLEAN), -1), true);
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
        return SqlOperandCountRanges.of(5);
    }

    @Override
    public String getAllowedSignatures(String opNameToUse) {
        return opNameToUse + "(<TIMESTAMP>, <BOOLEAN>, <BOOLEAN>, <INTERVAL DAY TO SECOND>, <INTEGER>)";
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
        boolean ok = binding.getOperandType(0).getSqlTypeName() == SqlTypeName.TIMESTAMP
                && binding.getOperandType(1).getSqlTypeName() == SqlTypeName.BOOLEAN
                && binding.getOperandType(2).getSqlTypeName() == SqlTypeName.BOOLEAN
                && SqlTypeFamily.INTERVAL_DAY_TIME.contains(binding.getOperandType(3))
                && SqlTypeFamily.INTEGER.contains(binding.getOperandType(4));
        if (!ok) {
            if (throwOnFailure) {
                throw binding.newValidationSignatureError();
            }
            return false;
        }
        SqlNode period = binding.operand(3);
        SqlNode periods = binding.operand(4);
        if (!(period instanceof SqlLiteral p)) {
            return fail(binding, throwOnFailure, period, FunctionResource.RESOURCE.literalArgument(getName(), "period",
                    "INTERVAL '1' DAY"));
        }
        if (!(periods instanceof SqlLiteral n)) {
            return fail(binding, throwOnFailure, periods, FunctionResource.RESOURCE.literalArgument(getName(),
                    "number of periods", "7"));
        }
        Long ms = p.getValueAs(Long.class);
        if (ms == null || ms <= 0) {
            return fail(binding, throwOnFailure, period, FunctionResource.RESOURCE.argumentOutOfRange(getName(), "period",
                    "a positive interval", p.toString()));
        }
        BigDecimal count = n.getValueAs(BigDecimal.class);
        if (count == null || count.signum() < 0 || count.compareTo(BigDecimal.valueOf(RetentionKernel.MAX_PERIODS)) > 0) {
            return fail(binding, throwOnFailure, periods, FunctionResource.RESOURCE.argumentOutOfRange(getName(),
                    "number of periods", "0 to " + RetentionKernel.MAX_PERIODS + " (the periods after period 0)",
                    n.toString()));
        }
        return true;
    }

    private static boolean fail(SqlCallBinding binding, boolean throwOnFailure, SqlNode at,
                                Resources.ExInst<SqlValidatorException> e) {
        if (throwOnFailure) {
            throw binding.getValidator().newValidationError(at, e);
        }
        return false;
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
