package io.troupe.sql.plan;

import io.troupe.sql.exec.TopN;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Top-N of events by time ({@code ORDER BY event_time DESC LIMIT 10}): the scan keeps the N best rows in a
 * heap and decodes only rows that enter it, instead of decoding every event for Calcite's sort.
 */
public final class TroupeSort extends Sort implements TroupeRel {
    public TroupeSort(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelCollation collation,
                      RexNode offset, RexNode fetch) {
        super(cluster, traits, input, collation, offset, fetch);
    }

    @Override
    public Sort copy(RelTraitSet traitSet, RelNode input, RelCollation collation, RexNode offset, RexNode fetch) {
        return new TroupeSort(getCluster(), traitSet, input, collation, offset, fetch);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(COST_FACTOR);
    }

    @Override
    public void implement(Implementor implementor) {
        implementor.visit(getInput());
        RelFieldCollation key = collation.getFieldCollations().get(0);
        long skip = offset == null ? 0 : ((RexLiteral) offset).getValueAs(Long.class);
        long take = ((RexLiteral) fetch).getValueAs(Long.class);
        implementor.topN = new TopN(key.getFieldIndex(), key.getDirection() == RelFieldCollation.Direction.DESCENDING,
                skip, take);
    }
}
