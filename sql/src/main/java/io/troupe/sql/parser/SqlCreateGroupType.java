package io.troupe.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE GROUP TYPE [IF NOT EXISTS] name} (docs/sql.md, "Group types"). */
public final class SqlCreateGroupType extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE GROUP TYPE", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;

    public SqlCreateGroupType(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = name;
    }

    public SqlIdentifier nameNode() {
        return name;
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
        writer.keyword(getReplace() ? "CREATE OR REPLACE GROUP TYPE" : "CREATE GROUP TYPE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}
