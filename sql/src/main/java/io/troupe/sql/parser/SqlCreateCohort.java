package io.troupe.sql.parser;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE [OR REPLACE] [STATIC] COHORT name [FOR GROUP TYPE g] AS query} (docs/cohorts.md). */
public final class SqlCreateCohort extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE COHORT", SqlKind.OTHER_DDL);

    private final boolean isStatic;
    private final SqlIdentifier name;
    private final SqlIdentifier groupType;
    private final SqlNode query;
    private final int queryLine;
    private final int queryColumn;

    /**
     * @param queryLine   line of the query's first token in the statement (1-based)
     * @param queryColumn its column (1-based): the query's text is the statement's from there on
     */
    public SqlCreateCohort(SqlParserPos pos, boolean replace, boolean isStatic, SqlIdentifier name,
                           SqlIdentifier groupType, SqlNode query, int queryLine, int queryColumn) {
        super(OPERATOR, pos, replace, false);
        this.isStatic = isStatic;
        this.name = name;
        this.groupType = groupType;
        this.query = query;
        this.queryLine = queryLine;
        this.queryColumn = queryColumn;
    }

    public boolean isStatic() {
        return isStatic;
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The group type, or null for a cohort of users. */
    public SqlIdentifier groupType() {
        return groupType;
    }

    public SqlNode query() {
        return query;
    }

    public int queryLine() {
        return queryLine;
    }

    public int queryColumn() {
        return queryColumn;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>();
        operands.add(name);
        operands.add(groupType);
        operands.add(query);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE" : "CREATE");
        if (isStatic) {
            writer.keyword("STATIC");
        }
        writer.keyword("COHORT");
        name.unparse(writer, leftPrec, rightPrec);
        if (groupType != null) {
            writer.keyword("FOR GROUP TYPE");
            groupType.unparse(writer, leftPrec, rightPrec);
        }
        writer.keyword("AS");
        query.unparse(writer, 0, 0);
    }
}
