package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.ddl.SqlUserAdmin;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREATE USER, ALTER USER ... PASSWORD and DROP USER reach the server's user administration with the acting user. */
class UserStatementsTest {
    @TempDir
    Path tmp;

    @Test
    void userStatementsCallTheAdministrationAsTheConnectionsUser() throws Exception {
        List<String> calls = new ArrayList<>();
        SqlUserAdmin admin = new SqlUserAdmin() {
            @Override
            public void create(String acting, String name, String password, boolean isAdmin) {
                calls.add(acting + " create " + name + " " + password + " " + isAdmin);
            }

            @Override
            public void setPassword(String acting, String name, String password) {
                calls.add(acting + " password " + name + " " + password);
            }

            @Override
            public void drop(String acting, String name) {
                calls.add(acting + " drop " + name);
            }
        };
        try (EventStore store = EventStore.open(StoreConfig.defaults("p", tmp.resolve("p")));
             SqlEngine engine = new SqlEngine(store, SqlOptions.defaults().withUserAdmin(admin));
             SqlSession session = engine.open("alice")) {
            run(session, "CREATE USER bob PASSWORD 'it''s secret'");
            run(session, "create user carol password 'x' admin");
            run(session, "ALTER USER bob PASSWORD 'new'");
            run(session, "DROP USER bob");
            // The words stay usable as names.
            assertEquals(List.of(List.of(1)), session.rows("SELECT 1 AS password FROM (VALUES (1)) AS admin(password)"));
        }
        assertEquals(List.of("alice create bob it's secret false", "alice create carol x true", "alice password bob new",
                "alice drop bob"), calls);
    }

    @Test
    void withoutAServerUserStatementsAreRefusedAndBadOnesAreSyntaxErrors() {
        try (EventStore store = EventStore.open(StoreConfig.defaults("p", tmp.resolve("q")));
             SqlEngine engine = new SqlEngine(store); SqlSession session = engine.open()) {
            TroupeException e = assertThrows(TroupeException.class, () -> run(session, "ALTER USER troupe PASSWORD 'x'"));
            assertEquals(ErrorCode.SQL_UNSUPPORTED, e.errorCode());
            e = assertThrows(TroupeException.class, () -> run(session, "ALTER USER troupe 'x'"));
            assertEquals(ErrorCode.SQL_SYNTAX_ERROR, e.errorCode());
            e = assertThrows(TroupeException.class, () -> run(session, "CREATE USER PASSWORD 'x'"));
            assertEquals(ErrorCode.SQL_SYNTAX_ERROR, e.errorCode());
        }
    }

    private static void run(SqlSession session, String sql) {
        try (ResultSet ignored = session.query(sql)) {
            // a statement without rows
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
