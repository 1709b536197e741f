package io.troupe.sql.ddl;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;

/**
 * Runs the user statements ({@code CREATE USER}, {@code ALTER USER ... PASSWORD}, {@code DROP USER}). SQL users
 * belong to the server, not to a project, so the server supplies the implementation (through
 * {@link io.troupe.sql.SqlOptions}) and decides who may do what; an engine without a server refuses them.
 */
public interface SqlUserAdmin {
    /** The engine's default: user statements need the server. */
    SqlUserAdmin NONE = new SqlUserAdmin() {
        @Override
        public void create(String actingUser, String name, String password, boolean admin) {
            throw unsupported();
        }

        @Override
        public void setPassword(String actingUser, String name, String password) {
            throw unsupported();
        }

        @Override
        public void drop(String actingUser, String name) {
            throw unsupported();
        }

        private TroupeException unsupported() {
            return new TroupeException(ErrorCode.SQL_UNSUPPORTED, "user statements outside the server (connect to it)");
        }
    };

    /** CREATE USER name PASSWORD '...' [ADMIN], run by {@code actingUser}. */
    void create(String actingUser, String name, String password, boolean admin);

    /** ALTER USER name PASSWORD '...', run by {@code actingUser}. */
    void setPassword(String actingUser, String name, String password);

    /** DROP USER name, run by {@code actingUser}. */
    void drop(String actingUser, String name);
}
