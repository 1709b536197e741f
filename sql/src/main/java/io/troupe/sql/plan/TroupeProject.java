package io.troupe.sql.plan;

import io.troupe.sql.exec.Output;
import io.troupe.sql.schema.EventLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * The columns a scan produces: {@code events} columns and {@code event_time} truncated to a unit. Only these
 * columns are read from the segments.
 */
public final class TroupeProject extends Project implements TroupeRel {
    private final EventLayout layout;
    private final List<Output> outputs;

    public TroupeProject(RelOptCluster cluster, RelTraitSet traits, RelNode input, List<? extends RexNode> projects,
                         RelDataType rowType, EventLayout layout) {
        super(cluster, traits, List.of(), input, projects, rowType, java.util.Set.of());
        this.layout = layout;
        List<Output> outs = new ArrayList<>(projects.size());
        for (RexNode e : projects) {
            Output o = RexTranslator.output(e, layout);
            if (o == null) {
                throw new IllegalArgumentException("not a Troupe projection: " + e);
            }
            outs.add(o);
        }
        this.outputs = List.copyOf(outs);
    }

    @Override
    public Project copy(RelTraitSet traitSet, RelNode input, List<RexNode> projects, RelDataType rowType) {
        return new TroupeProject(getCluster(), traitSet, input, projects, rowType, layout);
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
        implementor.outputs = new ArrayList<>(outputs);
    }
}
