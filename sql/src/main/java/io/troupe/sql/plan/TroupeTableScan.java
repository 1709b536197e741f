package io.troupe.sql.plan;

import io.troupe.sql.exec.Output;
import io.troupe.sql.schema.EventLayout;
import io.troupe.sql.schema.EventsTable;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/** The scan of {@code events}: every column, every event of the query's snapshot. */
public final class TroupeTableScan extends TableScan implements TroupeRel {
    private final EventsTable events;
    private final EventLayout layout;

    public TroupeTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, EventsTable events,
                           EventLayout layout) {
        super(cluster, traits, List.of(), table);
        this.events = events;
        this.layout = layout;
    }

    public EventLayout layout() {
        return layout;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return this;
    }

    @Override
    public void register(RelOptPlanner planner) {
        TroupeRules.RULES.forEach(planner::addRule);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(COST_FACTOR);
    }

    @Override
    public void implement(Implementor implementor) {
        implementor.table = events;
        implementor.layout = layout;
        implementor.outputs.clear();
        for (int i = 0; i < layout.size(); i++) {
            implementor.outputs.add(new Output.Field(i));
        }
    }
}
