package io.troupe.sql.plan;

import io.troupe.sql.exec.RowReport;
import io.troupe.sql.report.ReportFunction;
import io.troupe.sql.report.ReportOptions;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;

/**
 * A report over rows Troupe's scan cannot produce by itself (joins, subqueries, conditions on properties): the
 * same kernels fed row at a time ({@link RowReport}). The planner prefers {@link TroupeReport} whenever the rows
 * come from one scan of {@code events}.
 */
public final class EnumerableReport extends ReportRel implements EnumerableRel {
    /** Turns the report function left in the plan into this operator over an Enumerable input. */
    static final ConverterRule RULE = ConverterRule.Config.INSTANCE
            .withConversion(LogicalTableFunctionScan.class,
                    s -> s.getCall() instanceof RexCall c && c.getOperator() == ReportFunction.INSTANCE
                            && s.getInputs().size() == 1,
                    Convention.NONE, EnumerableConvention.INSTANCE, "EnumerableReportRule")
            .withRuleFactory(Rule::new)
            .toRule(ConverterRule.class);

    EnumerableReport(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType, String options) {
        super(cluster, traits, input, rowType, options);
    }

    @Override
    ReportRel with(RelTraitSet traitSet, RelNode input) {
        return new EnumerableReport(getCluster(), traitSet, input, rowType, options);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder block = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        Expression rows = block.append("rows", input.block);
        Expression arrays = input.physType.getFormat() == JavaRowFormat.ARRAY
                ? rows : input.physType.convertTo(rows, JavaRowFormat.ARRAY);
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        block.add(Expressions.return_(null, Expressions.call(RowReport.class, "run",
                Expressions.constant(options), arrays, implementor.getRootExpression())));
        return implementor.result(physType, block.toBlock());
    }

    private static final class Rule extends ConverterRule {
        Rule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalTableFunctionScan scan = (LogicalTableFunctionScan) rel;
            String options = ((RexLiteral) ((RexCall) scan.getCall()).getOperands().get(1)).getValueAs(String.class);
            ReportOptions.decode(options); // fails early on a malformed rewrite
            RelNode input = convert(scan.getInputs().get(0),
                    scan.getInputs().get(0).getTraitSet().replace(EnumerableConvention.INSTANCE));
            return new EnumerableReport(scan.getCluster(), scan.getTraitSet().replace(EnumerableConvention.INSTANCE),
                    input, scan.getRowType(), options);
        }
    }
}
