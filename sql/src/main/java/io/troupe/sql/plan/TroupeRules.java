package io.troupe.sql.plan;

import org.apache.calcite.plan.Convention;

import io.troupe.sql.exec.AggCall;
import io.troupe.sql.exec.Output;
import io.troupe.sql.schema.EventLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

/**
 * The planner rules that move work from Calcite's Enumerable operators into Troupe's: a filter's
 * id and time conditions into the scan, the columns a plan needs (and time truncations) into a projection,
 * and grouped counts into a dense-key aggregation. Each rule leaves what it cannot translate where it was.
 */
public final class TroupeRules {
    private TroupeRules() {
    }

    public static final RelOptRule FILTER = RuleConfig.of("TroupeFilterRule",
            b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(TroupeTableScan.class).noInputs()),
            FilterRule::new).toRule();

    public static final RelOptRule PROJECT = RuleConfig.of("TroupeProjectRule",
            b0 -> b0.operand(LogicalProject.class).oneInput(b1 -> b1.operand(TroupeRel.class)
                    .predicate(r -> r instanceof TroupeFilter || r instanceof TroupeTableScan).anyInputs()),
            ProjectRule::new).toRule();

    public static final RelOptRule AGGREGATE = RuleConfig.of("TroupeAggregateRule",
            b0 -> b0.operand(LogicalAggregate.class).oneInput(b1 -> b1.operand(TroupeRel.class)
                    .predicate(r -> r instanceof TroupeProject || r instanceof TroupeFilter || r instanceof TroupeTableScan)
                    .anyInputs()),
            AggregateRule::new).toRule();

    public static final RelOptRule SORT = RuleConfig.of("TroupeSortRule",
            b0 -> b0.operand(org.apache.calcite.rel.logical.LogicalSort.class).oneInput(b1 -> b1.operand(TroupeRel.class)
                    .predicate(r -> r instanceof TroupeProject || r instanceof TroupeFilter || r instanceof TroupeTableScan)
                    .anyInputs()),
            SortRule::new).toRule();

    public static final RelOptRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
            .withConversion(RelNode.class, TroupeRel.CONVENTION, EnumerableConvention.INSTANCE, "TroupeToEnumerableConverterRule")
            .withRuleFactory(ToEnumerableRule::new)
            .toRule();

    /** The rules the cost-based search needs: only the conversion to Enumerable (the push-down rules run before it). */
    public static final List<RelOptRule> RULES = List.of(TO_ENUMERABLE);

    /** A report over rows only Calcite's operators produce: the same kernels, fed row at a time. */
    public static final RelOptRule ENUMERABLE_REPORT = EnumerableReport.RULE;

    /** Calcite's rule for table functions, for every one but the report function. */
    public static final RelOptRule OTHER_TABLE_FUNCTIONS =
            org.apache.calcite.adapter.enumerable.EnumerableTableFunctionScanRule.DEFAULT_CONFIG
                    .withConversion(org.apache.calcite.rel.logical.LogicalTableFunctionScan.class,
                            s -> !(s.getCall() instanceof org.apache.calcite.rex.RexCall c
                                    && c.getOperator() == io.troupe.sql.report.ReportFunction.INSTANCE),
                            Convention.NONE, org.apache.calcite.adapter.enumerable.EnumerableConvention.INSTANCE,
                            "EnumerableTableFunctionScanRule")
                    .toRule(org.apache.calcite.adapter.enumerable.EnumerableTableFunctionScanRule.class);

    static EventLayout layoutOf(RelNode node) {
        if (node instanceof TroupeTableScan scan) {
            return scan.layout();
        }
        if (node instanceof TroupeFilter filter) {
            return filter.layout();
        }
        if (node instanceof TroupeProject project) {
            return project.layout();
        }
        throw new IllegalArgumentException("not a Troupe scan, filter or project: " + node);
    }

    /** The rel behind a planner placeholder (a Volcano subset or a Hep vertex), or the rel itself. */
    static RelNode unwrap(RelNode node) {
        if (node instanceof org.apache.calcite.plan.volcano.RelSubset subset) {
            RelNode best = subset.getBest();
            if (best != null) {
                return best;
            }
            for (RelNode r : subset.getRelList()) {
                if (r instanceof TroupeRel) {
                    return r;
                }
            }
            return subset.getOriginal();
        }
        if (node instanceof org.apache.calcite.plan.hep.HepRelVertex vertex) {
            return vertex.getCurrentRel();
        }
        return node;
    }

    /** The outputs a Troupe rel produces (its row, as the aggregation sees it). */
    static List<Output> outputsOf(RelNode node, EventLayout layout) {
        if (node instanceof TroupeProject p) {
            List<Output> outs = new ArrayList<>();
            for (RexNode e : p.getProjects()) {
                outs.add(RexTranslator.output(e, layout));
            }
            return outs;
        }
        List<Output> outs = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            outs.add(new Output.Field(i));
        }
        return outs;
    }

    static final class FilterRule extends RelRule<RuleConfig> {
        FilterRule(RuleConfig config) {
            super(config);
        }

        @Override
        public void onMatch(RelOptRuleCall call) {
            LogicalFilter filter = call.rel(0);
            TroupeTableScan scan = call.rel(1);
            RexBuilder rex = filter.getCluster().getRexBuilder();
            RexNode condition = RexUtil.expandSearch(rex, null, filter.getCondition());
            List<RexNode> pushed = new ArrayList<>();
            List<RexNode> kept = new ArrayList<>();
            for (RexNode c : RelOptUtil.conjunctions(condition)) {
                (RexTranslator.predicate(c, scan.layout()) != null ? pushed : kept).add(c);
            }
            if (pushed.isEmpty()) {
                return;
            }
            RelNode troupe = new TroupeFilter(scan.getCluster(), scan.getTraitSet(), scan,
                    RexUtil.composeConjunction(rex, pushed), scan.layout());
            call.transformTo(kept.isEmpty() ? troupe : LogicalFilter.create(troupe, RexUtil.composeConjunction(rex, kept)));
        }
    }

    static final class ProjectRule extends RelRule<RuleConfig> {
        ProjectRule(RuleConfig config) {
            super(config);
        }

        @Override
        public void onMatch(RelOptRuleCall call) {
            LogicalProject project = call.rel(0);
            RelNode input = call.rel(1);
            EventLayout layout = layoutOf(input);
            RexBuilder rex = project.getCluster().getRexBuilder();
            Map<String, Integer> index = new LinkedHashMap<>();
            List<RexNode> bottom = new ArrayList<>();
            boolean allTranslated = true;
            for (RexNode e : project.getProjects()) {
                if (RexTranslator.output(e, layout) != null) {
                    add(e, bottom, index);
                } else {
                    allTranslated = false;
                    for (int i : RelOptUtil.InputFinder.bits(e)) {
                        add(rex.makeInputRef(input, i), bottom, index);
                    }
                }
            }
            if (bottom.isEmpty()) {
                return; // only constants: nothing to read
            }
            if (allTranslated) {
                call.transformTo(new TroupeProject(project.getCluster(), input.getTraitSet(), input,
                        project.getProjects(), project.getRowType(), layout));
                return;
            }
            RelDataType bottomType = RexUtil.createStructType(project.getCluster().getTypeFactory(), bottom, null, null);
            TroupeProject troupe = new TroupeProject(project.getCluster(), input.getTraitSet(), input, bottom, bottomType, layout);
            List<RexNode> top = new ArrayList<>();
            RexShuttle remap = new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    return rex.makeInputRef(troupe, index.get(key(ref)));
                }
            };
            for (RexNode e : project.getProjects()) {
                Integer at = RexTranslator.output(e, layout) != null ? index.get(key(e)) : null;
                top.add(at != null ? rex.makeInputRef(troupe, at) : e.accept(remap));
            }
            call.transformTo(LogicalProject.create(troupe, project.getHints(), top, project.getRowType(), project.getVariablesSet()));
        }

        /** Expressions are shared by their text and type: FLOOR(t TO WEEK) and DATE_TRUNC('week', t) print alike. */
        static String key(RexNode e) {
            return e + ":" + e.getType().getFullTypeString();
        }

        /** Adds {@code e} to a projection being built unless it is there already; returns its position. */
        static int add(RexNode e, List<RexNode> bottom, Map<String, Integer> index) {
            return index.computeIfAbsent(key(e), k -> {
                bottom.add(e);
                return bottom.size() - 1;
            });
        }
    }

    static final class AggregateRule extends RelRule<RuleConfig> {
        AggregateRule(RuleConfig config) {
            super(config);
        }

        @Override
        public void onMatch(RelOptRuleCall call) {
            LogicalAggregate agg = call.rel(0);
            RelNode input = call.rel(1);
            if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
                return;
            }
            EventLayout layout = layoutOf(input);
            List<Output> outputs = outputsOf(input, layout);
            for (int key : agg.getGroupSet()) {
                if (!RexTranslator.supports(outputs.get(key), layout, null)) {
                    return;
                }
            }
            for (AggregateCall c : agg.getAggCallList()) {
                AggCall t = RexTranslator.aggCall(c);
                if (t == null || (t.kind() != AggCall.Kind.COUNT_STAR && !RexTranslator.supports(outputs.get(t.arg()), layout, t.kind()))) {
                    return;
                }
            }
            call.transformTo(new TroupeAggregate(agg.getCluster(), agg.getTraitSet().replace(TroupeRel.CONVENTION), input,
                    agg.getGroupSet(), agg.getAggCallList()));
        }
    }

    /** A LIMIT with one ORDER BY key that is a time (or time bucket) of the scan's rows. */
    static final class SortRule extends RelRule<RuleConfig> {
        SortRule(RuleConfig config) {
            super(config);
        }

        @Override
        public void onMatch(RelOptRuleCall call) {
            org.apache.calcite.rel.logical.LogicalSort sort = call.rel(0);
            RelNode input = call.rel(1);
            if (!(sort.fetch instanceof org.apache.calcite.rex.RexLiteral)
                    || (sort.offset != null && !(sort.offset instanceof org.apache.calcite.rex.RexLiteral))
                    || sort.getCollation().getFieldCollations().size() != 1) {
                return;
            }
            EventLayout layout = layoutOf(input);
            Output key = outputsOf(input, layout).get(sort.getCollation().getFieldCollations().get(0).getFieldIndex());
            if (!(key instanceof Output.Floor) && !(key instanceof Output.Field f && layout.field(f.field()).isTime())) {
                return;
            }
            call.transformTo(new TroupeSort(sort.getCluster(), sort.getTraitSet().replace(TroupeRel.CONVENTION), input,
                    sort.getCollation(), sort.offset, sort.fetch));
        }
    }

    static final class ToEnumerableRule extends ConverterRule {
        ToEnumerableRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            return new TroupeToEnumerableConverter(rel.getCluster(),
                    rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
        }
    }
}
