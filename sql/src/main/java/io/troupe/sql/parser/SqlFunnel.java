package io.troupe.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code FUNNEL(step_1, ..., step_n [WITHIN <interval>] [ORDER SEQUENTIAL | STRICT | ANY]
 * [EXCLUDING (<cond>) [BETWEEN STEP i AND STEP j]]... [HOLDING CONSTANT <expr>]
 * [STARTING BETWEEN <ts> AND <ts>])}: a funnel report.
 *
 * <p>Operands, in this order (absent options are null, so that the tree says what was written and unparses to
 * it): {@code 0} the steps (a {@link SqlNodeList} of conditions), {@code 1} the window (an interval literal),
 * {@code 2} the order (a symbol literal of {@link FunnelOrder}), {@code 3} the exclusions (a {@link SqlNodeList} of
 * {@link SqlFunnelExclusion}, possibly empty), {@code 4} the holding-constant expression, {@code 5} and {@code 6}
 * the bounds of {@code STARTING BETWEEN}. The accessors give the defaults: order {@code SEQUENTIAL}; the default
 * window (30 days) is the validator's to apply.
 */
public final class SqlFunnel extends SqlCall {
    public static final SqlOperator OPERATOR = new Operator();

    private SqlNodeList steps;
    private SqlNode window;
    private SqlLiteral order;
    private SqlNodeList exclusions;
    private SqlNode holdingConstant;
    private SqlNode startingFrom;
    private SqlNode startingTo;

    public SqlFunnel(SqlParserPos pos, SqlNodeList steps, SqlNode window, SqlLiteral order, SqlNodeList exclusions,
            SqlNode holdingConstant, SqlNode startingFrom, SqlNode startingTo) {
        super(pos);
        this.steps = Objects.requireNonNull(steps, "steps");
        this.window = window;
        this.order = order;
        this.exclusions = exclusions == null ? SqlNodeList.EMPTY : exclusions;
        this.holdingConstant = holdingConstant;
        if ((startingFrom == null) != (startingTo == null)) {
            throw new IllegalArgumentException("STARTING BETWEEN needs both bounds");
        }
        this.startingFrom = startingFrom;
        this.startingTo = startingTo;
    }

    /** A builder for the parser: collects the steps and options, each option at most once. */
    public static Builder builder() {
        return new Builder();
    }

    /** The step conditions, in order (at least one). */
    public SqlNodeList steps() {
        return steps;
    }

    /** The {@code WITHIN} interval, or null when not given (the default window applies). */
    public SqlNode window() {
        return window;
    }

    /** The order mode; {@link FunnelOrder#SEQUENTIAL} when not given. */
    public FunnelOrder order() {
        return order == null ? FunnelOrder.SEQUENTIAL : order.symbolValue(FunnelOrder.class);
    }

    /** The literal of the {@code ORDER} option, or null when not given. */
    public SqlLiteral orderLiteral() {
        return order;
    }

    /** The exclusions, in the order written; empty when none. */
    public List<SqlFunnelExclusion> exclusions() {
        List<SqlFunnelExclusion> list = new ArrayList<>(exclusions.size());
        for (SqlNode n : exclusions) {
            list.add((SqlFunnelExclusion) n);
        }
        return list;
    }

    /** The {@code HOLDING CONSTANT} expression, or null. */
    public SqlNode holdingConstant() {
        return holdingConstant;
    }

    /** The lower bound of {@code STARTING BETWEEN}, or null. */
    public SqlNode startingFrom() {
        return startingFrom;
    }

    /** The upper bound of {@code STARTING BETWEEN}, or null. */
    public SqlNode startingTo() {
        return startingTo;
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
        return ImmutableNullableList.of(steps, window, order, exclusions, holdingConstant, startingFrom, startingTo);
    }

    @Override
    public void setOperand(int i, SqlNode operand) {
        switch (i) {
            case 0 -> steps = (SqlNodeList) Objects.requireNonNull(operand, "steps");
            case 1 -> window = operand;
            case 2 -> order = (SqlLiteral) operand;
            case 3 -> exclusions = operand == null ? SqlNodeList.EMPTY : (SqlNodeList) operand;
            case 4 -> holdingConstant = operand;
            case 5 -> startingFrom = operand;
            case 6 -> startingTo = operand;
            default -> throw new IllegalArgumentException("FUNNEL has 7 operands, not " + (i + 1));
        }
    }

    /**
     * Unparses a bound of {@code STARTING BETWEEN}: an operator expression goes in parentheses (the grammar reads a
     * bound as a primary with {@code +}/{@code -}, so that the {@code AND} between the bounds is not a boolean AND);
     * literals, identifiers and function calls go as they are.
     */
    static void unparseBound(SqlWriter writer, SqlNode bound) {
        bound.unparse(writer, TroupeSyntaxOperator.FUNCTION_PRECEDENCE - 1, TroupeSyntaxOperator.FUNCTION_PRECEDENCE - 1);
    }

    /** Collects a funnel while it is parsed; rejects a second {@code WITHIN}, {@code ORDER}, ... at its position. */
    public static final class Builder {
        private final List<SqlNode> steps = new ArrayList<>();
        private final List<SqlNode> exclusions = new ArrayList<>();
        private SqlNode window;
        private SqlLiteral order;
        private SqlNode holdingConstant;
        private SqlNode startingFrom;
        private SqlNode startingTo;

        private Builder() {
        }

        public Builder step(SqlNode condition) {
            steps.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        public Builder window(SqlParserPos pos, SqlNode interval) {
            once(window, pos, "WITHIN");
            window = interval;
            return this;
        }

        public Builder order(SqlParserPos pos, SqlLiteral mode) {
            once(order, pos, "ORDER");
            order = mode;
            return this;
        }

        public Builder exclusion(SqlNode exclusion) {
            exclusions.add((SqlFunnelExclusion) exclusion);
            return this;
        }

        public Builder holdingConstant(SqlParserPos pos, SqlNode expression) {
            once(holdingConstant, pos, "HOLDING CONSTANT");
            holdingConstant = expression;
            return this;
        }

        public Builder starting(SqlParserPos pos, SqlNode from, SqlNode to) {
            once(startingFrom, pos, "STARTING BETWEEN");
            startingFrom = from;
            startingTo = to;
            return this;
        }

        /** The funnel; an exclusion's step range must lie within the steps ({@code 1 <= i < j <= n}). */
        public SqlFunnel build(SqlParserPos pos) {
            for (SqlNode n : exclusions) {
                SqlFunnelExclusion x = (SqlFunnelExclusion) n;
                if (x.hasStepRange() && (x.fromStep() < 1 || x.fromStep() >= x.toStep() || x.toStep() > steps.size())) {
                    throw SqlUtil.newContextException(x.getParserPosition(),
                            TroupeParserResource.RESOURCE.badExclusionSteps(x.fromStep(), x.toStep(), steps.size()));
                }
            }
            return new SqlFunnel(pos, new SqlNodeList(steps, SqlParserPos.sum(steps)), window, order,
                    new SqlNodeList(exclusions, exclusions.isEmpty() ? pos : SqlParserPos.sum(exclusions)),
                    holdingConstant, startingFrom, startingTo);
        }

        private static void once(Object existing, SqlParserPos pos, String clause) {
            if (existing != null) {
                throw SqlUtil.newContextException(pos, TroupeParserResource.RESOURCE.duplicateClause(clause, "FUNNEL"));
            }
        }
    }

    /** The operator of {@code FUNNEL}: unparses the call, copies keep the class. */
    private static final class Operator extends TroupeSyntaxOperator {
        Operator() {
            super("FUNNEL", SqlKind.OTHER_FUNCTION);
        }

        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlFunnel(pos, (SqlNodeList) operands[0], operands[1], (SqlLiteral) operands[2],
                    (SqlNodeList) operands[3], operands[4], operands[5], operands[6]);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            SqlFunnel f = (SqlFunnel) call;
            SqlWriter.Frame frame = writer.startFunCall(getName());
            for (SqlNode step : f.steps) {
                writer.sep(",");
                step.unparse(writer, 0, 0);
            }
            if (f.window != null) {
                writer.keyword("WITHIN");
                f.window.unparse(writer, 0, 0);
            }
            if (f.order != null) {
                writer.keyword("ORDER");
                f.order.unparse(writer, 0, 0);
            }
            for (SqlNode exclusion : f.exclusions) {
                exclusion.unparse(writer, 0, 0);
            }
            if (f.holdingConstant != null) {
                writer.keyword("HOLDING");
                writer.keyword("CONSTANT");
                f.holdingConstant.unparse(writer, 0, 0);
            }
            if (f.startingFrom != null) {
                writer.keyword("STARTING");
                writer.keyword("BETWEEN");
                unparseBound(writer, f.startingFrom);
                writer.keyword("AND");
                unparseBound(writer, f.startingTo);
            }
            writer.endFunCall(frame);
        }
    }
}
