package io.troupe.sql.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.exec.CohortMembers;
import io.troupe.sql.exec.QueryScope;
import io.troupe.sql.exec.ScopedDataContext;
import io.troupe.storage.EventStore;
import io.troupe.storage.cohort.CohortDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code cohort_members}: one row per member of each cohort: {@code cohort}, {@code group_type} (NULL for users),
 * {@code member_value}. A behavioral cohort's rows are its members now, computed by the reading statement (once). A
 * condition {@code cohort = 'name'} is taken by the scan, so that reading one cohort computes only that one.
 */
public final class CohortMembersTable extends AbstractTable implements FilterableTable {
    private final EventStore store;

    public CohortMembersTable(EventStore store) {
        this.store = store;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
        return types.builder()
                .add("cohort", varchar)
                .add("group_type", types.createTypeWithNullability(varchar, true))
                .add("member_value", varchar)
                .build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
        if (!(root.get(ScopedDataContext.SCOPE) instanceof QueryScope scope)) {
            throw new TroupeException(ErrorCode.SQL_UNSUPPORTED, "cohorts outside a project's SQL engine");
        }
        String only = null;
        for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
            String name = cohortNamed(it.next());
            if (name != null && only == null) {
                only = name;
                it.remove(); // answered exactly by the scan
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (CohortDefinition d : store.cohorts().list()) {
            if (only != null && !d.name().equals(only)) {
                continue;
            }
            CohortMembers members = scope.cohortMembers(d.name());
            for (String m : members.values()) {
                rows.add(new Object[] {d.name(), d.groupType(), m});
            }
        }
        return Linq4j.asEnumerable(rows);
    }

    /** The name in {@code cohort = 'name'}, or null. */
    private static String cohortNamed(RexNode filter) {
        if (filter.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> ops = ((RexCall) filter).getOperands();
        RexNode a = ops.get(0);
        RexNode b = ops.get(1);
        if (b instanceof RexInputRef) {
            RexNode t = a;
            a = b;
            b = t;
        }
        if (a instanceof RexInputRef ref && ref.getIndex() == 0 && b instanceof RexLiteral lit) {
            return lit.getValueAs(String.class);
        }
        return null;
    }
}
