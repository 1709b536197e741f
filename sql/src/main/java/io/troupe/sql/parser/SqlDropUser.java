package io.troupe.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP USER name}: removes a SQL user (docs/sql.md, "Users"). */
public final class SqlDropUser extends SqlDrop {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP USER", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;

    public SqlDropUser(SqlParserPos pos, SqlIdentifier name) {
        super(OPERATOR, pos, false);
        this.name = name;
    }

    public String name() {
        return name.getSimple();
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP USER");
        name.unparse(writer, leftPrec, rightPrec);
    }
}
