package io.troupe.sql.plan;

import io.troupe.sql.exec.EventQuery;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Where a Troupe subtree hands its rows to Calcite's generated code: the subtree becomes one
 * {@link EventQuery}, stashed in the generated class and executed with the statement's context.
 */
public final class TroupeToEnumerableConverter extends ConverterImpl implements EnumerableRel {
    public TroupeToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
        super(cluster, ConventionTraitDef.INSTANCE, traits, input);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new TroupeToEnumerableConverter(getCluster(), traitSet, sole(inputs));
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(TroupeRel.COST_FACTOR);
    }

    EventQuery query() {
        TroupeRel.Implementor implementor = new TroupeRel.Implementor();
        implementor.visit(getInput());
        return new EventQuery(implementor.table.store(), implementor.layout, implementor.filter, implementor.outputs,
                implementor.groupKeys, implementor.calls, implementor.topN, implementor.report);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        // One-column rows are scalars for Calcite's operators above (its ARRAY format optimises to SCALAR).
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
        String method = physType.getFormat() == JavaRowFormat.SCALAR ? "executeScalar" : "execute";
        Expression query = implementor.stash(query(), EventQuery.class);
        BlockBuilder block = new BlockBuilder();
        block.add(Expressions.return_(null, Expressions.call(query, method, implementor.getRootExpression())));
        return implementor.result(physType, block.toBlock());
    }
}
