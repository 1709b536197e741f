package io.troupe.sql.plan;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * What the two operators of a report share: one input (the report's rows), the report function's row type, and
 * the options that say what it computes ({@link io.troupe.sql.report.ReportOptions}, as text).
 */
abstract class ReportRel extends SingleRel {
    final String options;

    ReportRel(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType, String options) {
        super(cluster, traits, input);
        this.rowType = rowType;
        this.options = options;
    }

    /** The same operator over another input, with other traits. */
    abstract ReportRel with(RelTraitSet traitSet, RelNode input);

    @Override
    public final RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return with(traitSet, sole(inputs));
    }

    @Override
    protected final RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("report", options);
    }
}
