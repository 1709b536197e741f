package io.troupe.sql.plan;

import io.troupe.sql.exec.ReportSpec;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A FUNNEL, RETENTION or MICROSCOPE report over a Troupe scan (see {@link io.troupe.sql.report.ReportRewriter}):
 * its input produces the unit, {@code event_time}, the breakdowns and any value held constant; the report's
 * conditions are predicates it evaluates itself as batch masks.
 */
public final class TroupeReport extends ReportRel implements TroupeRel {
    private final ReportSpec spec;

    TroupeReport(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType, ReportSpec spec) {
        super(cluster, traits, input, rowType, spec.options().encode());
        this.spec = spec;
    }

    @Override
    ReportRel with(RelTraitSet traitSet, RelNode input) {
        return new TroupeReport(getCluster(), traitSet, input, rowType, spec);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("conditions", spec.conditions());
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return spec.options().microscope() ? 1000 : 10 * Math.max(1, spec.options().steps() + spec.options().periods());
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return planner.getCostFactory().makeCost(mq.getRowCount(getInput()), 0, 0).multiplyBy(COST_FACTOR);
    }

    @Override
    public void implement(Implementor implementor) {
        implementor.visit(getInput());
        implementor.report = spec;
    }
}
