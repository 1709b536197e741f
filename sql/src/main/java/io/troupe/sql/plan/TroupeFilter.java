package io.troupe.sql.plan;

import io.troupe.sql.exec.Predicate;
import io.troupe.sql.schema.EventLayout;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/** A filter on dictionary ids and times, directly over the scan; its time conditions prune partitions. */
public final class TroupeFilter extends Filter implements TroupeRel {
    private final EventLayout layout;
    private final Predicate predicate;

    public TroupeFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition, EventLayout layout) {
        super(cluster, traits, input, condition);
        this.layout = layout;
        this.predicate = RexTranslator.predicate(condition, layout);
        if (predicate == null) {
            throw new IllegalArgumentException("not a Troupe filter: " + condition);
        }
    }

    @Override
    public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
        return new TroupeFilter(getCluster(), traitSet, input, condition, layout);
    }

    public EventLayout layout() {
        return layout;
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(COST_FACTOR);
    }

    @Override
    public void implement(Implementor implementor) {
        implementor.visit(getInput());
        implementor.filter = predicate;
    }
}
