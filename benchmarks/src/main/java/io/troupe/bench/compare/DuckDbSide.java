package io.troupe.bench.compare;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB's side: an in-process database (a file in the scratch folder, or memory) with the same events,
 * copied row by row from Troupe's SQL engine with the Appender API, so both engines hold exactly the same
 * rows (the effective org of each event, as Troupe resolved it) and the orgs' current regions.
 */
final class DuckDbSide implements AutoCloseable {
    static final String TROUPE_EVENTS = "SELECT event_time, event_type, user_id, org_id FROM events";
    static final String TROUPE_ORG_PROFILES =
            "SELECT group_value, properties['region'] FROM group_profiles WHERE group_type = 'org_id'";

    private final Connection connection;
    final int threads;
    final String version;
    final String storage;
    long events;
    long orgProfiles;
    /** Reading the rows back from Troupe and appending them (interleaved), the org profiles, and the checkpoint. */
    double loadSeconds;
    double checkpointSeconds;

    private DuckDbSide(Connection connection, int threads, String version, String storage) {
        this.connection = connection;
        this.threads = threads;
        this.version = version;
        this.storage = storage;
    }

    /** Opens a database file {@link #loadFrom} filled before (a cached data set), with the figures of that load. */
    static DuckDbSide reopen(Path file, int threads, long events, long orgProfiles, double loadSeconds,
                             double checkpointSeconds) throws SQLException {
        DuckDbSide side = connect(file, threads, false);
        side.events = events;
        side.orgProfiles = orgProfiles;
        side.loadSeconds = loadSeconds;
        side.checkpointSeconds = checkpointSeconds;
        return side;
    }

    /** Opens a new database: {@code file} null for an in-memory one. */
    static DuckDbSide open(Path file, int threads) throws SQLException {
        return connect(file, threads, true);
    }

    private static DuckDbSide connect(Path file, int threads, boolean create) throws SQLException {
        Connection c = DriverManager.getConnection(file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
            String version;
            int actual;
            try (ResultSet rs = s.executeQuery("SELECT version(), current_setting('threads')")) {
                rs.next();
                version = rs.getString(1);
                actual = Integer.parseInt(rs.getString(2));
            }
            if (create) {
                s.execute("CREATE TABLE events(event_time TIMESTAMP, event_type VARCHAR, user_id VARCHAR, org_id VARCHAR)");
                s.execute("CREATE TABLE org_profiles(org_id VARCHAR, region VARCHAR)");
            }
            return new DuckDbSide(c, actual, version, file == null ? "in-memory database" : "database file");
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /** Copies the events and the org profiles from Troupe, then checkpoints (a file database's data reaches its file). */
    void loadFrom(Connection troupe, PrintStream log) throws SQLException {
        long started = System.nanoTime();
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender app = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events");
             Statement s = troupe.createStatement();
             ResultSet rs = s.executeQuery(TROUPE_EVENTS)) {
            long n = 0;
            while (rs.next()) {
                app.beginRow();
                Timestamp t = rs.getTimestamp(1);
                if (t == null) {
                    app.appendNull();
                } else {
                    app.append(utc(t.getTime()));
                }
                appendText(app, rs.getString(2));
                appendText(app, rs.getString(3));
                appendText(app, rs.getString(4));
                app.endRow();
                if (++n % 2_000_000 == 0) {
                    log.printf("  DuckDB: %,d events appended, %.0f s%n", n, (System.nanoTime() - started) / 1e9);
                }
            }
            events = n;
        }
        try (DuckDBAppender app = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "org_profiles");
             Statement s = troupe.createStatement();
             ResultSet rs = s.executeQuery(TROUPE_ORG_PROFILES)) {
            long n = 0;
            while (rs.next()) {
                app.beginRow();
                appendText(app, rs.getString(1));
                appendText(app, rs.getString(2));
                app.endRow();
                n++;
            }
            orgProfiles = n;
        }
        long t0 = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT");
        }
        long end = System.nanoTime();
        checkpointSeconds = (end - t0) / 1e9;
        loadSeconds = (end - started) / 1e9;
    }

    /** A UTC millisecond time as DuckDB's TIMESTAMP (which has no time zone). */
    static LocalDateTime utc(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    private static void appendText(DuckDBAppender app, String value) throws SQLException {
        if (value == null) {
            app.appendNull();
        } else {
            app.append(value);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
