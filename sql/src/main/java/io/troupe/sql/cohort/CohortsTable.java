package io.troupe.sql.cohort;

import io.troupe.storage.EventStore;
import io.troupe.storage.cohort.CohortDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code cohorts}: one row per cohort: {@code name}, {@code group_type} (NULL for a cohort of users), {@code kind}
 * ('behavioral', 'static' or 'imported'), {@code definition} (the query, or the imported file's name),
 * {@code created_at}, {@code member_count} (the stored members of a static or imported cohort; NULL for a behavioral
 * one, whose members are computed when used). {@code SHOW COHORTS} lists it by name.
 */
public final class CohortsTable extends AbstractTable implements ScannableTable {
    private final EventStore store;

    public CohortsTable(EventStore store) {
        this.store = store;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
        return types.builder()
                .add("name", varchar)
                .add("group_type", types.createTypeWithNullability(varchar, true))
                .add("kind", varchar)
                .add("definition", varchar)
                .add("created_at", types.createSqlType(SqlTypeName.TIMESTAMP, 3))
                .add("member_count", types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), true))
                .build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        List<Object[]> rows = new ArrayList<>();
        for (CohortDefinition d : store.cohorts().list()) {
            rows.add(new Object[] {d.name(), d.groupType(), d.kind().label(), d.definition(), d.createdAt(),
                    d.kind().storesMembers() ? d.memberCount() : null});
        }
        return Linq4j.asEnumerable(rows);
    }
}
