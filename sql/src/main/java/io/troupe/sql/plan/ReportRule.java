package io.troupe.sql.plan;

import io.troupe.sql.exec.Output;
import io.troupe.sql.exec.Predicate;
import io.troupe.sql.exec.ReportSpec;
import io.troupe.sql.report.ReportFunction;
import io.troupe.sql.report.ReportOptions;
import io.troupe.sql.schema.EventLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * The report function over the rows of a Troupe scan becomes a {@link TroupeReport}: the unit, the time, the
 * breakdowns and a held value become the scan's outputs, the report's conditions predicates. Runs after
 * {@link TroupeRules#FILTER} has moved WHERE into the scan and before {@link TroupeRules#PROJECT} would split
 * the projection. A report whose rows Troupe cannot produce itself (a FROM other than {@code events}, a condition
 * or breakdown on properties) is left to {@link EnumerableReport}, which runs the same kernels row at a time.
 */
final class ReportRule extends RelRule<RuleConfig> {
    static final RelOptRule INSTANCE = RuleConfig.of("TroupeReportRule",
            b0 -> b0.operand(LogicalTableFunctionScan.class)
                    .predicate(s -> s.getCall() instanceof RexCall c && c.getOperator() == ReportFunction.INSTANCE)
                    .anyInputs(),
            ReportRule::new).toRule();

    ReportRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalTableFunctionScan scan = call.rel(0);
        RexCall fn = (RexCall) scan.getCall();
        ReportOptions options = ReportOptions.decode(((RexLiteral) fn.getOperands().get(1)).getValueAs(String.class));
        RelNode input = scan.getInputs().size() == 1 ? TroupeRules.unwrap(scan.getInputs().get(0)) : null;
        if (!(input instanceof LogicalProject project)) {
            return;
        }
        RelNode below = TroupeRules.unwrap(project.getInput());
        if (!(below instanceof TroupeFilter) && !(below instanceof TroupeTableScan)) {
            return;
        }
        EventLayout layout = TroupeRules.layoutOf(below);
        RexBuilder rex = project.getCluster().getRexBuilder();
        List<RexNode> exprs = project.getProjects();
        RexNode unit = exprs.get(0);
        if (!(unit instanceof RexInputRef u) || !layout.field(u.getIndex()).isId()) {
            return;
        }
        int columns = options.firstCondition();
        for (int i = 2; i < columns; i++) {
            RexNode e = exprs.get(i);
            Output o = RexTranslator.output(e, layout);
            if (o == null || !RexTranslator.supports(o, layout, null)) {
                return;
            }
        }
        List<RexNode> bottom = new ArrayList<>(exprs.subList(0, columns));
        List<Predicate> conditions = new ArrayList<>();
        for (int i = columns; i < exprs.size(); i++) {
            Predicate p = RexTranslator.predicate(RexUtil.expandSearch(rex, null, exprs.get(i)), layout);
            if (p == null) {
                return;
            }
            conditions.add(p);
        }
        TroupeProject troupe = new TroupeProject(project.getCluster(), below.getTraitSet(), below, bottom,
                RexUtil.createStructType(project.getCluster().getTypeFactory(), bottom, null, null), layout);
        call.transformTo(new TroupeReport(scan.getCluster(), scan.getTraitSet().replace(TroupeRel.CONVENTION), troupe,
                scan.getRowType(), new ReportSpec(options, conditions)));
    }
}
