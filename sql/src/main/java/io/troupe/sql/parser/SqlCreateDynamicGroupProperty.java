package io.troupe.sql.parser;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] DYNAMIC GROUP PROPERTY name FOR GROUP TYPE g AS metric [WHERE condition] OVER window}
 * (docs/dynamic-properties.md). The tree keeps what was written, including what the statement refuses
 * (several metrics, formulas, static windows), so that the refusal can name its place.
 */
public final class SqlCreateDynamicGroupProperty extends SqlCreate {
    private static final SqlOperator OPERATOR =
            new SqlSpecialOperator("CREATE DYNAMIC GROUP PROPERTY", SqlKind.OTHER_DDL);

    /** The window as written after OVER. */
    public enum WindowSyntax {
        /** {@code LAST INTERVAL 'n' DAY}: rolling. */
        LAST,
        /** {@code CALENDAR WEEK}. */
        CALENDAR_WEEK,
        /** {@code CALENDAR MONTH}. */
        CALENDAR_MONTH,
        /** {@code INTERVAL ...} without LAST: refused (a static range). */
        INTERVAL,
        /** {@code BETWEEN a AND b}: refused (a static range). */
        BETWEEN
    }

    private final SqlIdentifier name;
    private final SqlIdentifier groupType;
    private final SqlNodeList metrics;
    private final SqlNode filter;
    private final WindowSyntax window;
    private final SqlNode interval;
    private final SqlParserPos windowPos;

    public SqlCreateDynamicGroupProperty(SqlParserPos pos, boolean replace, SqlIdentifier name, SqlIdentifier groupType,
                                         SqlNodeList metrics, SqlNode filter, WindowSyntax window, SqlNode interval,
                                         SqlParserPos windowPos) {
        super(OPERATOR, pos, replace, false);
        this.name = name;
        this.groupType = groupType;
        this.metrics = metrics;
        this.filter = filter;
        this.window = window;
        this.interval = interval;
        this.windowPos = windowPos;
    }

    public SqlIdentifier nameNode() {
        return name;
    }

    public SqlIdentifier groupType() {
        return groupType;
    }

    /** The metrics written (one is allowed), each a call, a number or an arithmetic call. */
    public SqlNodeList metrics() {
        return metrics;
    }

    /** The WHERE condition, or null. */
    public SqlNode filter() {
        return filter;
    }

    public WindowSyntax window() {
        return window;
    }

    /** The interval literal of {@code LAST} and {@code INTERVAL}, else null. */
    public SqlNode interval() {
        return interval;
    }

    /** Where the window starts (its OVER). */
    public SqlParserPos windowPos() {
        return windowPos;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>(List.of(name, groupType, metrics));
        if (filter != null) {
            operands.add(filter);
        }
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE DYNAMIC GROUP PROPERTY" : "CREATE DYNAMIC GROUP PROPERTY");
        name.unparse(writer, 0, 0);
        writer.keyword("FOR GROUP TYPE");
        groupType.unparse(writer, 0, 0);
        writer.keyword("AS");
        metrics.unparse(writer, 0, 0);
        if (filter != null) {
            writer.keyword("WHERE");
            filter.unparse(writer, 0, 0);
        }
        writer.keyword("OVER");
        switch (window) {
            case LAST -> {
                writer.keyword("LAST");
                interval.unparse(writer, 0, 0);
            }
            case INTERVAL -> interval.unparse(writer, 0, 0);
            case CALENDAR_WEEK -> writer.keyword("CALENDAR WEEK");
            case CALENDAR_MONTH -> writer.keyword("CALENDAR MONTH");
            case BETWEEN -> writer.keyword("BETWEEN ...");
        }
    }
}
