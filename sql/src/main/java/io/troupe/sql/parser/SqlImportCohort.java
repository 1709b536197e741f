package io.troupe.sql.parser;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code IMPORT COHORT name [FOR GROUP TYPE g] FROM 'file'} (docs/cohorts.md). */
public final class SqlImportCohort extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("IMPORT COHORT", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final SqlIdentifier groupType;
    private final SqlLiteral file;

    public SqlImportCohort(SqlParserPos pos, SqlIdentifier name, SqlIdentifier groupType, SqlLiteral file) {
        super(pos);
        this.name = name;
        this.groupType = groupType;
        this.file = file;
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The group type, or null for a cohort of users. */
    public SqlIdentifier groupType() {
        return groupType;
    }

    public SqlLiteral file() {
        return file;
    }

    public String fileName() {
        return file.getValueAs(String.class);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>();
        operands.add(name);
        operands.add(groupType);
        operands.add(file);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("IMPORT COHORT");
        name.unparse(writer, leftPrec, rightPrec);
        if (groupType != null) {
            writer.keyword("FOR GROUP TYPE");
            groupType.unparse(writer, leftPrec, rightPrec);
        }
        writer.keyword("FROM");
        file.unparse(writer, leftPrec, rightPrec);
    }
}
