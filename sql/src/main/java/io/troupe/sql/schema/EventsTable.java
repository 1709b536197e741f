package io.troupe.sql.schema;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.plan.TroupeRel;
import io.troupe.sql.plan.TroupeTableScan;
import io.troupe.storage.EventStore;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The {@code events} table: one row per stored event, columns as {@link EventLayout} lists them. Its scan
 * is a {@link TroupeTableScan}, so the planner's Troupe rules can take filters, projections and
 * aggregations over it.
 */
public final class EventsTable extends AbstractTable implements TranslatableTable {
    private final EventStore store;

    public EventsTable(EventStore store) {
        this.store = store;
    }

    public EventStore store() {
        return store;
    }

    public EventLayout layout() {
        return EventLayout.of(store.catalog().state());
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return layout().rowType(typeFactory);
    }

    @Override
    public Statistic getStatistic() {
        return Statistics.of(Math.max(1, store.rowCount()), List.of());
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        EventLayout layout = layout();
        if (layout.size() != relOptTable.getRowType().getFieldCount()) {
            // A group type was declared or dropped between validation and planning: the statement is stale.
            throw new TroupeException(ErrorCode.SQL_EXECUTION_FAILED,
                    "the group types of project '" + store.config().project() + "' changed while the statement was planned: run it again");
        }
        RelOptCluster cluster = context.getCluster();
        return new TroupeTableScan(cluster, cluster.traitSetOf(TroupeRel.CONVENTION), relOptTable, this, layout);
    }
}
