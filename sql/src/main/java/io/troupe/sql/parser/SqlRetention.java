package io.troupe.sql.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code RETENTION(<start_cond>, <return_cond> [, <period interval> [, <periods>]] [MODE N_DAY | UNBOUNDED]
 * [CALENDAR])}: a retention report.
 *
 * <p>Operands, in this order (absent parts are null): {@code 0} the start condition, {@code 1} the return
 * condition, {@code 2} the period, {@code 3} the number of periods, {@code 4} the mode (a symbol literal of
 * {@link RetentionMode}), {@code 5} {@code CALENDAR} (a TRUE literal, or null when not written). The defaults (one
 * day, the number of periods, {@code N_DAY}, 24-hour periods) are the validator's to apply.
 */
public final class SqlRetention extends SqlCall {
    public static final SqlOperator OPERATOR = new Operator();

    private SqlNode startCondition;
    private SqlNode returnCondition;
    private SqlNode period;
    private SqlNode periods;
    private SqlLiteral mode;
    private SqlLiteral calendar;

    public SqlRetention(SqlParserPos pos, SqlNode startCondition, SqlNode returnCondition, SqlNode period,
            SqlNode periods, SqlLiteral mode, SqlLiteral calendar) {
        super(pos);
        this.startCondition = Objects.requireNonNull(startCondition, "startCondition");
        this.returnCondition = Objects.requireNonNull(returnCondition, "returnCondition");
        if (period == null && periods != null) {
            throw new IllegalArgumentException("RETENTION's number of periods needs a period");
        }
        this.period = period;
        this.periods = periods;
        this.mode = mode;
        this.calendar = calendar;
    }

    /** A builder for the parser: rejects a second {@code MODE} or {@code CALENDAR} at its position. */
    public static Builder builder() {
        return new Builder();
    }

    /** The condition of a unit's starting event (its first match starts it). */
    public SqlNode startCondition() {
        return startCondition;
    }

    /** The condition of a returning event. */
    public SqlNode returnCondition() {
        return returnCondition;
    }

    /** The length of a period (an interval), or null when not given. */
    public SqlNode period() {
        return period;
    }

    /** The number of periods, or null when not given. */
    public SqlNode periods() {
        return periods;
    }

    /** The mode; {@link RetentionMode#N_DAY} when not given. */
    public RetentionMode mode() {
        return mode == null ? RetentionMode.N_DAY : mode.symbolValue(RetentionMode.class);
    }

    /** The literal of the {@code MODE} option, or null when not given. */
    public SqlLiteral modeLiteral() {
        return mode;
    }

    /** Whether {@code CALENDAR} was written: periods are calendar days (UTC) rather than 24-hour windows. */
    public boolean calendar() {
        return calendar != null && calendar.booleanValue();
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
        return ImmutableNullableList.of(startCondition, returnCondition, period, periods, mode, calendar);
    }

    @Override
    public void setOperand(int i, SqlNode operand) {
        switch (i) {
            case 0 -> startCondition = Objects.requireNonNull(operand, "startCondition");
            case 1 -> returnCondition = Objects.requireNonNull(operand, "returnCondition");
            case 2 -> period = operand;
            case 3 -> periods = operand;
            case 4 -> mode = (SqlLiteral) operand;
            case 5 -> calendar = (SqlLiteral) operand;
            default -> throw new IllegalArgumentException("RETENTION has 6 operands, not " + (i + 1));
        }
    }

    /** Collects a retention while it is parsed. */
    public static final class Builder {
        private SqlNode startCondition;
        private SqlNode returnCondition;
        private SqlNode period;
        private SqlNode periods;
        private SqlLiteral mode;
        private SqlLiteral calendar;

        private Builder() {
        }

        public Builder startCondition(SqlNode condition) {
            startCondition = condition;
            return this;
        }

        public Builder returnCondition(SqlNode condition) {
            returnCondition = condition;
            return this;
        }

        public Builder period(SqlNode interval) {
            period = interval;
            return this;
        }

        public Builder periods(SqlNode count) {
            periods = count;
            return this;
        }

        public Builder mode(SqlParserPos pos, SqlLiteral value) {
            once(mode, pos, "MODE");
            mode = value;
            return this;
        }

        public Builder calendar(SqlParserPos pos) {
            once(calendar, pos, "CALENDAR");
            calendar = SqlLiteral.createBoolean(true, pos);
            return this;
        }

        public SqlRetention build(SqlParserPos pos) {
            return new SqlRetention(pos, startCondition, returnCondition, period, periods, mode, calendar);
        }

        private static void once(Object existing, SqlParserPos pos, String clause) {
            if (existing != null) {
                throw SqlUtil.newContextException(pos, TroupeParserResource.RESOURCE.duplicateClause(clause, "RETENTION"));
            }
        }
    }

    /** The operator of {@code RETENTION}: unparses the call, copies keep the class. */
    private static final class Operator extends TroupeSyntaxOperator {
        Operator() {
            super("RETENTION", SqlKind.OTHER_FUNCTION);
        }

        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlRetention(pos, operands[0], operands[1], operands[2], operands[3],
                    (SqlLiteral) operands[4], (SqlLiteral) operands[5]);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            SqlRetention r = (SqlRetention) call;
            SqlWriter.Frame frame = writer.startFunCall(getName());
            for (SqlNode arg : new SqlNode[] {r.startCondition, r.returnCondition, r.period, r.periods}) {
                if (arg != null) {
                    writer.sep(",");
                    arg.unparse(writer, 0, 0);
                }
            }
            if (r.mode != null) {
                writer.keyword("MODE");
                r.mode.unparse(writer, 0, 0);
            }
            if (r.calendar()) {
                writer.keyword("CALENDAR");
            }
            writer.endFunCall(frame);
        }
    }
}
