package io.troupe.sql.exec;

import io.troupe.sql.report.ReportOptions;
import java.util.List;

/**
 * A FUNNEL, RETENTION or MICROSCOPE report over one scan. The scan's outputs are, in order: the unit (an id
 * column: a group type or {@code user_id}), {@code event_time}, the breakdowns, and the value held constant when
 * there is one ({@link ReportOptions#holdColumn()}).
 *
 * @param options    what the report computes
 * @param conditions funnel: the steps, then the exclusions; retention: the start, then the return condition
 */
public record ReportSpec(ReportOptions options, List<Predicate> conditions) {
    public ReportSpec {
        conditions = List.copyOf(conditions);
    }

    @Override
    public String toString() {
        return options.encode() + " " + conditions;
    }
}
