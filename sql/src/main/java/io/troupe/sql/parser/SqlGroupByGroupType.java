package io.troupe.sql.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code GROUP TYPE <group type>}: the unit of analysis of a query, written as the first item of its GROUP BY
 * ({@code GROUP BY GROUP TYPE org_id, plan}).
 *
 * <p>It is a GROUP BY item rather than a field of a {@link SqlSelect} subclass because Calcite copies and rebuilds
 * {@code SqlSelect} nodes in many places (shuttles, {@code clone}, the validator's rewrites) through
 * {@code SqlSelectOperator}, which would drop a subclass; an item of the GROUP BY list survives all of them and
 * unparses where it was written. {@link #find} locates it; the validator takes it out of the GROUP BY before
 * validating the remaining keys as ordinary breakdowns.
 */
public final class SqlGroupByGroupType extends SqlCall {
    public static final SqlOperator OPERATOR = new Operator();

    private SqlIdentifier groupType;

    public SqlGroupByGroupType(SqlParserPos pos, SqlIdentifier groupType) {
        super(pos);
        this.groupType = Objects.requireNonNull(groupType, "groupType");
    }

    /** The group type: a simple identifier such as {@code org_id}, or a quoted one such as {@code "org id"}. */
    public SqlIdentifier groupType() {
        return groupType;
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
        return ImmutableNullableList.of(groupType);
    }

    /** A clause, not an expression: never in parentheses, whatever the writer's settings. */
    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        getOperator().unparse(writer, this, leftPrec, rightPrec);
    }

    @Override
    public void setOperand(int i, SqlNode operand) {
        if (i != 0) {
            throw new IllegalArgumentException("GROUP TYPE has one operand, not " + (i + 1));
        }
        groupType = (SqlIdentifier) Objects.requireNonNull(operand, "operand");
    }

    /**
     * The {@code GROUP TYPE} of a GROUP BY list, or null: it is the list's first item, or the first operand of the
     * list's only item when the query says {@code GROUP BY DISTINCT}.
     */
    public static SqlGroupByGroupType find(SqlNodeList groupBy) {
        if (groupBy == null || groupBy.isEmpty()) {
            return null;
        }
        SqlNode first = groupBy.get(0);
        if (first instanceof SqlCall call && call.getKind() == SqlKind.GROUP_BY_DISTINCT && call.operandCount() > 0) {
            first = call.operand(0);
        }
        return first instanceof SqlGroupByGroupType g ? g : null;
    }

    /** The {@code GROUP TYPE} of a query, or null. */
    public static SqlGroupByGroupType find(SqlSelect select) {
        return find(select.getGroup());
    }

    /** The operator of {@code GROUP TYPE}: unparses the node, copies keep its class. */
    private static final class Operator extends TroupeSyntaxOperator {
        Operator() {
            super("GROUP TYPE", SqlKind.OTHER);
        }

        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlGroupByGroupType(pos, (SqlIdentifier) operands[0]);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            writer.keyword("GROUP");
            writer.keyword("TYPE");
            ((SqlGroupByGroupType) call).groupType.unparse(writer, 0, 0);
        }
    }
}
