package io.troupe.sql.report;

import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import io.troupe.sql.parser.FunnelOrder;
import io.troupe.sql.parser.MicroscopeOutcome;
import io.troupe.sql.parser.SqlFunnel;
import io.troupe.sql.parser.SqlFunnelExclusion;
import io.troupe.sql.parser.SqlGroupByGroupType;
import io.troupe.sql.parser.SqlMicroscope;
import io.troupe.sql.parser.SqlRetention;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.Litmus;

/**
 * Rewrites the dialect's group-level constructs into standard SQL before validation, so that Calcite validates,
 * types and plans them like any statement:
 * <ul>
 *   <li>{@code GROUP BY GROUP TYPE g, k...} makes {@code g} the unit of analysis (the user, {@code user_id}, without
 *       it) and leaves {@code k...} as the GROUP BY;</li>
 *   <li>{@code UNIQUES()} becomes {@code COUNT(DISTINCT <unit>)};</li>
 *   <li>a SELECT with a {@code FUNNEL(...)}, {@code RETENTION(...)} or {@code MICROSCOPE(...)} item becomes a SELECT
 *       over {@code TABLE(TROUPE_REPORT(CURSOR(<the unit, event_time, the breakdowns and the conditions of every
 *       row that survives WHERE>), '<options>'))}, whose columns replace the report item; the breakdowns stay
 *       selectable by the expressions or aliases that named them.</li>
 * </ul>
 * Every SELECT of the statement is rewritten, so reports work as subqueries. The rewrite mutates the tree it is
 * given (the parser's, which nothing else holds).
 */
public final class ReportRewriter {
    static final String UNIT = "__unit";
    static final String TIME = "__time";
    private static final long DEFAULT_WINDOW = 30L * 86_400_000L;
    private static final long DEFAULT_PERIOD = 86_400_000L;
    private static final int DEFAULT_PERIODS = 7;
    /** Retention flags are bits of a long per unit. */
    public static final int MAX_PERIODS = 62;

    private final Predicate<String> isGroupType;

    /** @param isGroupType whether a name is one of the project's group types */
    public ReportRewriter(Predicate<String> isGroupType) {
        this.isGroupType = isGroupType;
    }

    public SqlNode rewrite(SqlNode statement) {
        if (statement == null) {
            return null;
        }
        List<SqlSelect> selects = new ArrayList<>();
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                super.visit(call);
                if (call instanceof SqlSelect s) {
                    selects.add(s); // inner ones first
                }
                return null;
            }
        });
        for (SqlSelect select : selects) {
            rewrite(select);
        }
        return statement;
    }

    private void rewrite(SqlSelect select) {
        SqlGroupByGroupType groupType = SqlGroupByGroupType.find(select);
        SqlNode unit;
        String unitName;
        List<SqlNode> breakdowns = new ArrayList<>();
        if (groupType != null) {
            String name = last(groupType.groupType());
            if (!isGroupType.test(name)) {
                throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE, position(groupType.groupType()), null, name);
            }
            unit = groupType.groupType();
            unitName = name;
            SqlNodeList group = select.getGroup();
            SqlNode first = group.get(0);
            if (first instanceof SqlCall distinct && distinct.getKind() == SqlKind.GROUP_BY_DISTINCT) {
                throw error(first, "GROUP BY DISTINCT with GROUP TYPE is not supported; drop DISTINCT");
            }
            breakdowns.addAll(group.getList().subList(1, group.size()));
        } else {
            unit = new SqlIdentifier("user_id", SqlParserPos.ZERO);
            unitName = "user_id";
            if (select.getGroup() != null) {
                breakdowns.addAll(select.getGroup().getList());
            }
        }
        SqlNode report = reportItem(select);
        replaceUniques(select, unit);
        if (report == null) {
            if (groupType != null) {
                select.setGroupBy(breakdowns.isEmpty() ? null : new SqlNodeList(breakdowns, select.getGroup().getParserPosition()));
            }
            return;
        }
        rewriteReport(select, report, unit, unitName, resolve(breakdowns, select));
    }

    // ---- UNIQUES() --------------------------------------------------------------------------------------------

    private static boolean isUniques(SqlNode node) {
        return node instanceof SqlBasicCall call && call.getOperator().getKind() == SqlKind.OTHER_FUNCTION
                && "UNIQUES".equalsIgnoreCase(call.getOperator().getName());
    }

    private static void replaceUniques(SqlSelect select, SqlNode unit) {
        SqlShuttle shuttle = new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                if (isUniques(call)) {
                    if (call.operandCount() != 0) {
                        throw error(call, "UNIQUES() takes no arguments: it counts the units of the query"
                                + " (users, or the groups of GROUP BY GROUP TYPE)");
                    }
                    return SqlStdOperatorTable.COUNT.createCall(
                            SqlLiteral.createSymbol(org.apache.calcite.sql.SqlSelectKeyword.DISTINCT, call.getParserPosition()),
                            call.getParserPosition(), unit.clone(call.getParserPosition()));
                }
                return super.visit(call);
            }
        };
        select.setSelectList((SqlNodeList) select.getSelectList().accept(shuttle));
        if (select.getHaving() != null) {
            select.setHaving(select.getHaving().accept(shuttle));
        }
        if (select.getOrderList() != null) {
            select.setOrderBy((SqlNodeList) select.getOrderList().accept(shuttle));
        }
    }

    // ---- reports ----------------------------------------------------------------------------------------------

    private static boolean isReport(SqlNode node) {
        return node instanceof SqlFunnel || node instanceof SqlRetention || node instanceof SqlMicroscope;
    }

    private static SqlNode strip(SqlNode item) {
        return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
    }

    /** The report item of the SELECT list, or null; a report anywhere else is an error. */
    private static SqlNode reportItem(SqlSelect select) {
        SqlNode found = null;
        for (SqlNode item : select.getSelectList()) {
            SqlNode e = strip(item);
            if (isReport(e)) {
                if (found != null) {
                    throw error(e, "one report per SELECT: put each FUNNEL, RETENTION or MICROSCOPE in a SELECT of its own");
                }
                found = e;
            }
        }
        SqlNode report = found;
        SqlBasicVisitor<Void> nested = new SqlBasicVisitor<>() {
            @Override
            public Void visit(SqlCall call) {
                if (isReport(call) && call != report && !(report instanceof SqlMicroscope m && m.report() == call)) {
                    throw error(call, call.getOperator().getName() + " is a report: write it as an item of the SELECT"
                            + " list (SELECT FUNNEL(...) FROM events ...), not inside an expression or a clause");
                }
                if (call instanceof SqlSelect) {
                    return null; // its own reports are its own
                }
                return super.visit(call);
            }
        };
        for (SqlNode item : select.getSelectList()) {
            SqlNode e = strip(item);
            if (e == report) {
                if (e instanceof SqlMicroscope m) {
                    ((SqlCall) m.report()).getOperandList().forEach(o -> { if (o != null) o.accept(nested); });
                } else {
                    ((SqlCall) e).getOperandList().forEach(o -> { if (o != null) o.accept(nested); });
                }
            } else {
                e.accept(nested);
            }
        }
        for (SqlNode clause : new SqlNode[] {select.getWhere(), select.getHaving(), select.getGroup(), select.getOrderList()}) {
            if (clause != null) {
                clause.accept(nested);
            }
        }
        return report;
    }

    /** GROUP BY items as expressions: an ordinal or a SELECT alias stands for its SELECT item. */
    private static List<SqlNode> resolve(List<SqlNode> items, SqlSelect select) {
        List<SqlNode> out = new ArrayList<>();
        List<SqlNode> list = select.getSelectList().getList();
        for (SqlNode item : items) {
            SqlNode e = item;
            if (item instanceof SqlNumericLiteral n && n.isInteger()) {
                int ordinal = n.intValue(true);
                if (ordinal < 1 || ordinal > list.size()) {
                    throw error(item, "GROUP BY " + ordinal + " names no SELECT item");
                }
                e = strip(list.get(ordinal - 1));
            } else if (item instanceof SqlIdentifier id && id.isSimple()) {
                for (SqlNode s : list) {
                    if (s.getKind() == SqlKind.AS && last((SqlIdentifier) ((SqlCall) s).operand(1)).equalsIgnoreCase(id.getSimple())
                            && !(((SqlCall) s).operand(0) instanceof SqlIdentifier)) {
                        e = ((SqlCall) s).operand(0);
                    }
                }
            }
            if (isReport(e)) {
                throw error(item, "GROUP BY a report is not possible; group by its breakdowns");
            }
            out.add(e);
        }
        return out;
    }

    private void rewriteReport(SqlSelect select, SqlNode report, SqlNode unit, String unitName, List<SqlNode> breakdowns) {
        SqlParserPos pos = report.getParserPosition();
        if (select.getHaving() != null) {
            throw error(select.getHaving(), "HAVING does not apply to a report; filter its rows in an outer query:"
                    + " SELECT * FROM (SELECT FUNNEL(...) ...) WHERE units > 10");
        }
        if (select.getWindowList() != null && !select.getWindowList().isEmpty()) {
            throw error(select.getWindowList(), "WINDOW does not apply to a report");
        }
        MicroscopeOutcome outcome = null;
        int index = 0;
        SqlNode inner = report;
        if (report instanceof SqlMicroscope m) {
            inner = m.report();
            outcome = m.outcome();
            index = m.index();
            if (!(inner instanceof SqlFunnel) && !(inner instanceof SqlRetention)) {
                throw error(inner, "MICROSCOPE opens a FUNNEL(...) or a RETENTION(...) written in place");
            }
            if (inner instanceof SqlFunnel != outcome.isFunnel()) {
                throw error(report, inner instanceof SqlFunnel
                        ? "a funnel's microscope shows CONVERTED or DROPPED units"
                        : "a retention's microscope shows RETAINED or LOST units");
            }
        }
        // The input rows: unit, time, breakdowns, then the report's conditions.
        List<SqlNode> columns = new ArrayList<>();
        columns.add(as(unit.clone(pos), UNIT));
        columns.add(as(new SqlIdentifier("event_time", pos), TIME));
        for (int i = 0; i < breakdowns.size(); i++) {
            columns.add(as(breakdowns.get(i).clone(breakdowns.get(i).getParserPosition()), "__b" + (i + 1)));
        }
        // Rows without a unit are read too: they belong to no unit, but the latest row read ends a retention's periods.
        SqlNode where = select.getWhere();
        ReportOptions options;
        if (inner instanceof SqlFunnel f) {
            long window = f.window() == null ? DEFAULT_WINDOW : millis(f.window(), "WITHIN");
            int steps = f.steps().size();
            if (steps > 32) {
                throw error(f, "a funnel has at most 32 steps");
            }
            if (outcome != null && (index < 1 || index > steps)) {
                throw error(report, "the funnel has steps 1 to " + steps + ", not " + index);
            }
            if (outcome == MicroscopeOutcome.DROPPED && index == steps) {
                throw error(report, "nobody drops off after the last step: DROPPED at step k is the units that reached"
                        + " step k but not step k+1, so k must be below " + steps);
            }
            boolean hold = f.holdingConstant() != null;
            if (hold) {
                columns.add(as(f.holdingConstant(), "__hold"));
            }
            List<SqlNode> stepConditions = new ArrayList<>(f.steps().getList());
            if (f.startingFrom() != null) {
                // Amplitude's date range: step 1 inside it, later steps up to the window after its end.
                SqlNode time = new SqlIdentifier("event_time", pos);
                SqlNode from = f.startingFrom();
                SqlNode to = f.startingTo();
                stepConditions.set(0, and(stepConditions.get(0), and(
                        SqlStdOperatorTable.GREATER_THAN_OR_EQUAL.createCall(pos, time, from.clone(pos)),
                        SqlStdOperatorTable.LESS_THAN_OR_EQUAL.createCall(pos, time.clone(pos), to.clone(pos)))));
                // The scan starts at the range and ends at the window after it (later rows cannot join a chain that
                // starts in the range, so the end only saves reading).
                where = and(where, SqlStdOperatorTable.GREATER_THAN_OR_EQUAL.createCall(pos, time.clone(pos), from.clone(pos)));
                where = and(where, SqlStdOperatorTable.LESS_THAN_OR_EQUAL.createCall(pos, time.clone(pos),
                        SqlStdOperatorTable.PLUS.createCall(pos, to.clone(pos), SqlLiteral.createInterval(1,
                                window / 1000 + "." + String.format(java.util.Locale.ROOT, "%03d", window % 1000),
                                new org.apache.calcite.sql.SqlIntervalQualifier(
                                        org.apache.calcite.avatica.util.TimeUnit.SECOND, 10, null, 3, pos), pos))));
            }
            for (int i = 0; i < steps; i++) {
                columns.add(as(stepConditions.get(i), "__s" + (i + 1)));
            }
            List<SqlFunnelExclusion> exclusions = f.exclusions();
            int[] from = new int[exclusions.size()];
            int[] to = new int[exclusions.size()];
            for (int i = 0; i < exclusions.size(); i++) {
                SqlFunnelExclusion x = exclusions.get(i);
                from[i] = x.hasStepRange() ? x.fromStep() : 1;
                to[i] = x.hasStepRange() ? x.toStep() : steps;
                if (to[i] > steps || steps < 2) {
                    throw error(x, "the exclusion's steps must lie within the funnel's " + steps + " steps");
                }
                columns.add(as(x.condition(), "__x" + (i + 1)));
            }
            options = new ReportOptions(ReportOptions.Kind.FUNNEL, unitName, breakdowns.size(), steps, window,
                    f.order() == null ? FunnelOrder.SEQUENTIAL : f.order(), hold, from, to, null, false, 0, 0, index, outcome);
        } else {
            SqlRetention r = (SqlRetention) inner;
            long period = r.period() == null ? DEFAULT_PERIOD : millis(r.period(), "the retention period");
            int periods = DEFAULT_PERIODS;
            if (r.periods() != null) {
                if (!(r.periods() instanceof SqlNumericLiteral n) || !n.isInteger() || n.intValue(false) < 1
                        || n.intValue(false) > MAX_PERIODS) {
                    throw error(r.periods(), "the number of periods is an integer from 1 to " + MAX_PERIODS);
                }
                periods = n.intValue(false);
            }
            if (r.calendar() && period % 86_400_000L != 0) {
                throw error(r.period() == null ? r : r.period(), "a CALENDAR retention counts whole days: give the period in days");
            }
            if (outcome != null && (index < 0 || index > periods)) {
                throw error(report, "the retention has periods 0 to " + periods + ", not " + index);
            }
            columns.add(as(r.startCondition(), "__start"));
            columns.add(as(r.returnCondition(), "__return"));
            options = new ReportOptions(ReportOptions.Kind.RETENTION, unitName, breakdowns.size(), 0, 0, null, false,
                    new int[0], new int[0], r.mode(), r.calendar(), period, periods, index, outcome);
        }
        SqlSelect rows = new SqlSelect(pos, null, new SqlNodeList(columns, pos), select.getFrom(), where, null, null,
                null, null, null, null, null);
        SqlNode table = SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos,
                ReportFunction.INSTANCE.createCall(pos, SqlStdOperatorTable.CURSOR.createCall(pos, rows),
                        SqlLiteral.createCharString(options.encode(), pos)));
        String alias = "__report";
        // The outer SELECT: the report's columns in place of the report item, breakdowns by reference.
        List<SqlNode> items = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            SqlNode e = strip(item);
            if (e == report) {
                List<String> names = options.microscope() ? List.of(options.unitName())
                        : options.kind() == ReportOptions.Kind.FUNNEL ? ReportFunction.FUNNEL_COLUMNS : ReportFunction.RETENTION_COLUMNS;
                for (String n : names) {
                    items.add(as(new SqlIdentifier(List.of(alias, n), pos), n));
                }
                continue;
            }
            int b = indexOf(breakdowns, e);
            if (b < 0) {
                throw error(e, "a report's SELECT list holds the report and its breakdowns (the GROUP BY keys) only;"
                        + " compute anything else in an outer query");
            }
            String name = item.getKind() == SqlKind.AS ? last((SqlIdentifier) ((SqlCall) item).operand(1))
                    : e instanceof SqlIdentifier id ? last(id) : "__b" + (b + 1);
            items.add(as(new SqlIdentifier(List.of(alias, "__b" + (b + 1)), e.getParserPosition()), name));
        }
        select.setSelectList(new SqlNodeList(items, select.getSelectList().getParserPosition()));
        select.setFrom(SqlStdOperatorTable.AS.createCall(pos, table, new SqlIdentifier(alias, pos)));
        select.setWhere(null);
        select.setGroupBy(null);
    }

    private static int indexOf(List<SqlNode> breakdowns, SqlNode e) {
        for (int i = 0; i < breakdowns.size(); i++) {
            if (breakdowns.get(i).equalsDeep(e, Litmus.IGNORE)) {
                return i;
            }
        }
        return -1;
    }

    private static long millis(SqlNode interval, String what) {
        if (!(interval instanceof SqlIntervalLiteral lit)) {
            throw error(interval, what + " takes an interval literal such as INTERVAL '7' DAY");
        }
        SqlIntervalLiteral.IntervalValue v = (SqlIntervalLiteral.IntervalValue) lit.getValue();
        if (v.getIntervalQualifier().isYearMonth()) {
            throw error(interval, what + " is days, hours, minutes or seconds (months vary in length): write"
                    + " INTERVAL '30' DAY rather than INTERVAL '1' MONTH");
        }
        long ms = lit.getValueAs(Long.class);
        if (ms < 0) {
            throw error(interval, what + " cannot be negative");
        }
        return ms;
    }

    private static SqlNode as(SqlNode e, String name) {
        return SqlStdOperatorTable.AS.createCall(e.getParserPosition(), e, new SqlIdentifier(name, e.getParserPosition()));
    }

    private static SqlNode and(SqlNode a, SqlNode b) {
        return a == null ? b : SqlStdOperatorTable.AND.createCall(SqlParserPos.ZERO, a, b);
    }

    private static String last(SqlIdentifier id) {
        return id.names.get(id.names.size() - 1);
    }

    private static SqlPosition position(SqlNode node) {
        SqlParserPos p = node.getParserPosition();
        return new SqlPosition(Math.max(1, p.getLineNum()), Math.max(1, p.getColumnNum()));
    }

    static TroupeException error(SqlNode node, String message) {
        SqlPosition at = position(node);
        return new TroupeException(ErrorCode.SQL_INVALID, at, null, at.line(), at.column(), message);
    }
}
