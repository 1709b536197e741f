package io.troupe.sql.plan;

import io.troupe.sql.exec.ReportSpec;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A FUNNEL, RETENTION or MICROSCOPE report over a Troupe scan (see {@link io.troupe.sql.report.ReportRewriter}):
 * its input produces the unit, {@code event_time}, the breakdowns and any value held constant; the report's
 * conditions are predicates it evaluates itself as batch masks.
 */
public final class TroupeReport extends SingleRel implements TroupeRel {
    private final ReportSpec spec;

    TroupeReport(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType, ReportSpec spec) {
        super(cluster, traits, input);
        this.rowType = rowType;
        this.spec = spec;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new TroupeReport(getCluster(), traitSet, sole(inputs), rowType, spec);
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("report", spec.options().encode()).item("conditions", spec.conditions());
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
