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

/** {@code DROP DYNAMIC GROUP PROPERTY [IF EXISTS] name} (docs/dynamic-properties.md). */
public final class SqlDropDynamicGroupProperty extends SqlDrop {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP DYNAMIC GROUP PROPERTY", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;

    public SqlDropDynamicGroupProperty(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        super(OPERATOR, pos, ifExists);
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
        writer.keyword("DROP DYNAMIC GROUP PROPERTY");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}
