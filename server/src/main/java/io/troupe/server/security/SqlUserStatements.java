package io.troupe.server.security;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.ddl.SqlUserAdmin;

/**
 * The server's answer to CREATE USER, ALTER USER ... PASSWORD and DROP USER: admin users manage every user;
 * any user may change its own password, nothing else.
 */
public final class SqlUserStatements implements SqlUserAdmin {
    private final UserAccounts users;

    public SqlUserStatements(UserAccounts users) {
        this.users = users;
    }

    @Override
    public void create(String actingUser, String name, String password, boolean admin) {
        requireAdmin(actingUser, "CREATE USER");
        users.create(name, password, admin);
    }

    @Override
    public void setPassword(String actingUser, String name, String password) {
        if (!name.equals(actingUser)) {
            requireAdmin(actingUser, "ALTER USER of another user");
        }
        users.setPassword(name, password);
    }

    @Override
    public void drop(String actingUser, String name) {
        requireAdmin(actingUser, "DROP USER");
        users.drop(name);
    }

    private void requireAdmin(String actingUser, String what) {
        if (!users.isAdmin(actingUser)) {
            throw new TroupeException(ErrorCode.PERMISSION_DENIED, what + " needs an admin user; '" + actingUser + "' is not one");
        }
    }
}
