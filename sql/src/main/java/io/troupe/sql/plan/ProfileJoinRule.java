package io.troupe.sql.plan;

import io.troupe.sql.functions.GroupPropertyFunctions;
import io.troupe.sql.functions.TroupeConvertlets;
import io.troupe.sql.schema.EventsTable;
import io.troupe.sql.schema.GroupProfilesTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * {@code events e JOIN group_profiles p ON p.group_type = 'org_id' AND p.group_value = e.org_id} becomes a
 * look-up per event: {@code p.group_value} is {@code e.org_id}, {@code p.properties} the org's current
 * properties ({@code p.properties['region']} then a dense key Troupe groups by). Exact because the profile
 * table has one row for every group that appears in the statement's events, and none for a NULL group:
 * the inner join keeps exactly the events whose group is not NULL. Left alone when the plan reads a
 * profile's {@code first_seen}, {@code last_seen} or {@code active_users_30d}, or the join is not that equi-join.
 */
final class ProfileJoinRule extends RelRule<RuleConfig> {
    static final ProfileJoinRule INSTANCE = (ProfileJoinRule) RuleConfig.of("TroupeProfileJoinRule",
            b0 -> b0.operand(LogicalJoin.class).anyInputs(), ProfileJoinRule::new).toRule();

    private static final int GROUP_TYPE = 0;
    private static final int GROUP_VALUE = 1;
    private static final int PROPERTIES = 2;

    ProfileJoinRule(RuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalJoin join = call.rel(0);
        if (join.getJoinType() != JoinRelType.INNER) {
            return;
        }
        RelNode left = join.getLeft();
        Profiles right = profiles(TroupeRules.unwrap(join.getRight()));
        if (right == null) {
            return;
        }
        int leftCount = left.getRowType().getFieldCount();
        RexNode condition = join.getCondition();
        if (!(condition instanceof RexCall eq) || eq.getKind() != SqlKind.EQUALS
                || !(eq.getOperands().get(0) instanceof RexInputRef a) || !(eq.getOperands().get(1) instanceof RexInputRef b)) {
            return;
        }
        int leftField = Math.min(a.getIndex(), b.getIndex());
        int rightField = Math.max(a.getIndex(), b.getIndex()) - leftCount;
        if (leftField >= leftCount || rightField < 0 || right.columns.get(rightField) != GROUP_VALUE) {
            return;
        }
        RelColumnOrigin origin = join.getCluster().getMetadataQuery().getColumnOrigin(left, leftField);
        if (origin == null || origin.isDerived() || origin.getOriginTable().unwrap(EventsTable.class) == null) {
            return;
        }
        String column = origin.getOriginTable().getRowType().getFieldList().get(origin.getOriginColumnOrdinal()).getName();
        if (!column.equals(right.groupType)) {
            return;
        }
        RexBuilder rex = join.getCluster().getRexBuilder();
        RexNode group = rex.makeInputRef(left, leftField);
        RelNode kept = LogicalFilter.create(left, rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, group));
        RexNode groupNotNull = rex.makeCast(join.getRight().getRowType().getFieldList().get(rightField).getType(), group, false, false);
        List<RexNode> projects = new ArrayList<>();
        for (int i = 0; i < leftCount; i++) {
            projects.add(rex.makeInputRef(kept, i));
        }
        List<RelDataTypeField> rightFields = join.getRight().getRowType().getFieldList();
        for (int i = 0; i < right.columns.size(); i++) {
            RelDataTypeField f = rightFields.get(i);
            RexNode value = switch (right.columns.get(i)) {
                case GROUP_TYPE -> rex.makeLiteral(right.groupType, f.getType(), true);
                case GROUP_VALUE -> groupNotNull;
                case PROPERTIES -> rex.makeCall(f.getType(), TroupeConvertlets.operator("CURRENT_GROUP_PROPERTIES", GroupPropertyFunctions.PROPERTIES), List.of(rex.makeLiteral(right.groupType), groupNotNull));
                default -> null;
            };
            if (value == null) {
                return; // first_seen, last_seen or active_users_30d: a scan of their own
            }
            projects.add(value);
        }
        call.transformTo(LogicalProject.create(kept, List.of(), projects, join.getRowType(), java.util.Set.of()));
    }

    /** The profile columns a right input exposes, in its order, and the group type it is restricted to. */
    private record Profiles(List<Integer> columns, String groupType) {
    }

    /** {@code [Project of columns] over Filter(group_type = 'x') over Scan(group_profiles)}, or null. */
    private static Profiles profiles(RelNode node) {
        List<Integer> columns = null;
        RelNode n = node;
        if (n instanceof LogicalProject project) {
            columns = new ArrayList<>();
            for (RexNode e : project.getProjects()) {
                if (!(e instanceof RexInputRef ref)) {
                    return null;
                }
                columns.add(ref.getIndex());
            }
            n = TroupeRules.unwrap(project.getInput());
        }
        if (!(n instanceof LogicalFilter filter)) {
            return null;
        }
        RelNode scan = TroupeRules.unwrap(filter.getInput());
        RelOptTable table = scan instanceof TableScan ts ? ts.getTable() : null;
        if (table == null || table.unwrap(GroupProfilesTable.class) == null) {
            return null;
        }
        List<RexNode> conjuncts = RelOptUtil.conjunctions(filter.getCondition());
        if (conjuncts.size() != 1 || !(conjuncts.get(0) instanceof RexCall eq) || eq.getKind() != SqlKind.EQUALS) {
            return null;
        }
        RexNode l = eq.getOperands().get(0);
        RexNode r = eq.getOperands().get(1);
        if (r instanceof RexInputRef) {
            RexNode t = l;
            l = r;
            r = t;
        }
        if (!(l instanceof RexInputRef ref) || ref.getIndex() != GROUP_TYPE || !(r instanceof RexLiteral lit)) {
            return null;
        }
        if (columns == null) {
            columns = new ArrayList<>();
            for (int i = 0; i < scan.getRowType().getFieldCount(); i++) {
                columns.add(i);
            }
        }
        return new Profiles(columns, lit.getValueAs(String.class));
    }
}
