package io.troupe.sql.plan;

import io.troupe.sql.exec.AggCall;
import io.troupe.sql.exec.Output;
import io.troupe.sql.exec.Predicate;
import io.troupe.sql.schema.EventsTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/**
 * A relational operator Troupe runs itself, vectorized over Arrow batches and dictionary ids. A tree of
 * them (scan, filter, project, aggregate, always in that order) becomes one {@link io.troupe.sql.exec.EventQuery};
 * whatever sits above it runs in Calcite's Enumerable convention.
 */
public interface TroupeRel extends RelNode {
    Convention CONVENTION = new Convention.Impl("TROUPE", TroupeRel.class);

    /** Cost factor against Calcite's operators: Troupe's run on ids without per-row objects. */
    double COST_FACTOR = 0.05;

    void implement(Implementor implementor);

    /** Collects the parts of an {@link io.troupe.sql.exec.EventQuery} from a Troupe subtree, bottom up. */
    final class Implementor {
        EventsTable table;
        io.troupe.sql.schema.EventLayout layout;
        Predicate filter;
        List<Output> outputs = new ArrayList<>();
        int[] groupKeys;
        List<AggCall> calls;
        io.troupe.sql.exec.TopN topN;
        io.troupe.sql.exec.ReportSpec report;

        void visit(RelNode input) {
            ((TroupeRel) TroupeRules.unwrap(input)).implement(this);
        }
    }
}
