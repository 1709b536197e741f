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

/** {@code CREATE USER name PASSWORD 'secret' [ADMIN]}: a SQL user of the server (docs/sql.md, "Users"). */
public final class SqlCreateUser extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE USER", SqlKind.OTHER_DDL);

    private final SqlIdentifier name;
    private final String password;
    private final boolean admin;

    public SqlCreateUser(SqlParserPos pos, SqlIdentifier name, String password, boolean admin) {
        super(OPERATOR, pos, false, false);
        this.name = name;
        this.password = password;
        this.admin = admin;
    }

    public String name() {
        return name.getSimple();
    }

    public String password() {
        return password;
    }

    public boolean admin() {
        return admin;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    /** The password is never written back out (plans, logs). */
    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE USER");
        name.unparse(writer, leftPrec, rightPrec);
        writer.keyword("PASSWORD");
        writer.literal("'***'");
        if (admin) {
            writer.keyword("ADMIN");
        }
    }
}
