package io.troupe.sql.exec;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.EventStore;
import io.troupe.storage.read.Snapshot;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one execution of a statement shares: one snapshot per store (so every scan of the query, a
 * self-join included, reads the same events), the cancel flag, the deadline and the memory budget of
 * Troupe's operators. Closed when the statement's result is closed.
 */
public final class QueryScope implements AutoCloseable {
    private final AtomicBoolean cancelled;
    private final long timeoutMillis;
    private final long deadlineNanos;
    private final long memoryLimitBytes;
    private final Map<EventStore, Snapshot> snapshots = new IdentityHashMap<>();
    private final EventStore store;
    private java.util.concurrent.ExecutorService workers;
    private final Map<Object, List<Object[]>> results = new IdentityHashMap<>();
    private final Map<Object, Object> shared = new java.util.HashMap<>();
    private final List<Runnable> onClose = new java.util.ArrayList<>();
    private int parallelism = 1;
    private CohortMembers.Source cohorts;
    /** The statement whose cohort this statement evaluates, or null: its cancel and deadline stop this one too. */
    private final QueryScope enclosing = EVALUATING_FOR.get();
    /** The scope whose cohort the current thread is evaluating (see {@link #cohortMembers}). */
    private static final ThreadLocal<QueryScope> EVALUATING_FOR = new ThreadLocal<>();
    private long reservedBytes;
    private boolean closed;

    /**
     * @param store            the project's store
     * @param cancelled        set by {@code Statement.cancel()}; checked between batches
     * @param timeoutMillis    0 for none
     * @param memoryLimitBytes what Troupe's operators of this query may hold at once
     */
    public QueryScope(EventStore store, AtomicBoolean cancelled, long timeoutMillis, long memoryLimitBytes) {
        this.store = store;
        this.cancelled = cancelled == null ? new AtomicBoolean() : cancelled;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
        this.memoryLimitBytes = memoryLimitBytes;
    }

    /** Lets operators split a scan over {@code parallelism} tasks on {@code pool}. */
    public QueryScope withWorkers(java.util.concurrent.ExecutorService pool, int parallelism) {
        this.workers = pool;
        this.parallelism = pool == null ? 1 : Math.max(1, parallelism);
        return this;
    }

    /** Lets the statement test cohort membership ({@code IN COHORT}); without it, cohorts are refused. */
    public QueryScope withCohorts(CohortMembers.Source source) {
        this.cohorts = source;
        return this;
    }

    /**
     * A cohort's members for this statement, computed on first use: a behavioral cohort's query runs once per
     * statement however often the statement uses it.
     */
    public CohortMembers cohortMembers(String cohort) {
        if (cohorts == null) {
            throw new TroupeException(ErrorCode.SQL_UNSUPPORTED, "cohorts outside a project's SQL engine");
        }
        return shared(new CohortKey(cohort.toLowerCase(java.util.Locale.ROOT)), () -> evaluate(cohort), m -> { });
    }

    /**
     * Runs a cohort's evaluation as part of this statement: a behavioral cohort's query is a statement of its own,
     * and the scope it opens on this thread is tied to this one, so cancelling this statement or passing its deadline
     * stops the cohort's query too.
     */
    private CohortMembers evaluate(String cohort) {
        QueryScope previous = EVALUATING_FOR.get();
        EVALUATING_FOR.set(this);
        try {
            return cohorts.members(cohort);
        } finally {
            if (previous == null) {
                EVALUATING_FOR.remove();
            } else {
                EVALUATING_FOR.set(previous);
            }
        }
    }

    private record CohortKey(String name) {
    }

    /** How many tasks a scan may split into (1: run in the calling thread). */
    public int parallelism() {
        return parallelism;
    }

    public java.util.concurrent.ExecutorService workers() {
        return workers;
    }

    /** The project's store the statement runs against, or null outside an engine. */
    public EventStore store() {
        return store;
    }

    /** The query's snapshot of {@code store}, taken on first use. */
    public synchronized Snapshot snapshot(EventStore store) {
        if (closed) {
            throw new TroupeException(ErrorCode.QUERY_CANCELLED);
        }
        return snapshots.computeIfAbsent(store, s -> s.snapshot(Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /**
     * The rows of an aggregation of this execution, computed once: Calcite re-opens the inner side of a nested
     * loop (a scalar sub-query, say) for every outer row, and the snapshot does not change within a statement.
     */
    public List<Object[]> rows(Object operator, java.util.function.Supplier<List<Object[]>> compute) {
        synchronized (results) {
            List<Object[]> rows = results.get(operator);
            if (rows == null) {
                rows = compute.get();
                results.put(operator, rows);
            }
            return rows;
        }
    }

    /**
     * A value several operators of this execution can share, computed by the first that asks for it under an equal
     * {@code key} (two reports over the same rows scan them once); {@code release} runs when the scope closes.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, java.util.function.Supplier<T> compute, java.util.function.Consumer<T> release) {
        synchronized (shared) {
            T value = (T) shared.get(key);
            if (value == null) {
                value = compute.get();
                shared.put(key, value);
                T v = value;
                synchronized (this) {
                    onClose.add(() -> release.accept(v));
                }
            }
            return value;
        }
    }

    /** Throws when the query was cancelled or ran past its deadline; operators call it once per batch. */
    public void check() {
        if (cancelled.get()) {
            throw new TroupeException(ErrorCode.QUERY_CANCELLED);
        }
        if (System.nanoTime() > deadlineNanos) {
            throw new TroupeException(ErrorCode.QUERY_TIMEOUT, timeoutMillis);
        }
        if (enclosing != null) {
            enclosing.check();
        }
    }

    /** Accounts {@code bytes} more held by an operator; throws past the limit. */
    public synchronized void reserve(long bytes, String what) {
        if (reservedBytes + bytes > memoryLimitBytes) {
            throw new TroupeException(ErrorCode.QUERY_MEMORY_LIMIT, memoryLimitBytes >> 20, what);
        }
        reservedBytes += bytes;
    }

    public synchronized void release(long bytes) {
        reservedBytes = Math.max(0, reservedBytes - bytes);
    }

    public synchronized long reservedBytes() {
        return reservedBytes;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.forEach(Runnable::run);
        onClose.clear();
        snapshots.values().forEach(Snapshot::close);
        snapshots.clear();
    }
}
