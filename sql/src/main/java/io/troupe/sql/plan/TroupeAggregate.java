package io.troupe.sql.plan;

import io.troupe.sql.exec.AggCall;
import io.troupe.sql.exec.Output;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Grouped aggregation over dense keys (dictionary ids, time buckets): COUNT(*), COUNT(column),
 * COUNT(DISTINCT column) by bitsets over ids, MIN and MAX of times.
 */
public final class TroupeAggregate extends Aggregate implements TroupeRel {
    private final List<AggCall> calls;

    public TroupeAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, ImmutableBitSet groupSet,
                           List<AggregateCall> aggCalls) {
        this(cluster, traits, input, groupSet, aggCalls, translate(aggCalls));
    }

    /** With the Troupe form of each call given (FUNNEL_LEVEL carries its window and step conditions). */
    public TroupeAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, ImmutableBitSet groupSet,
                           List<AggregateCall> aggCalls, List<AggCall> calls) {
        super(cluster, traits, List.of(), input, groupSet, null, aggCalls);
        this.calls = List.copyOf(calls);
    }

    private static List<AggCall> translate(List<AggregateCall> aggCalls) {
        List<AggCall> cs = new ArrayList<>();
        for (AggregateCall call : aggCalls) {
            AggCall c = RexTranslator.aggCall(call);
            if (c == null) {
                throw new IllegalArgumentException("not a Troupe aggregate: " + call);
            }
            cs.add(c);
        }
        return cs;
    }

    @Override
    public Aggregate copy(RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet,
                          List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
        // Calcite's rules may copy this with remapped arguments (merging the projection below): the Troupe form
        // of each call follows its AggregateCall; a funnel keeps its window and steps (they name event columns).
        List<AggCall> remapped = new ArrayList<>();
        for (int i = 0; i < aggCalls.size(); i++) {
            AggregateCall call = aggCalls.get(i);
            if (call.getAggregation() == io.troupe.sql.functions.FunnelLevelFunction.INSTANCE
                    || call.getAggregation() == io.troupe.sql.functions.RetentionFlagsFunction.INSTANCE) {
                remapped.add(calls.get(i).withArg(call.getArgList().get(0)));
            } else {
                remapped.add(RexTranslator.aggCall(call));
            }
        }
        return new TroupeAggregate(getCluster(), traitSet, input, groupSet, aggCalls, remapped);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(COST_FACTOR);
    }

    @Override
    public void implement(Implementor implementor) {
        implementor.visit(getInput());
        // Keep only the outputs the aggregation reads, so the scan reads only their columns.
        List<Output> all = implementor.outputs;
        List<Output> used = new ArrayList<>();
        int[] remap = new int[all.size()];
        java.util.Arrays.fill(remap, -1);
        ImmutableBitSet.Builder needed = ImmutableBitSet.builder().addAll(groupSet);
        for (AggCall c : calls) {
            if (c.kind() != AggCall.Kind.COUNT_STAR) {
                needed.set(c.arg());
            }
        }
        for (int i : needed.build()) {
            remap[i] = used.size();
            used.add(all.get(i));
        }
        int[] keys = new int[groupSet.cardinality()];
        int k = 0;
        for (int i : groupSet) {
            keys[k++] = remap[i];
        }
        List<AggCall> mapped = new ArrayList<>();
        for (AggCall c : calls) {
            mapped.add(c.kind() == AggCall.Kind.COUNT_STAR ? c : c.withArg(remap[c.arg()]));
        }
        implementor.outputs = used;
        implementor.groupKeys = keys;
        implementor.calls = mapped;
    }
}
