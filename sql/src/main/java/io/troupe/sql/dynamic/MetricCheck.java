package io.troupe.sql.dynamic;

import io.troupe.common.ErrorCode;
import io.troupe.sql.parser.SqlCreateDynamicGroupProperty;
import io.troupe.storage.dynamic.RefreshWindow;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.avatica.util.TimeUnit;

/**
 * The checks of a dynamic property's metric, window and filter that need no query: what is refused gets its own
 * code and the position of the offending text. The query-level checks (names, types) are the engine's, when
 * {@link DynamicPropertyStatements} prepares the generated query.
 */
final class MetricCheck {
    /** Amplitude metric names that users may try and that a dynamic group property does not compute. */
    private static final Set<String> FREQUENCY_OR_DISTRIBUTION = Set.of("FREQUENCY", "HISTOGRAM", "DISTRIBUTION",
            "PROPERTY_DISTRIBUTION", "PROPCOUNT", "PROPERTY_COUNT", "ACTIVE_PERCENT", "STICKINESS");

    private MetricCheck() {
    }

    /** The one metric of the statement, checked; refuses several metrics, formulas and unsupported metrics. */
    static SqlCall metric(SqlNodeList metrics) {
        if (metrics.size() > 1) {
            throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_FORMULA, metrics.get(1),
                    metrics.size() + " metrics are given");
        }
        SqlNode metric = metrics.get(0);
        if (metric instanceof SqlBasicCall call && isArithmetic(call)) {
            throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_FORMULA, call,
                    "a formula (" + call.getOperator().getName() + " of metrics) is given");
        }
        if (!(metric instanceof SqlCall call) || metric instanceof SqlLiteral) {
            throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_METRIC, metric, "'" + sql(metric) + "' is not a metric");
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        boolean distinct = call.getFunctionQuantifier() != null
                && call.getFunctionQuantifier().getValue() == SqlSelectKeyword.DISTINCT;
        if (FREQUENCY_OR_DISTRIBUTION.contains(name)) {
            throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_METRIC, call,
                    "frequency and property-distribution metrics (" + name + ") give several values per group");
        }
        switch (name) {
            case "UNIQUES" -> {
                if (call.operandCount() != 0 || distinct) {
                    throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_METRIC, call,
                            "UNIQUES() takes no arguments: it counts the distinct users of each group");
                }
            }
            case "COUNT" -> {
                boolean star = call.operandCount() == 1 && call.operand(0) instanceof SqlIdentifier id && id.isStar();
                if (!star || distinct) {
                    throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_METRIC, call, distinct
                            ? "COUNT(DISTINCT ...) counts property values (a distribution); use UNIQUES() for users"
                            : "COUNT takes * (event totals)");
                }
            }
            case "SUM", "AVG" -> {
                if (call.operandCount() != 1 || distinct) {
                    throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_METRIC, call,
                            name + " takes one numeric expression of the event, e.g. " + name
                                    + "(CAST(event_properties['amount'] AS DOUBLE))");
                }
            }
            default -> throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_METRIC, call, "'" + name + "' is not supported");
        }
        return call;
    }

    private static boolean isArithmetic(SqlBasicCall call) {
        SqlKind kind = call.getKind();
        return kind == SqlKind.PLUS || kind == SqlKind.MINUS || kind == SqlKind.TIMES || kind == SqlKind.DIVIDE;
    }

    /** The window of the statement; refuses static ranges, units other than days and lengths past the limit. */
    static RefreshWindow window(SqlCreateDynamicGroupProperty create) {
        return switch (create.window()) {
            case CALENDAR_WEEK -> RefreshWindow.calendarWeek();
            case CALENDAR_MONTH -> RefreshWindow.calendarMonth();
            case BETWEEN -> throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_WINDOW, create.windowPos(), null,
                    "OVER BETWEEN is a static time range; a dynamic property counts a window that moves with each refresh");
            case INTERVAL -> throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_WINDOW, create.windowPos(), null,
                    "OVER INTERVAL without LAST is a static time range; write OVER LAST " + sql(create.interval()));
            case LAST -> lastDays(create.interval());
        };
    }

    private static RefreshWindow lastDays(SqlNode interval) {
        SqlIntervalLiteral.IntervalValue value =
                ((SqlLiteral) interval).getValueAs(SqlIntervalLiteral.IntervalValue.class);
        if (value.getIntervalQualifier().timeUnitRange.startUnit != TimeUnit.DAY
                || value.getIntervalQualifier().timeUnitRange.endUnit != null) {
            throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_WINDOW, interval,
                    "a rolling window is a number of days, e.g. LAST INTERVAL '7' DAY");
        }
        long days;
        try {
            days = value.getSign() * Long.parseLong(value.getIntervalLiteral().strip());
        } catch (NumberFormatException e) {
            throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_WINDOW, interval,
                    "'" + value.getIntervalLiteral() + "' is not a whole number of days");
        }
        if (days < 1 || days > RefreshWindow.MAX_DAYS) {
            throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_WINDOW_TOO_LONG, interval, days, RefreshWindow.MAX_DAYS);
        }
        return RefreshWindow.lastDays((int) days);
    }

    /** Refuses a filter on event_time: the window sets the time range, a time condition would make it static. */
    static void filter(SqlNode filter) {
        if (filter == null) {
            return;
        }
        filter.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                if (!id.isStar() && "event_time".equalsIgnoreCase(id.names.get(id.names.size() - 1))) {
                    throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_WINDOW, id,
                            "a condition on event_time is a static time range; the window after OVER sets the times");
                }
                return null;
            }
        });
    }

    /** SQL text of a node, quoting only the names that need it (what SHOW and the generated query show). */
    static String sql(SqlNode node) {
        SqlDialect dialect = CalciteSqlDialect.DEFAULT;
        return node.toSqlString(c -> c.withDialect(dialect).withQuoteAllIdentifiers(false).withAlwaysUseParentheses(false)
                .withSelectListItemsOnSeparateLines(false).withIndentation(0)).getSql();
    }
}
