package io.troupe.sql.report;

import io.troupe.sql.parser.FunnelOrder;
import io.troupe.sql.parser.MicroscopeOutcome;
import io.troupe.sql.parser.RetentionMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report computes beyond its input rows, carried from the rewritten statement to the planner as one
 * string literal ({@code kind=FUNNEL;steps=3;window=604800000;...}), so that the report's table function has
 * plain SQL operands and its result type can be derived from them.
 *
 * <p>The input rows (the report's cursor) have, in order: the unit, {@code event_time}, the breakdowns, then for a
 * funnel the value held constant (if any), the steps and the exclusions; for a retention the start and the return
 * condition.
 *
 * @param kind            FUNNEL or RETENTION
 * @param unitName        the unit's column name, for a microscope's output (org_id, user_id)
 * @param breakdowns      number of breakdown columns
 * @param steps           funnel steps
 * @param window          funnel window in ms
 * @param order           funnel order
 * @param hold            whether a value is held constant
 * @param exclusionFrom   per exclusion, its first step (1-based)
 * @param exclusionTo     per exclusion, its last step
 * @param mode            retention mode
 * @param calendar        retention in calendar days
 * @param period          retention period in ms
 * @param periods         retention periods after period 0
 * @param microscopeIndex the step or period a microscope opens, 0 for a plain report
 * @param outcome         the microscope's outcome, or null
 */
public record ReportOptions(Kind kind, String unitName, int breakdowns, int steps, long window, FunnelOrder order,
                            boolean hold, int[] exclusionFrom, int[] exclusionTo, RetentionMode mode, boolean calendar,
                            long period, int periods, int microscopeIndex, MicroscopeOutcome outcome) {

    public enum Kind { FUNNEL, RETENTION }

    public boolean microscope() {
        return outcome != null;
    }

    /** Index of the first step (funnel) or of the start condition (retention) among the input columns. */
    public int firstCondition() {
        return 2 + breakdowns + (hold ? 1 : 0);
    }

    /** The input column of the held value, when there is one. */
    public int holdColumn() {
        return 2 + breakdowns;
    }

    public int exclusions() {
        return exclusionFrom.length;
    }

    public String encode() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind.name());
        m.put("unit", unitName);
        m.put("breakdowns", Integer.toString(breakdowns));
        if (kind == Kind.FUNNEL) {
            m.put("steps", Integer.toString(steps));
            m.put("window", Long.toString(window));
            m.put("order", order.name());
            m.put("hold", Boolean.toString(hold));
            List<String> ex = new ArrayList<>();
            for (int i = 0; i < exclusionFrom.length; i++) {
                ex.add(exclusionFrom[i] + "-" + exclusionTo[i]);
            }
            m.put("exclusions", String.join(",", ex));
        } else {
            m.put("mode", mode.name());
            m.put("calendar", Boolean.toString(calendar));
            m.put("period", Long.toString(period));
            m.put("periods", Integer.toString(periods));
        }
        if (outcome != null) {
            m.put("microscope", microscopeIndex + ":" + outcome.name());
        }
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ";").append(k).append('=').append(v));
        return sb.toString();
    }

    public static ReportOptions decode(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            m.put(part.substring(0, eq), part.substring(eq + 1));
        }
        Kind kind = Kind.valueOf(m.get("kind"));
        int breakdowns = Integer.parseInt(m.get("breakdowns"));
        int microscopeIndex = 0;
        MicroscopeOutcome outcome = null;
        if (m.containsKey("microscope")) {
            String[] mc = m.get("microscope").split(":");
            microscopeIndex = Integer.parseInt(mc[0]);
            outcome = MicroscopeOutcome.valueOf(mc[1]);
        }
        if (kind == Kind.FUNNEL) {
            String ex = m.get("exclusions");
            String[] ranges = ex.isEmpty() ? new String[0] : ex.split(",");
            int[] from = new int[ranges.length];
            int[] to = new int[ranges.length];
            for (int i = 0; i < ranges.length; i++) {
                String[] r = ranges[i].split("-");
                from[i] = Integer.parseInt(r[0]);
                to[i] = Integer.parseInt(r[1]);
            }
            return new ReportOptions(kind, m.get("unit"), breakdowns, Integer.parseInt(m.get("steps")),
                    Long.parseLong(m.get("window")), FunnelOrder.valueOf(m.get("order")),
                    Boolean.parseBoolean(m.get("hold")), from, to, null, false, 0, 0, microscopeIndex, outcome);
        }
        return new ReportOptions(kind, m.get("unit"), breakdowns, 0, 0, null, false, new int[0], new int[0],
                RetentionMode.valueOf(m.get("mode")), Boolean.parseBoolean(m.get("calendar")),
                Long.parseLong(m.get("period")), Integer.parseInt(m.get("periods")), microscopeIndex, outcome);
    }
}
