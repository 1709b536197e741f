package io.troupe.sql.plan;

import io.troupe.sql.exec.AggCall;
import io.troupe.sql.exec.Output;
import io.troupe.sql.exec.Predicate;
import io.troupe.sql.functions.FunnelLevelFunction;
import io.troupe.sql.functions.RetentionFlagsFunction;
import io.troupe.sql.schema.EventLayout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * An aggregation with {@code FUNNEL_LEVEL} or {@code RETENTION_FLAGS} over the scan: the step conditions (a
 * retention's start and return conditions), which Calcite put in the projection below the aggregation, become
 * predicates the aggregation evaluates as batch masks, so the projection reads only the keys and {@code event_time}.
 * Runs before {@link TroupeRules#PROJECT} would split that projection. Every step condition must be one Troupe
 * evaluates (ids, times): neither aggregate has a row-at-a-time form, so a step it cannot evaluate is refused with
 * SQL_UNSUPPORTED.
 */
final class FunnelRule extends RelRule<RuleConfig> {
    static final RelOptRule INSTANCE = RuleConfig.of("TroupeFunnelRule",
            b0 -> b0.operand(LogicalAggregate.class).oneInput(b1 -> b1.operand(LogicalProject.class)
                    .oneInput(b2 -> b2.operand(TroupeRel.class)
                            .predicate(r -> r instanceof TroupeFilter || r instanceof TroupeTableScan).anyInputs())),
            FunnelRule::new).toRule();

    FunnelRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalAggregate agg = call.rel(0);
        LogicalProject project = call.rel(1);
        RelNode input = call.rel(2);
        if (agg.getGroupType() != Aggregate.Group.SIMPLE
                || agg.getAggCallList().stream().noneMatch(c -> c.getAggregation() == FunnelLevelFunction.INSTANCE
                        || c.getAggregation() == RetentionFlagsFunction.INSTANCE)) {
            return;
        }
        EventLayout layout = TroupeRules.layoutOf(input);
        List<RexNode> exprs = project.getProjects();
        List<RexNode> bottom = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Integer> keys = new ArrayList<>();
        for (int key : agg.getGroupSet()) {
            RexNode e = exprs.get(key);
            Output o = RexTranslator.output(e, layout);
            if (o == null || !RexTranslator.supports(o, layout, null)) {
                return;
            }
            keys.add(TroupeRules.ProjectRule.add(e, bottom, index));
        }
        List<AggregateCall> newCalls = new ArrayList<>();
        List<AggCall> troupeCalls = new ArrayList<>();
        for (AggregateCall c : agg.getAggCallList()) {
            if (c.getAggregation() == FunnelLevelFunction.INSTANCE) {
                AggCall funnel = funnel(c, exprs, layout, project.getCluster().getRexBuilder());
                if (funnel == null) {
                    throw new io.troupe.common.TroupeException(io.troupe.common.ErrorCode.SQL_UNSUPPORTED,
                            "FUNNEL_LEVEL takes event_time, a literal interval, and step conditions that compare events"
                                    + " columns (event_type, user_id, group columns, event_time) with constants");
                }
                int time = TroupeRules.ProjectRule.add(exprs.get(c.getArgList().get(0)), bottom, index);
                newCalls.add(c.copy(List.of(time), -1));
                troupeCalls.add(funnel.withArg(time));
                continue;
            }
            if (c.getAggregation() == RetentionFlagsFunction.INSTANCE) {
                AggCall retention = c.filterArg < 0 ? retention(c, exprs, layout, project.getCluster().getRexBuilder()) : null;
                if (retention == null) {
                    throw new io.troupe.common.TroupeException(io.troupe.common.ErrorCode.SQL_UNSUPPORTED,
                            "RETENTION_FLAGS takes event_time, start and return conditions that compare events columns"
                                    + " (event_type, user_id, group columns, event_time) with constants, a literal interval"
                                    + " and a literal number of periods, without FILTER");
                }
                int time = TroupeRules.ProjectRule.add(exprs.get(c.getArgList().get(0)), bottom, index);
                newCalls.add(c.copy(List.of(time), -1));
                troupeCalls.add(retention.withArg(time));
                continue;
            }
            AggCall t = RexTranslator.aggCall(c);
            if (t == null) {
                return;
            }
            if (t.kind() == AggCall.Kind.COUNT_STAR) {
                newCalls.add(c.copy(List.of(), -1));
                troupeCalls.add(t);
                continue;
            }
            RexNode arg = exprs.get(c.getArgList().get(0));
            Output o = RexTranslator.output(arg, layout);
            if (o == null || !RexTranslator.supports(o, layout, t.kind())) {
                return;
            }
            int at = TroupeRules.ProjectRule.add(arg, bottom, index);
            newCalls.add(c.copy(List.of(at), -1));
            troupeCalls.add(t.withArg(at));
        }
        TroupeProject troupe = new TroupeProject(project.getCluster(), input.getTraitSet(), input, bottom,
                RexUtil.createStructType(project.getCluster().getTypeFactory(), bottom, null, null), layout);
        call.transformTo(new TroupeAggregate(agg.getCluster(), agg.getTraitSet().replace(TroupeRel.CONVENTION), troupe,
                ImmutableBitSet.of(keys), newCalls, troupeCalls));
    }

    /** The Troupe form of one FUNNEL_LEVEL call, or null when a step is not a condition Troupe evaluates. */
    private static AggCall funnel(AggregateCall c, List<RexNode> exprs, EventLayout layout,
                                  org.apache.calcite.rex.RexBuilder rex) {
        List<Integer> args = c.getArgList();
        if (!(exprs.get(args.get(0)) instanceof RexInputRef time) || !layout.field(time.getIndex()).isTime()
                || !(exprs.get(args.get(1)) instanceof RexLiteral window) || !(window.getValue() instanceof BigDecimal ms)) {
            return null;
        }
        List<Predicate> steps = new ArrayList<>();
        for (int i = 2; i < args.size(); i++) {
            Predicate p = RexTranslator.predicate(RexUtil.expandSearch(rex, null, exprs.get(args.get(i))), layout);
            if (p == null) {
                return null;
            }
            steps.add(p);
        }
        return new AggCall(AggCall.Kind.FUNNEL_LEVEL, -1, ms.longValueExact(), steps);
    }

    /** The Troupe form of one RETENTION_FLAGS call, or null when a condition is not one Troupe evaluates. */
    private static AggCall retention(AggregateCall c, List<RexNode> exprs, EventLayout layout,
                                     org.apache.calcite.rex.RexBuilder rex) {
        List<Integer> args = c.getArgList();
        if (!(exprs.get(args.get(0)) instanceof RexInputRef time) || !layout.field(time.getIndex()).isTime()
                || !(exprs.get(args.get(3)) instanceof RexLiteral period) || !(period.getValue() instanceof BigDecimal ms)
                || !(exprs.get(args.get(4)) instanceof RexLiteral count) || !(count.getValue() instanceof BigDecimal periods)) {
            return null;
        }
        List<Predicate> conditions = new ArrayList<>(); // start, return: RetentionKernel's START and RETURN bits
        for (int i = 1; i <= 2; i++) {
            Predicate p = RexTranslator.predicate(RexUtil.expandSearch(rex, null, exprs.get(args.get(i))), layout);
            if (p == null) {
                return null;
            }
            conditions.add(p);
        }
        return new AggCall(AggCall.Kind.RETENTION_FLAGS, -1, ms.longValueExact(), conditions, periods.intValueExact());
    }
}
