package io.troupe.sql.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code MICROSCOPE(<funnel or retention report>, <step or period>, CONVERTED | DROPPED | RETAINED | LOST)}: the
 * unit values behind one data point of a report.
 *
 * <p>Operands: {@code 0} the report (as parsed, normally a {@link SqlFunnel} or {@link SqlRetention}), {@code 1}
 * the step (1-based) or period (0-based) as an unsigned integer literal, {@code 2} the outcome (a symbol literal of
 * {@link MicroscopeOutcome}). Whether the outcome fits the report (CONVERTED/DROPPED for a funnel,
 * RETAINED/LOST for a retention) and the index its range is the validator's to check.
 */
public final class SqlMicroscope extends SqlCall {
    public static final SqlOperator OPERATOR = new Operator();

    private SqlNode report;
    private SqlLiteral index;
    private SqlLiteral outcome;

    public SqlMicroscope(SqlParserPos pos, SqlNode report, SqlLiteral index, SqlLiteral outcome) {
        super(pos);
        this.report = Objects.requireNonNull(report, "report");
        this.index = Objects.requireNonNull(index, "index");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /** The report whose data point is opened. */
    public SqlNode report() {
        return report;
    }

    /** The report as a funnel, or null when it is not one. */
    public SqlFunnel funnel() {
        return report instanceof SqlFunnel f ? f : null;
    }

    /** The report as a retention, or null when it is not one. */
    public SqlRetention retention() {
        return report instanceof SqlRetention r ? r : null;
    }

    /** The step (funnel, 1-based) or period (retention, 0-based). */
    public int index() {
        return index.intValue(true);
    }

    public SqlLiteral indexLiteral() {
        return index;
    }

    public MicroscopeOutcome outcome() {
        return outcome.symbolValue(MicroscopeOutcome.class);
    }

    public SqlLiteral outcomeLiteral() {
        return outcome;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public SqlKind getKind() {
        return SqlKind.OTHER_FUNCTION;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(report, index, outcome);
    }

    @Override
    public void setOperand(int i, SqlNode operand) {
        switch (i) {
            case 0 -> report = Objects.requireNonNull(operand, "report");
            case 1 -> index = (SqlLiteral) Objects.requireNonNull(operand, "index");
            case 2 -> outcome = (SqlLiteral) Objects.requireNonNull(operand, "outcome");
            default -> throw new IllegalArgumentException("MICROSCOPE has 3 operands, not " + (i + 1));
        }
    }

    /** The operator of {@code MICROSCOPE}: unparses the call, copies keep the class. */
    private static final class Operator extends TroupeSyntaxOperator {
        Operator() {
            super("MICROSCOPE", SqlKind.OTHER_FUNCTION);
        }

        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlMicroscope(pos, operands[0], (SqlLiteral) operands[1], (SqlLiteral) operands[2]);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            SqlMicroscope m = (SqlMicroscope) call;
            SqlWriter.Frame frame = writer.startFunCall(getName());
            writer.sep(",");
            m.report.unparse(writer, 0, 0);
            writer.sep(",");
            m.index.unparse(writer, 0, 0);
            writer.sep(",");
            m.outcome.unparse(writer, 0, 0);
            writer.endFunCall(frame);
        }
    }
}
