package io.troupe.sql;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.cohort.CohortEvaluator;
import io.troupe.sql.functions.TroupeTypeSystem;
import io.troupe.sql.schema.ProjectSchema;
import io.troupe.storage.EventStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;

/**
 * The SQL engine of one project: Calcite's parser, validator and planner over the project's schema, with
 * Troupe's planner rules and vectorized operators. Each {@link #open()} gives a session (one Calcite
 * connection); sessions are cheap and independent, a session runs one statement at a time.
 *
 * <p>Dialect settings (docs/sql.md): unquoted identifiers are case-insensitive and keep their case; double
 * quotes quote; lenient conformance (GROUP BY ordinals and aliases, LIMIT and OFFSET); times are UTC.
 */
public final class SqlEngine implements AutoCloseable {
    private final EventStore store;
    private final SqlOptions options;
    private final Driver driver;
    private final ExecutorService workers;
    private final CohortEvaluator cohorts;

    public SqlEngine(EventStore store, SqlOptions options) {
        this.store = store;
        this.options = options;
        this.workers = options.parallelism() > 1 ? Executors.newFixedThreadPool(options.parallelism(), daemonThreads()) : null;
        this.cohorts = new CohortEvaluator(store, this::connect); // behavioral cohorts' queries run as statements
        this.driver = new Driver().withPrepareFactory(() -> new TroupePrepare(this, workers, cohorts));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "troupe-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the engine's query threads; sessions must be closed first. */
    @Override
    public void close() {
        cohorts.close();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    public SqlEngine(EventStore store) {
        this(store, SqlOptions.defaults());
    }

    public EventStore store() {
        return store;
    }

    public SqlOptions options() {
        return options;
    }

    /** The project's schema name: the project name. */
    public String schemaName() {
        return store.config().project();
    }

    public SqlSession open() {
        return new SqlSession(connect());
    }

    /** A session acting as a SQL user (the server opens one per authenticated connection). */
    public SqlSession open(String user) {
        return new SqlSession(connect(user));
    }

    /** A JDBC connection whose default schema is the project (Calcite's connection, in-process). */
    public Connection connect() {
        return connect(null);
    }

    /** A connection acting as a SQL user (the server's authenticated user; user statements check it). */
    public Connection connect(String user) {
        Properties p = new Properties();
        p.setProperty("caseSensitive", "false");
        p.setProperty("unquotedCasing", "UNCHANGED");
        p.setProperty("quotedCasing", "UNCHANGED");
        p.setProperty("quoting", "DOUBLE_QUOTE");
        p.setProperty("conformance", "LENIENT");
        p.setProperty("timeZone", "UTC");
        p.setProperty("typeSystem", TroupeTypeSystem.class.getName() + "#INSTANCE");
        p.setProperty("parserFactory", io.troupe.sql.parser.TroupeSqlParserImpl.class.getName() + "#FACTORY");
        try {
            Connection connection = driver.connect("jdbc:calcite:", p);
            CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
            calcite.getRootSchema().add(schemaName(), new ProjectSchema(store, user, options));
            calcite.setSchema(schemaName());
            return connection;
        } catch (SQLException e) {
            throw new TroupeException(ErrorCode.INTERNAL, e, "cannot open a SQL connection: " + e.getMessage());
        }
    }
}
