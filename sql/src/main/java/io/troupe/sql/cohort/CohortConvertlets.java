package io.troupe.sql.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import io.troupe.storage.EventStore;
import io.troupe.storage.cohort.CohortDefinition;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Checks each membership test where the statement is turned into row expressions (the statement is valid SQL by
 * then, and the positions are still there): the cohort's name is a string literal naming a cohort that exists
 * ({@code UNKNOWN_COHORT} at the name), and a cohort of one group type (or of users) is not tested on another group
 * type's column or on {@code user_id} ({@code COHORT_TYPE_MISMATCH} at the tested expression). Everything else is
 * the wrapped table's.
 */
public final class CohortConvertlets implements SqlRexConvertletTable {
    private final EventStore store;
    private final SqlRexConvertletTable delegate;

    public CohortConvertlets(EventStore store, SqlRexConvertletTable delegate) {
        this.store = store;
        this.delegate = delegate;
    }

    @Override
    public SqlRexConvertlet get(SqlCall call) {
        SqlRexConvertlet convertlet = delegate.get(call);
        if (!(call.getOperator() instanceof SqlUserDefinedFunction udf) || udf.getFunction() != CohortFunction.INSTANCE) {
            return convertlet;
        }
        return (cx, c) -> {
            check(c);
            return convertlet.convertCall(cx, c);
        };
    }

    private void check(SqlCall call) {
        SqlNode nameNode = call.operand(1);
        if (!(nameNode instanceof SqlLiteral literal) || literal.getTypeName().getFamily() != SqlTypeFamily.CHARACTER
                || literal.getValueAs(String.class) == null) {
            throw new TroupeException(ErrorCode.SQL_INVALID, at(nameNode), null, line(nameNode), column(nameNode),
                    "IN_COHORT takes the cohort's name as a string literal, e.g. IN_COHORT(org_id, 'power_orgs')");
        }
        String name = literal.getValueAs(String.class);
        CohortDefinition cohort = store.cohorts().get(name);
        if (cohort == null) {
            throw new TroupeException(ErrorCode.UNKNOWN_COHORT, at(nameNode), null, name);
        }
        SqlNode operand = call.operand(0);
        if (operand instanceof SqlIdentifier id && !id.isStar()) {
            String column = id.names.get(id.names.size() - 1);
            String columnType = CohortTypes.typeOfColumn(column, store);
            if (columnType != null && !CohortTypes.sameType(columnType, cohort.groupType())) {
                throw new TroupeException(ErrorCode.COHORT_TYPE_MISMATCH, at(operand), null, cohort.name(),
                        CohortTypes.describe(cohort.groupType()), "it is tested on " + column + ", which holds "
                                + CohortTypes.describe(CohortTypes.typeOrNull(columnType)));
            }
        }
    }

    private static SqlPosition at(SqlNode node) {
        return new SqlPosition(line(node), column(node));
    }

    private static int line(SqlNode node) {
        return Math.max(1, node.getParserPosition().getLineNum());
    }

    private static int column(SqlNode node) {
        return Math.max(1, node.getParserPosition().getColumnNum());
    }
}
