package io.troupe.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER USER name PASSWORD 'secret'}: changes a SQL user's password (docs/sql.md, "Users"). */
public final class SqlAlterUser extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER USER", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final String password;

    public SqlAlterUser(SqlParserPos pos, SqlIdentifier name, String password) {
        super(pos);
        this.name = name;
        this.password = password;
    }

    public String name() {
        return name.getSimple();
    }

    public String password() {
        return password;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public SqlKind getKind() {
        return SqlKind.OTHER_DDL;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    /** The password is never written back out (plans, logs). */
    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER USER");
        name.unparse(writer, leftPrec, rightPrec);
        writer.keyword("PASSWORD");
        writer.literal("'***'");
    }
}
