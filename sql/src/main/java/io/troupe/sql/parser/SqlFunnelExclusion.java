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
 * {@code EXCLUDING (<cond>) [BETWEEN STEP i AND STEP j]}, one exclusion of a {@link SqlFunnel}: operands are the
 * condition and the optional step range (two integer literals, 1-based, or both null for the whole funnel).
 */
public final class SqlFunnelExclusion extends SqlCall {
    public static final SqlOperator OPERATOR = new Operator();

    private SqlNode condition;
    private SqlLiteral fromStep;
    private SqlLiteral toStep;

    public SqlFunnelExclusion(SqlParserPos pos, SqlNode condition, SqlLiteral fromStep, SqlLiteral toStep) {
        super(pos);
        this.condition = Objects.requireNonNull(condition, "condition");
        if ((fromStep == null) != (toStep == null)) {
            throw new IllegalArgumentException("an exclusion's step range needs both steps or neither");
        }
        this.fromStep = fromStep;
        this.toStep = toStep;
    }

    /** The events that exclude a unit's chain. */
    public SqlNode condition() {
        return condition;
    }

    /** Whether the exclusion names a step range; without one it applies between the first and the last step. */
    public boolean hasStepRange() {
        return fromStep != null;
    }

    /** The first step of the range (1-based), or 0 without a range. */
    public int fromStep() {
        return fromStep == null ? 0 : fromStep.intValue(true);
    }

    /** The last step of the range (1-based), or 0 without a range. */
    public int toStep() {
        return toStep == null ? 0 : toStep.intValue(true);
    }

    /** The literal of {@link #fromStep()}, or null. */
    public SqlLiteral fromStepLiteral() {
        return fromStep;
    }

    /** The literal of {@link #toStep()}, or null. */
    public SqlLiteral toStepLiteral() {
        return toStep;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public SqlKind getKind() {
        return SqlKind.OTHER;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(condition, fromStep, toStep);
    }

    /** A clause of FUNNEL, not an expression: never in parentheses, whatever the writer's settings. */
    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        getOperator().unparse(writer, this, leftPrec, rightPrec);
    }

    @Override
    public void setOperand(int i, SqlNode operand) {
        switch (i) {
            case 0 -> condition = Objects.requireNonNull(operand, "condition");
            case 1 -> fromStep = (SqlLiteral) operand;
            case 2 -> toStep = (SqlLiteral) operand;
            default -> throw new IllegalArgumentException("EXCLUDING has 3 operands, not " + (i + 1));
        }
    }

    /** The operator of an exclusion: unparses it, copies keep the class. */
    private static final class Operator extends TroupeSyntaxOperator {
        Operator() {
            super("EXCLUDING", SqlKind.OTHER);
        }

        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlFunnelExclusion(pos, operands[0], (SqlLiteral) operands[1], (SqlLiteral) operands[2]);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            SqlFunnelExclusion x = (SqlFunnelExclusion) call;
            writer.keyword("EXCLUDING");
            SqlWriter.Frame frame = writer.startList("(", ")");
            x.condition.unparse(writer, 0, 0);
            writer.endList(frame);
            if (x.fromStep != null) {
                writer.keyword("BETWEEN");
                writer.keyword("STEP");
                x.fromStep.unparse(writer, 0, 0);
                writer.keyword("AND");
                writer.keyword("STEP");
                x.toStep.unparse(writer, 0, 0);
            }
        }
    }
}
