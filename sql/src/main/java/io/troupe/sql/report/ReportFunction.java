package io.troupe.sql.report;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code TROUPE_REPORT(CURSOR(<input rows>), '<options>')}: the table function a FUNNEL, RETENTION or MICROSCOPE
 * statement is rewritten to ({@link ReportRewriter}). Users do not write it; the planner replaces it with the Troupe
 * operator that runs the report ({@code TroupeReport}). Its columns: the breakdowns, then the report's own.
 */
public final class ReportFunction extends SqlFunction implements SqlTableFunction {
    public static final ReportFunction INSTANCE = new ReportFunction();

    public static final String STEP = "step";
    public static final String UNITS = "units";
    public static final String CONVERSION = "conversion";
    public static final String STEP_CONVERSION = "step_conversion";
    public static final String MEDIAN_SECONDS = "median_seconds_to_convert";
    public static final String AVG_SECONDS = "avg_seconds_to_convert";
    public static final String PERIOD_INDEX = "period_index";
    public static final String ELIGIBLE_UNITS = "eligible_units";
    public static final String RETENTION = "retention";

    /** The report's own columns (after the breakdowns), by kind; a microscope has the unit instead. */
    public static final List<String> FUNNEL_COLUMNS =
            List.of(STEP, UNITS, CONVERSION, STEP_CONVERSION, MEDIAN_SECONDS, AVG_SECONDS);
    public static final List<String> RETENTION_COLUMNS = List.of(PERIOD_INDEX, UNITS, ELIGIBLE_UNITS, RETENTION);

    private ReportFunction() {
        super("TROUPE_REPORT", SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null, null,
                SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
        return SqlOperandCountRanges.of(2);
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
        boolean ok = binding.getCursorOperand(0) != null
                && binding.getOperandType(1).getSqlTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER;
        if (!ok && throwOnFailure) {
            throw binding.newValidationSignatureError();
        }
        return ok;
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return ReportFunction::rowType;
    }

    private static RelDataType rowType(SqlOperatorBinding binding) {
        RelDataType input = java.util.Objects.requireNonNull(binding.getCursorOperand(0), "the report's input rows");
        ReportOptions options = ReportOptions.decode(binding.getOperandLiteralValue(1, String.class));
        return rowType(binding.getTypeFactory(), input, options);
    }

    /** The report's columns for input rows of type {@code input}. */
    public static RelDataType rowType(RelDataTypeFactory types, RelDataType input, ReportOptions options) {
        RelDataTypeFactory.Builder b = types.builder();
        List<RelDataTypeField> fields = input.getFieldList();
        for (int i = 0; i < options.breakdowns(); i++) {
            RelDataTypeField f = fields.get(2 + i);
            b.add(f.getName(), types.createTypeWithNullability(f.getType(), true));
        }
        if (options.microscope()) {
            b.add(options.unitName(), types.createTypeWithNullability(fields.get(0).getType(), false));
        } else if (options.kind() == ReportOptions.Kind.FUNNEL) {
            b.add(STEP, SqlTypeName.INTEGER);
            b.add(UNITS, SqlTypeName.BIGINT);
            b.add(CONVERSION, SqlTypeName.DOUBLE).nullable(true);
            b.add(STEP_CONVERSION, SqlTypeName.DOUBLE).nullable(true);
            b.add(MEDIAN_SECONDS, SqlTypeName.DOUBLE).nullable(true);
            b.add(AVG_SECONDS, SqlTypeName.DOUBLE).nullable(true);
        } else {
            b.add(PERIOD_INDEX, SqlTypeName.INTEGER);
            b.add(UNITS, SqlTypeName.BIGINT);
            b.add(ELIGIBLE_UNITS, SqlTypeName.BIGINT);
            b.add(RETENTION, SqlTypeName.DOUBLE).nullable(true);
        }
        return b.build();
    }
}
