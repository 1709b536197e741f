package io.troupe.sql.plan;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
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
 * the projection. A report has no row-at-a-time form, so a report whose rows Troupe cannot produce (a FROM other
 * than {@code events}, a condition on something other than events columns and constants) is refused with
 * SQL_UNSUPPORTED, saying which part.
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
        String what = options.microscope() ? "MICROSCOPE" : options.kind().name();
        RelNode input = scan.getInputs().size() == 1 ? TroupeRules.unwrap(scan.getInputs().get(0)) : null;
        if (!(input instanceof LogicalProject project)) {
            throw unsupported(what, "its input is not a scan of events");
        }
        RelNode below = TroupeRules.unwrap(project.getInput());
        if (!(below instanceof TroupeFilter) && !(below instanceof TroupeTableScan)) {
            throw unsupported(what, "it reads events only (FROM events, with a WHERE on events columns, group"
                    + " properties and times); join or compute in an outer query instead");
        }
        EventLayout layout = TroupeRules.layoutOf(below);
        RexBuilder rex = project.getCluster().getRexBuilder();
        List<RexNode> exprs = project.getProjects();
        RexNode unit = exprs.get(0);
        if (!(unit instanceof RexInputRef u) || !layout.field(u.getIndex()).isId()) {
            throw unsupported(what, "its unit must be a group type column or user_id");
        }
        int columns = options.firstCondition();
        for (int i = 2; i < columns; i++) {
            RexNode e = exprs.get(i);
            Output o = RexTranslator.output(e, layout);
            if (o == null || !RexTranslator.supports(o, layout, null)) {
                throw unsupported(what, (i == options.holdColumn() && options.hold() ? "HOLDING CONSTANT" : "a breakdown")
                        + " must be an events column, a time bucket or CURRENT_GROUP_PROPERTY, not " + e);
            }
        }
        List<RexNode> bottom = new ArrayList<>(exprs.subList(0, columns));
        List<Predicate> conditions = new ArrayList<>();
        for (int i = columns; i < exprs.size(); i++) {
            Predicate p = RexTranslator.predicate(RexUtil.expandSearch(rex, null, exprs.get(i)), layout);
            if (p == null) {
                throw unsupported(what, "its conditions compare events columns (event_type, user_id, group columns,"
                        + " event_time) with constants; this one does not: " + exprs.get(i));
            }
            conditions.add(p);
        }
        TroupeProject troupe = new TroupeProject(project.getCluster(), below.getTraitSet(), below, bottom,
                RexUtil.createStructType(project.getCluster().getTypeFactory(), bottom, null, null), layout);
        call.transformTo(new TroupeReport(scan.getCluster(), scan.getTraitSet().replace(TroupeRel.CONVENTION), troupe,
                scan.getRowType(), new ReportSpec(options, conditions)));
    }

    private static TroupeException unsupported(String what, String why) {
        return new TroupeException(ErrorCode.SQL_UNSUPPORTED, what + " here: " + why);
    }
}
