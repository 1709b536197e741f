package io.troupe.sql.exec;

import io.troupe.sql.report.ReportOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * A report over rows any Calcite operator produced (a FROM with joins or subqueries, conditions on properties):
 * the row-at-a-time form of {@link ReportRun}, with the same kernels. Input rows are {@code [unit, event_time,
 * breakdowns..., held value?, conditions...]} as the report's rewrite lists them; units, breakdowns and held values
 * are numbered through hash maps of their values. Called from the code Calcite generates for
 * {@code EnumerableReport}.
 */
public final class RowReport implements ReportRows.Labels {
    private final ReportOptions options;
    private final List<Object> unitValues = new ArrayList<>();
    private final List<Object[]> breakdownValues = new ArrayList<>();

    private RowReport(ReportOptions options) {
        this.options = options;
    }

    /** The report's rows over {@code input}; {@code options} as {@link ReportOptions#encode()} gives them. */
    public static Enumerable<Object[]> run(String options, Enumerable<Object[]> input, DataContext root) {
        RowReport report = new RowReport(ReportOptions.decode(options));
        QueryScope scope = root instanceof ScopedDataContext scoped ? scoped.scope() : null;
        return Linq4j.asEnumerable(report.compute(input, scope));
    }

    private List<Object[]> compute(Enumerable<Object[]> input, QueryScope scope) {
        ReportRows rows = new ReportRows(options, scope);
        try {
            Map<Object, Integer> units = new HashMap<>();
            Map<List<Object>, Integer> breakdowns = new HashMap<>();
            Map<List<Object>, Integer> pairs = new HashMap<>();
            int b = options.breakdowns();
            int first = options.firstCondition();
            boolean allRows = rows.needsAllRows();
            try (Enumerator<Object[]> e = input.enumerator()) {
                long n = 0;
                while (e.moveNext()) {
                    if ((++n & 0xFFFF) == 0 && scope != null) {
                        scope.check();
                    }
                    Object[] row = e.current();
                    if (row[1] == null) {
                        continue;
                    }
                    long time = ((Number) row[1]).longValue();
                    rows.seen(time);
                    if (row[0] == null) {
                        continue;
                    }
                    int bits = 0;
                    for (int c = first; c < row.length; c++) {
                        if (Boolean.TRUE.equals(row[c])) {
                            bits |= 1 << (c - first);
                        }
                    }
                    if (!allRows && bits == 0) {
                        continue;
                    }
                    int unit = units.computeIfAbsent(row[0], k -> {
                        unitValues.add(k);
                        return unitValues.size() - 1;
                    });
                    if (options.hold()) {
                        Object held = row[options.holdColumn()];
                        if (held == null) {
                            continue;
                        }
                        int pair = pairs.computeIfAbsent(Arrays.asList(unit, held), k -> pairs.size());
                        rows.pair(pair, unit);
                        unit = pair;
                    }
                    int code = 0;
                    if (b > 0) {
                        Object[] values = Arrays.copyOfRange(row, 2, 2 + b);
                        code = breakdowns.computeIfAbsent(Arrays.asList(values), k -> {
                            breakdownValues.add(values);
                            return breakdownValues.size() - 1;
                        });
                    }
                    rows.add(time, unit, bits, code);
                }
            }
            return rows.compute(Math.max(1, breakdownValues.size()), this);
        } finally {
            rows.release();
        }
    }

    @Override
    public void breakdown(int code, Object[] row, int offset) {
        System.arraycopy(breakdownValues.get(code), 0, row, offset, options.breakdowns());
    }

    @Override
    public Object unit(int unit) {
        return unitValues.get(unit);
    }
}
