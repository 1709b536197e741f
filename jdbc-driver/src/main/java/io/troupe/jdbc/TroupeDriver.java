package io.troupe.jdbc;

import io.troupe.jdbc.client.ConnectionSettings;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The Troupe JDBC driver: {@code jdbc:troupe://host[:port][/project][?user=..&password=..&connectTimeout=..
 * &socketTimeout=..&fetchSize=..]} (port 7430 and project {@code default} when left out). Registered with
 * {@link DriverManager} when loaded, and found by service loading ({@code META-INF/services/java.sql.Driver}).
 * docs/jdbc.md describes the URL, the properties and the type mapping.
 */
public final class TroupeDriver implements Driver {
    static {
        try {
            DriverManager.registerDriver(new TroupeDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Returns null for a URL of another driver, as JDBC asks. */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        return TroupeConnection.open(ConnectionSettings.parse(url, info));
    }

    @Override
    public boolean acceptsURL(String url) {
        return ConnectionSettings.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return ConnectionSettings.propertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return DriverInfo.MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return DriverInfo.MINOR;
    }

    /** Not JDBC compliant in the strict sense: no transactions, no full SQL-92 entry level (the dialect is Calcite's). */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the Troupe driver does not log through java.util.logging");
    }
}
