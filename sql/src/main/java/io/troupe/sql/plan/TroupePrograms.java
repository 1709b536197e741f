package io.troupe.sql.plan;

import java.util.List;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The optimisation of a statement: Calcite's standard phases (sub-queries, decorrelation, measures, field
 * trimming, the cost-based Volcano search, the final Calc pass) with one Troupe phase between trimming and
 * the search. That phase pushes work into the scan of {@code events} with a heuristic planner, which sees
 * the logical operators themselves: a filter over the scan, then the projection over it, then the
 * aggregation over that. The cost-based search then plans the rest around the Troupe subtree.
 */
public final class TroupePrograms {
    private TroupePrograms() {
    }

    /** Rules that tidy the logical plan so that filters sit on the scan (also below joins) and projections merge. */
    static final List<RelOptRule> TIDY = List.of(
            CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH, CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_MERGE, ProfileJoinRule.INSTANCE, CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE, CoreRules.AGGREGATE_PROJECT_MERGE);

    /** The Troupe push-down rules, applied bottom up after {@link #TIDY}. */
    static final List<RelOptRule> PUSH_DOWN = List.of(TroupeRules.FILTER, TroupeRules.PROJECT, TroupeRules.AGGREGATE, TroupeRules.SORT);

    public static Program standard() {
        RelMetadataProvider metadata = DefaultRelMetadataProvider.INSTANCE;
        return Programs.sequence(
                Programs.subQuery(metadata),
                Programs.decorrelate(),
                Programs.measure(metadata),
                Programs.trim(),
                pushDown(metadata),
                TroupePrograms::search,
                Programs.calc(metadata));
    }

    static Program pushDown(RelMetadataProvider metadata) {
        HepProgram program = new HepProgramBuilder()
                .addRuleCollection(TIDY)
                .addMatchOrder(HepMatchOrder.BOTTOM_UP)
                .addRuleInstance(TroupeRules.FILTER)
                .addRuleInstance(FunnelRule.INSTANCE) // before PROJECT splits the projection of its step conditions
                .addRuleInstance(ReportRule.INSTANCE) // likewise for a report's conditions
                .addRuleCollection(PUSH_DOWN)
                .build();
        return Programs.of(program, true, metadata);
    }

    /** The cost-based search for the cheapest plan with the required traits (Enumerable). */
    private static RelNode search(RelOptPlanner planner, RelNode rel, org.apache.calcite.plan.RelTraitSet required,
                                  List<org.apache.calcite.plan.RelOptMaterialization> materializations,
                                  List<org.apache.calcite.plan.RelOptLattice> lattices) {
        materializations.forEach(planner::addMaterialization);
        lattices.forEach(planner::addLattice);
        planner.setRoot(rel);
        RelNode root = rel.getTraitSet().equals(required) ? rel : planner.changeTraits(rel, required);
        planner.setRoot(root);
        return planner.chooseDelegate().findBestExp();
    }
}
