package io.troupe.sql.exec;

import io.troupe.sql.report.ReportOptions;
import io.troupe.sql.schema.EventField;
import io.troupe.sql.schema.EventLayout;
import io.troupe.storage.EventStore;
import io.troupe.storage.read.EventBatch;
import io.troupe.storage.read.Segment;
import io.troupe.storage.read.Snapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The part of a plan Troupe runs itself over one scan of {@code events}: a filter on ids and times, the
 * columns to produce (plain or time-truncated), and optionally a grouped aggregation of them. The planner
 * builds it from the Troupe operators of a plan; Calcite's generated code calls {@link #execute} with the
 * execution's context and gets rows as {@code Object[]}.
 *
 * @param store     the project's store
 * @param layout    the {@code events} columns the plan was validated against
 * @param filter    rows to keep, or null for all
 * @param outputs   the columns the scan produces
 * @param groupKeys indices into outputs to group by, or null for no aggregation (one row per event)
 * @param calls     the aggregates, when grouping
 * @param topN      keep only the first rows by a time output (no aggregation), or null
 * @param report    a FUNNEL, RETENTION or MICROSCOPE report over the outputs instead of an aggregation, or null
 */
public record EventQuery(EventStore store, EventLayout layout, Predicate filter, List<Output> outputs,
                         int[] groupKeys, List<AggCall> calls, TopN topN, ReportSpec report) {

    public EventQuery {
        outputs = List.copyOf(outputs);
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    public boolean aggregates() {
        return groupKeys != null;
    }

    /** Called from generated code. */
    public Enumerable<Object[]> execute(DataContext context) {
        EventQuery query = this;
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return query.open(context);
            }
        };
    }

    /** One execution's scan: the filter bound to its parameters, the time range, the segments to read. */
    private final class Scan {
        final FilterBinder binder;
        final long[] range;
        final RowFilter rowFilter;
        final ValueDecoder decoder;
        final boolean empty;
        /** Segments whose counts come from their manifest entries instead of a scan. */
        final Set<Segment> fromStatistics;
        final java.util.function.Predicate<Segment> keep;
        final Snapshot.Batches batches;

        Scan(DataContext context, Snapshot snapshot) {
            binder = new FilterBinder(layout, store.dictionaries(), context);
            range = filter == null ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE} : binder.timeRange(filter);
            Predicate checked = rowPredicate();
            rowFilter = checked == null ? null : binder.bind(checked);
            decoder = new ValueDecoder(store, layout, store.dictionaries(), snapshot.catalog());
            empty = (rowFilter != null && rowFilter.matchesNothing()) || range[0] >= range[1];
            java.util.function.Predicate<Segment> wanted = segmentFilter(binder);
            fromStatistics = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            if (countsFromStatistics() && !empty) {
                for (Segment segment : snapshot.segments()) {
                    if (wanted.test(segment) && statisticsAnswer(segment, range)) {
                        fromStatistics.add(segment);
                    }
                }
            }
            keep = segment -> wanted.test(segment) && !fromStatistics.contains(segment);
            batches = snapshot.batches(columns(), range[0], range[1], keep, true, false);
            if (empty) {
                batches.close();
            }
        }

        /** The first event time the scan can meet: where time buckets start. */
        long minTime(Snapshot snapshot) {
            return Math.max(snapshot.timeBounds()[0], range[0]);
        }

        /** The last event time the scan can meet. */
        long maxTime(Snapshot snapshot) {
            return Math.min(snapshot.timeBounds()[1], range[1] == Long.MIN_VALUE ? Long.MIN_VALUE : range[1] - 1);
        }

        /** How many tasks the scan splits into: one per worker, at most one per segment, one when empty. */
        int tasks(QueryScope scope, Snapshot snapshot) {
            return empty ? 1 : Math.max(1, Math.min(scope.parallelism(), snapshot.segments().size()));
        }
    }

    /**
     * Whether this aggregation can take whole segments' counts from their manifest entries: only COUNT(*),
     * grouped by nothing, event_type and time buckets, with no row condition but event types.
     */
    boolean countsFromStatistics() {
        if (!aggregates()) {
            return false;
        }
        for (AggCall c : calls) {
            if (c.kind() != AggCall.Kind.COUNT_STAR) {
                return false;
            }
        }
        for (int key : groupKeys) {
            Output o = outputs.get(key);
            if (!(o instanceof Output.Floor) && !(o instanceof Output.Field f && isEventType(f.field()))) {
                return false;
            }
        }
        Predicate rows = rowPredicate();
        return rows == null || onlyEventTypes(rows);
    }

    private int eventTypeField() {
        for (int f = 0; f < layout.size(); f++) {
            if (isEventType(f)) {
                return f;
            }
        }
        return -1;
    }

    private boolean isEventType(int field) {
        return io.troupe.storage.segment.SegmentSchema.EVENT_TYPE.equals(layout.field(field).column());
    }

    private boolean onlyEventTypes(Predicate p) {
        if (p instanceof Predicate.IdIn in) {
            return !in.negated() && isEventType(in.field());
        }
        return p instanceof Predicate.And and && and.terms().stream().allMatch(this::onlyEventTypes);
    }

    /** A segment wholly inside the range, with counts recorded, and in one bucket of every time key. */
    private boolean statisticsAnswer(Segment segment, long[] range) {
        io.troupe.storage.segment.SegmentInfo info = segment.info();
        if (info.eventTypeCounts() == null || info.minTime() < range[0] || info.maxTime() >= range[1]) {
            return false;
        }
        for (int key : groupKeys) {
            if (outputs.get(key) instanceof Output.Floor f && f.unit().bucket(info.minTime()) != f.unit().bucket(info.maxTime())) {
                return false;
            }
        }
        return true;
    }

    /** Adds the recorded counts of the statistics segments (of the filter's event types) to {@code agg}. */
    private void addStatistics(GroupAggregation agg, Scan scan) {
        Predicate rows = rowPredicate();
        IdSet types = rows == null ? null : scan.binder.eventTypes(rows);
        for (Segment segment : scan.fromStatistics) {
            io.troupe.storage.segment.SegmentInfo info = segment.info();
            for (int i = 0; i < info.eventTypes().size(); i++) {
                int type = info.eventTypes().get(i);
                if (types == null || types.contains(type)) {
                    agg.addRows(type, info.minTime(), info.eventTypeCounts().get(i));
                }
            }
        }
    }

    /**
     * The rows of this scan (no aggregation, report or top-N) as column chunks, in the order {@link #execute} gives
     * them: result column {@code c} is output {@code columns[c]}. The result owns {@code context}'s scope and closes it.
     *
     * @param offset rows to skip, 0 for none
     * @param fetch  rows to produce at most, -1 for all
     */
    public ColumnarResult columnar(ScopedDataContext context, int[] columns, long offset, long fetch) {
        if (aggregates() || report != null || topN != null) {
            throw new IllegalStateException("not a plain scan: " + describe());
        }
        QueryScope scope = context.scope();
        try {
            Scan scan = new Scan(context, scope.snapshot(store));
            List<Output> selected = new ArrayList<>(columns.length);
            for (int c : columns) {
                selected.add(outputs.get(c));
            }
            return new ColumnarResult(scope, layout, selected, scan.batches, scan.rowFilter, scan.decoder, offset, fetch);
        } catch (RuntimeException | Error e) {
            scope.close();
            throw e;
        }
    }

    /** Called from generated code when the rows have one column, which Calcite wants as plain values. */
    public Enumerable<Object> executeScalar(DataContext context) {
        return execute(context).select(row -> row[0]);
    }

    private Enumerator<Object[]> open(DataContext context) {
        QueryScope scope;
        boolean ownScope;
        if (context instanceof ScopedDataContext scoped) {
            scope = scoped.scope();
            ownScope = false;
        } else {
            Object flag = context.get(DataContext.Variable.CANCEL_FLAG.camelName);
            scope = new QueryScope(store, flag instanceof AtomicBoolean b ? b : null, 0, Long.MAX_VALUE);
            ownScope = true;
        }
        Snapshot snapshot = scope.snapshot(store);
        Enumerator<Object[]> result;
        if (report != null) {
            result = listEnumerator(scope.rows(this, () -> {
                Scan scan = new Scan(context, snapshot);
                try {
                    return report(scope, snapshot, scan);
                } finally {
                    scan.batches.close();
                }
            }));
        } else if (aggregates()) {
            // Bound and computed once per statement: Calcite may re-open this for every outer row.
            result = listEnumerator(scope.rows(this, () -> {
                Scan scan = new Scan(context, snapshot);
                try {
                    return aggregate(scope, snapshot, scan);
                } finally {
                    scan.batches.close();
                }
            }));
        } else {
            Scan scan = new Scan(context, snapshot);
            result = topN != null
                    ? listEnumerator(topRows(scope, scan.batches, scan.rowFilter, scan.decoder))
                    : new RowEnumerator(scope, scan.batches, scan.rowFilter, scan.decoder);
        }
        if (!ownScope) {
            return result;
        }
        Enumerator<Object[]> rows = result;
        return new Enumerator<>() {
            @Override
            public Object[] current() {
                return rows.current();
            }

            @Override
            public boolean moveNext() {
                return rows.moveNext();
            }

            @Override
            public void reset() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
                rows.close();
                scope.close();
            }
        };
    }

    /**
     * Which segments the scan reads: those whose manifest entry lists one of the event types the filter
     * requires (all of them when the filter requires none, or for manifests without the list).
     */
    private java.util.function.Predicate<Segment> segmentFilter(FilterBinder binder) {
        IdSet types = filter == null ? null : binder.eventTypes(filter);
        if (types == null) {
            return s -> true;
        }
        int[] ids = new int[types.size()];
        int[] k = {0};
        types.forEach(id -> ids[k[0]++] = id);
        return s -> {
            for (int id : ids) {
                if (s.info().mayContainEventType(id)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The filter rows are checked against: the filter without the time conditions of its top-level AND, which
     * the scan's range enforces exactly (rows outside it are never read), so segments wholly inside the range
     * need no time column at all. Null when nothing is left to check.
     */
    Predicate rowPredicate() {
        if (filter instanceof Predicate.TimeCompare tc) {
            return tc.op() == Predicate.Comparison.NE ? filter : null;
        }
        if (filter instanceof Predicate.And and) {
            List<Predicate> kept = new ArrayList<>();
            for (Predicate t : and.terms()) {
                if (!(t instanceof Predicate.TimeCompare tc) || tc.op() == Predicate.Comparison.NE) {
                    kept.add(t);
                }
            }
            return kept.isEmpty() ? null : kept.size() == 1 ? kept.get(0) : new Predicate.And(kept);
        }
        return filter;
    }

    private Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        for (Output o : outputs) {
            columns.add(layout.field(o.field()).column());
            if (o instanceof Output.GroupPropertyAt) {
                columns.add(io.troupe.storage.segment.SegmentSchema.EVENT_TIME); // the value in force at the row's time
            }
        }
        Predicate rows = rowPredicate();
        if (rows != null) {
            collectColumns(rows, columns);
        }
        for (AggCall c : calls) {
            for (Predicate step : c.steps()) {
                collectColumns(step, columns);
            }
        }
        if (report != null) {
            columns.add(io.troupe.storage.segment.SegmentSchema.EVENT_TIME);
            report.conditions().forEach(c -> collectColumns(c, columns));
        }
        return columns;
    }

    private void collectColumns(Predicate p, Set<String> out) {
        if (p instanceof Predicate.IdIn in) {
            out.add(layout.field(in.field()).column());
        } else if (p instanceof Predicate.IsNull n) {
            out.add(layout.field(n.field()).column());
        } else if (p instanceof Predicate.InCohort c) {
            out.add(layout.field(c.field()).column());
        } else if (p instanceof Predicate.Like l) {
            out.add(layout.field(l.field()).column());
        } else if (p instanceof Predicate.And a) {
            a.terms().forEach(t -> collectColumns(t, out));
        } else if (p instanceof Predicate.Or o) {
            o.terms().forEach(t -> collectColumns(t, out));
        } else if (p instanceof Predicate.Not n) {
            collectColumns(n.term(), out);
        } else if (p instanceof Predicate.TimeCompare) {
            out.add(io.troupe.storage.segment.SegmentSchema.EVENT_TIME);
        }
    }

    private List<Object[]> aggregate(QueryScope scope, Snapshot snapshot, Scan scan) {
        Snapshot.Batches batches = scan.batches;
        long[] range = scan.range;
        boolean empty = scan.empty;
        long minTime = scan.minTime(snapshot);
        long maxTime = scan.maxTime(snapshot);
        boolean funnels = calls.stream().anyMatch(c -> c.kind().inTimeOrder());
        int tasks = funnels ? 1 : scan.tasks(scope, snapshot);
        List<GroupAggregation> partials = new ArrayList<>();
        List<Object[]> result;
        try {
            for (int t = 0; t < tasks; t++) {
                partials.add(new GroupAggregation(layout, outputs, groupKeys, calls, store.dictionaries(),
                        scan.decoder, minTime, maxTime, scope));
            }
            for (int c = 0; c < calls.size(); c++) {
                if (calls.get(c).kind().inTimeOrder()) {
                    List<Predicate> steps = calls.get(c).steps();
                    RowFilter[] bound = new RowFilter[steps.size()];
                    for (int s = 0; s < bound.length; s++) {
                        bound[s] = scan.binder.bind(steps.get(s));
                    }
                    partials.get(0).bindFunnel(c, bound);
                }
            }
            addStatistics(partials.get(0), scan);
            if (tasks <= 1) {
                scanInto(partials.get(0), batches, scan.rowFilter, scope);
            } else {
                batches.close();
                runParallel(scope, snapshot, scan, partials);
            }
            GroupAggregation total = partials.get(0);
            for (int t = 1; t < partials.size(); t++) {
                total.merge(partials.get(t));
            }
            result = total.rows();
        } finally {
            batches.close();
            partials.forEach(GroupAggregation::release);
        }
        return result;
    }

    /**
     * Runs the report: the scan's rows are collected over segments split among the engine's workers (each into its
     * own part), then the report's kernel walks them in one time order on this thread.
     */
    private List<Object[]> report(QueryScope scope, Snapshot snapshot, Scan scan) {
        ReportOptions o = report.options();
        ReportInput input = new ReportInput(filter, outputs, report.conditions(), o.kind(), o.steps(),
                o.order() == io.troupe.sql.parser.FunnelOrder.STRICT, o.breakdowns(), o.hold());
        ReportRun run = scope.shared(input, () -> collect(scope, snapshot, scan), ReportRun::release);
        scan.batches.close();
        return run.rows(o);
    }

    /**
     * What decides the rows a report keeps: reports of one statement with equal inputs (a funnel and its
     * microscope, say) share one scan.
     */
    private record ReportInput(Predicate filter, List<Output> outputs, List<Predicate> conditions,
                               ReportOptions.Kind kind, int steps, boolean strict, int breakdowns, boolean hold) {
    }

    /** Scans the report's rows into the parts of a {@link ReportRun}, over the engine's workers. */
    private ReportRun collect(QueryScope scope, Snapshot snapshot, Scan scan) {
        ReportRun run = new ReportRun(report, layout, outputs, scan.binder, store.dictionaries(), scan.decoder,
                scan.minTime(snapshot), scan.maxTime(snapshot), scope);
        try {
            int tasks = scan.tasks(scope, snapshot);
            List<Segment> read = snapshot.segments().stream().filter(scan.keep).toList();
            long expected = run.expectedRows(read, eventTypeField());
            List<ReportRun.Part> parts = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                parts.add(run.part(expected < 0 ? 1024 : expected / tasks + expected / 8 + 1024));
            }
            if (scan.empty) {
                scan.batches.close();
            } else if (tasks == 1) {
                scanInto(parts.get(0), scan.batches, scan.rowFilter, scope);
            } else {
                scan.batches.close();
                runParallel(scope, snapshot, scan, parts);
            }
            return run;
        } catch (RuntimeException | Error e) {
            run.release();
            throw e;
        }
    }

    /** One candidate of a top-N: its sort key, arrival number (ties keep scan order) and decoded row. */
    private record Candidate(long key, long seq, Object[] row) {
    }

    /**
     * The first {@code skip + take} rows by the time output, keeping a heap whose head is the worst kept row:
     * a row is decoded only when it beats the head, so a scan of millions decodes a few hundred rows.
     */
    private List<Object[]> topRows(QueryScope scope, Snapshot.Batches batches, RowFilter rowFilter, ValueDecoder decoder) {
        long wanted = topN.skip() + topN.take();
        int capacity = (int) Math.min(wanted, Integer.MAX_VALUE - 8);
        long reserved = Math.min(wanted, 1L << 40) * 64;
        scope.reserve(reserved, "top-N rows");
        try (batches) {
            java.util.Comparator<Candidate> best = java.util.Comparator.comparingLong(Candidate::key);
            if (topN.descending()) {
                best = best.reversed();
            }
            best = best.thenComparingLong(Candidate::seq);
            java.util.PriorityQueue<Candidate> heap = new java.util.PriorityQueue<>(best.reversed());
            Output key = outputs.get(topN.output());
            TimeBucket unit = key instanceof Output.Floor f ? f.unit() : null;
            BatchData data = new BatchData(layout);
            boolean[] mask = new boolean[0];
            long seq = 0;
            while (capacity > 0 && batches.hasNext()) {
                scope.check();
                data.reset(batches.next());
                int n = data.rows();
                if (rowFilter != null) {
                    if (mask.length < n) {
                        mask = new boolean[n];
                    }
                    rowFilter.eval(data, mask);
                }
                long[] times = data.times();
                for (int i = 0; i < n; i++) {
                    if (rowFilter != null && !mask[i]) {
                        continue;
                    }
                    long k = unit == null ? times[i] : unit.truncate(times[i]);
                    seq++;
                    if (heap.size() >= capacity) {
                        Candidate worst = heap.peek();
                        boolean better = topN.descending() ? k > worst.key() : k < worst.key();
                        if (!better) {
                            continue;
                        }
                        heap.poll();
                    }
                    Object[] row = new Object[outputs.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = decoder.value(data, outputs.get(c), i);
                    }
                    heap.add(new Candidate(k, seq, row));
                }
            }
            List<Candidate> sorted = new ArrayList<>(heap);
            sorted.sort(best);
            List<Object[]> rows = new ArrayList<>();
            for (int i = (int) Math.min(topN.skip(), sorted.size()); i < sorted.size(); i++) {
                rows.add(sorted.get(i).row());
            }
            return rows;
        } finally {
            scope.release(reserved);
        }
    }

    private static Enumerator<Object[]> listEnumerator(List<Object[]> result) {
        Iterator<Object[]> it = result.iterator();
        return new Enumerator<>() {
            private Object[] current;

            @Override
            public Object[] current() {
                return current;
            }

            @Override
            public boolean moveNext() {
                if (!it.hasNext()) {
                    return false;
                }
                current = it.next();
                return true;
            }

            @Override
            public void reset() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }

    /** Aggregates every batch of {@code batches} into {@code agg}. */
    private static void scanInto(BatchSink agg, Snapshot.Batches batches, RowFilter rowFilter, QueryScope scope) {
        scanInto(agg, batches, rowFilter, scope, new AtomicBoolean());
    }

    private static void scanInto(BatchSink agg, Snapshot.Batches batches, RowFilter rowFilter, QueryScope scope,
                                 AtomicBoolean abort) {
        try (batches) {
            BatchData data = new BatchData(agg.layout());
            boolean[] mask = new boolean[0];
            while (!abort.get() && batches.hasNext()) {
                scope.check();
                EventBatch batch = batches.next();
                data.reset(batch);
                boolean[] m = null;
                if (rowFilter != null) {
                    if (mask.length < data.rows()) {
                        mask = new boolean[data.rows()];
                    }
                    rowFilter.eval(data, mask);
                    m = mask;
                }
                agg.accept(data, m);
            }
        } catch (RuntimeException | Error e) {
            abort.set(true);
            throw e;
        }
    }

    /**
     * Splits the snapshot's segments round-robin over the partial aggregations (the first also reads the
     * tail), runs them on the engine's workers and waits for all of them (they read the query's mapped
     * segments, which must stay mapped until every task is done); the first failure stops the others.
     */
    private void runParallel(QueryScope scope, Snapshot snapshot, Scan scan, List<? extends BatchSink> partials) {
        java.util.function.Predicate<Segment> keep = scan.keep;
        long[] range = scan.range;
        FilterBinder binder = scan.binder;
        int tasks = partials.size();
        java.util.Map<Segment, Integer> index = new java.util.IdentityHashMap<>();
        for (Segment segment : snapshot.segments()) {
            if (keep.test(segment)) {
                index.put(segment, index.size());
            }
        }
        Set<String> columns = columns();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        AtomicBoolean abort = new AtomicBoolean();
        for (int t = 0; t < tasks; t++) {
            int task = t;
            Predicate rows = rowPredicate();
            RowFilter taskFilter = rows == null ? null : binder.bind(rows);
            Snapshot.Batches taskBatches = snapshot.batches(columns, range[0], range[1],
                    segment -> index.containsKey(segment) && index.get(segment) % tasks == task, task == 0, false);
            futures.add(scope.workers().submit(() -> scanInto(partials.get(task), taskBatches, taskFilter, scope, abort)));
        }
        RuntimeException failure = null;
        boolean interrupted = false;
        for (java.util.concurrent.Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re ? re
                                : new io.troupe.common.TroupeException(io.troupe.common.ErrorCode.INTERNAL, e.getCause(),
                                        e.getCause().toString());
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    abort.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new io.troupe.common.TroupeException(io.troupe.common.ErrorCode.QUERY_CANCELLED);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One row per selected event, produced batch by batch as the consumer pulls (LIMIT stops the scan). */
    private final class RowEnumerator implements Enumerator<Object[]> {
        private final QueryScope scope;
        private final Snapshot.Batches batches;
        private final RowFilter rowFilter;
        private final ValueDecoder decoder;
        private final BatchData data = new BatchData(layout);
        private boolean[] mask = new boolean[0];
        private int next;
        private boolean inBatch;
        private Object[] current;

        RowEnumerator(QueryScope scope, Snapshot.Batches batches, RowFilter rowFilter, ValueDecoder decoder) {
            this.scope = scope;
            this.batches = batches;
            this.rowFilter = rowFilter;
            this.decoder = decoder;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            while (true) {
                if (inBatch) {
                    int n = data.rows();
                    while (next < n) {
                        int i = next++;
                        if (rowFilter == null || mask[i]) {
                            Object[] row = new Object[outputs.size()];
                            for (int k = 0; k < row.length; k++) {
                                row[k] = decoder.value(data, outputs.get(k), i);
                            }
                            current = row;
                            return true;
                        }
                    }
                    inBatch = false;
                }
                scope.check();
                if (!batches.hasNext()) {
                    current = null;
                    return false;
                }
                data.reset(batches.next());
                if (rowFilter != null) {
                    if (mask.length < data.rows()) {
                        mask = new boolean[data.rows()];
                    }
                    rowFilter.eval(data, mask);
                }
                next = 0;
                inBatch = true;
            }
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            batches.close();
        }
    }

    /** For EXPLAIN: what this scan computes. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (Output o : outputs) {
            EventField f = layout.field(o.field());
            names.add(o instanceof Output.Floor fl ? "FLOOR(" + f.name() + " TO " + fl.unit() + ")"
                    : o instanceof Output.GroupProperty gp ? "CURRENT_GROUP_PROPERTY(" + f.name() + ", '" + gp.property() + "')"
                    : o instanceof Output.GroupPropertyAt gp ? "GROUP_PROPERTY(" + f.name() + ", '" + gp.property() + "')"
                    : f.name());
        }
        sb.append("outputs=").append(names);
        if (filter != null) {
            sb.append(", filter=").append(filter);
        }
        if (topN != null) {
            sb.append(", top=").append(topN);
        }
        if (groupKeys != null) {
            sb.append(", group=").append(java.util.Arrays.toString(groupKeys)).append(", aggs=").append(calls);
        }
        return sb.toString();
    }
}
