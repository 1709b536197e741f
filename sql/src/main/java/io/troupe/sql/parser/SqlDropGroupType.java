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

/** {@code DROP GROUP TYPE [IF EXISTS] name [FORCE]} (docs/sql.md, "Group types"). */
public final class SqlDropGroupType extends SqlDrop {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP GROUP TYPE", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final boolean force;

    public SqlDropGroupType(SqlParserPos pos, boolean ifExists, SqlIdentifier name, boolean force) {
        super(OPERATOR, pos, ifExists);
        this.name = name;
        this.force = force;
    }

    public SqlIdentifier nameNode() {
        return name;
    }

    public String name() {
        return name.getSimple();
    }

    /** FORCE: drop even though stored data names the type (it is then out of SQL's reach). */
    public boolean force() {
        return force;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP GROUP TYPE");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (force) {
            writer.keyword("FORCE");
        }
    }
}
