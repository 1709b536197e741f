package io.troupe.sql.exec;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.schema.EventLayout;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.segment.SegmentSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.runtime.SqlFunctions;

/**
 * Binds a {@link Predicate} to one execution: parameters take their values, strings become dictionary ids
 * (a value the project never saw matches nothing), LIKE runs once per dictionary entry, and the time
 * conditions give the range a scan needs to read.
 */
final class FilterBinder {
    /** Dictionaries larger than this are not scanned for LIKE: the row loop would not win. */
    static final int MAX_LIKE_DICTIONARY = 2_000_000;

    private final EventLayout layout;
    private final Dictionaries dictionaries;
    private final DataContext context;

    FilterBinder(EventLayout layout, Dictionaries dictionaries, DataContext context) {
        this.layout = layout;
        this.dictionaries = dictionaries;
        this.context = context;
    }

    RowFilter bind(Predicate p) {
        if (p instanceof Predicate.IdIn in) {
            return idIn(in);
        }
        if (p instanceof Predicate.InCohort in) {
            return inCohort(in);
        }
        if (p instanceof Predicate.IsNull isNull) {
            int field = isNull.field();
            boolean negated = isNull.negated();
            return (d, out) -> {
                int[] ids = d.ids(field);
                for (int i = 0, n = d.rows(); i < n; i++) {
                    out[i] = (ids[i] < 0) != negated;
                }
            };
        }
        if (p instanceof Predicate.Like like) {
            return like(like);
        }
        if (p instanceof Predicate.TimeCompare tc) {
            return timeCompare(tc);
        }
        if (p instanceof Predicate.And and) {
            return combine(and.terms(), true);
        }
        if (p instanceof Predicate.Or or) {
            return combine(or.terms(), false);
        }
        if (p instanceof Predicate.Not not) {
            RowFilter inner = bind(not.term());
            return (d, out) -> {
                inner.eval(d, out);
                for (int i = 0, n = d.rows(); i < n; i++) {
                    out[i] = !out[i];
                }
            };
        }
        throw new IllegalStateException("unknown predicate " + p);
    }

    private Dictionary dictionary(int field) {
        return dictionaries.get(layout.field(field).domain());
    }

    /**
     * The ids an {@code IN} list names for this execution (values the dictionary never saw are left out), or null
     * when the list holds a NULL.
     */
    IdSet ids(Predicate.IdIn in) {
        Dictionary dict = dictionary(in.field());
        List<Integer> ids = new ArrayList<>();
        for (Operand o : in.values()) {
            Object v = o.resolve(context);
            if (v == null) {
                return null;
            }
            int id = dict.idOf(v.toString());
            if (id >= 0) {
                ids.add(id);
            }
        }
        return new IdSet(ids.stream().mapToInt(Integer::intValue).toArray());
    }

    private RowFilter idIn(Predicate.IdIn in) {
        IdSet resolved = ids(in);
        boolean nullValue = resolved == null;
        if (nullValue && !in.negated()) {
            Predicate.IdIn withoutNull = new Predicate.IdIn(in.field(),
                    in.values().stream().filter(o -> o.resolve(context) != null).toList(), false);
            resolved = ids(withoutNull); // x IN (..., NULL) is true for the others
        }
        int field = in.field();
        if (nullValue && in.negated()) {
            return nothing(); // x NOT IN (..., NULL) is never true
        }
        return memberOf(field, resolved, in.negated());
    }

    /** {@code field [NOT] IN set}, on dictionary ids; NULL (a negative id) is in no set and in no complement. */
    private static RowFilter memberOf(int field, IdSet set, boolean negated) {
        if (!negated) {
            if (set.size() == 0) {
                return nothing();
            }
            if (set.size() == 1) {
                int only = set.single();
                return (d, out) -> {
                    int[] a = d.ids(field);
                    for (int i = 0, n = d.rows(); i < n; i++) {
                        out[i] = a[i] == only;
                    }
                };
            }
            return (d, out) -> {
                int[] a = d.ids(field);
                for (int i = 0, n = d.rows(); i < n; i++) {
                    out[i] = set.contains(a[i]);
                }
            };
        }
        return (d, out) -> {
            int[] a = d.ids(field);
            for (int i = 0, n = d.rows(); i < n; i++) {
                out[i] = a[i] >= 0 && !set.contains(a[i]);
            }
        };
    }

    /** Like an IN list: the members' ids for this execution (computed once per statement), then a bitset test per row. */
    private RowFilter inCohort(Predicate.InCohort in) {
        if (!(context.get(ScopedDataContext.SCOPE) instanceof QueryScope scope)) {
            throw new TroupeException(ErrorCode.SQL_UNSUPPORTED, "cohorts outside a project's SQL engine");
        }
        return memberOf(in.field(), scope.cohortMembers(in.cohort()).ids(dictionary(in.field())), in.negated());
    }

    private RowFilter like(Predicate.Like like) {
        Object pattern = like.pattern().resolve(context);
        Object escape = like.escape() == null ? null : like.escape().resolve(context);
        if (pattern == null || (like.escape() != null && escape == null)) {
            return nothing();
        }
        Dictionary dict = dictionary(like.field());
        int size = dict.size();
        if (size > MAX_LIKE_DICTIONARY) {
            throw new TroupeException(ErrorCode.SQL_UNSUPPORTED,
                    "LIKE on " + layout.field(like.field()).name() + " with " + size + " distinct values");
        }
        String p = pattern.toString();
        SqlFunctions.LikeFunction matcher = new SqlFunctions.LikeFunction();
        List<Integer> matching = new ArrayList<>();
        for (int id = 0; id < size; id++) {
            String s = dict.valueOf(id);
            boolean m = escape == null ? matcher.like(s, p) : matcher.like(s, p, escape.toString());
            if (m != like.negated()) {
                matching.add(id);
            }
        }
        IdSet set = new IdSet(matching.stream().mapToInt(Integer::intValue).toArray());
        int field = like.field();
        if (set.size() == 0) {
            return nothing();
        }
        return (d, out) -> {
            int[] a = d.ids(field);
            for (int i = 0, n = d.rows(); i < n; i++) {
                out[i] = set.contains(a[i]);
            }
        };
    }

    private RowFilter timeCompare(Predicate.TimeCompare tc) {
        Object v = tc.value().resolve(context);
        if (v == null) {
            return nothing();
        }
        long t = ((Number) v).longValue();
        return switch (tc.op()) {
            case EQ -> (d, out) -> {
                long[] a = d.times();
                for (int i = 0, n = d.rows(); i < n; i++) {
                    out[i] = a[i] == t;
                }
            };
            case NE -> (d, out) -> {
                long[] a = d.times();
                for (int i = 0, n = d.rows(); i < n; i++) {
                    out[i] = a[i] != t;
                }
            };
            case LT -> (d, out) -> {
                long[] a = d.times();
                for (int i = 0, n = d.rows(); i < n; i++) {
                    out[i] = a[i] < t;
                }
            };
            case LE -> (d, out) -> {
                long[] a = d.times();
                for (int i = 0, n = d.rows(); i < n; i++) {
                    out[i] = a[i] <= t;
                }
            };
            case GT -> (d, out) -> {
                long[] a = d.times();
                for (int i = 0, n = d.rows(); i < n; i++) {
                    out[i] = a[i] > t;
                }
            };
            case GE -> (d, out) -> {
                long[] a = d.times();
                for (int i = 0, n = d.rows(); i < n; i++) {
                    out[i] = a[i] >= t;
                }
            };
        };
    }

    private RowFilter combine(List<Predicate> terms, boolean and) {
        List<RowFilter> bound = new ArrayList<>(terms.size());
        for (Predicate t : terms) {
            RowFilter f = bind(t);
            if (f.matchesNothing()) {
                if (and) {
                    return nothing();
                }
                continue;
            }
            bound.add(f);
        }
        if (bound.isEmpty()) {
            return nothing();
        }
        if (bound.size() == 1) {
            return bound.get(0);
        }
        RowFilter[] parts = bound.toArray(RowFilter[]::new);
        boolean[][] scratch = new boolean[1][];
        return (d, out) -> {
            int n = d.rows();
            boolean[] tmp = scratch[0];
            if (tmp == null || tmp.length < n) {
                tmp = new boolean[Math.max(n, 1024)];
                scratch[0] = tmp;
            }
            parts[0].eval(d, out);
            for (int k = 1; k < parts.length; k++) {
                parts[k].eval(d, tmp);
                if (and) {
                    for (int i = 0; i < n; i++) {
                        out[i] &= tmp[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] |= tmp[i];
                    }
                }
            }
        };
    }

    private static RowFilter nothing() {
        return new RowFilter() {
            @Override
            public void eval(BatchData data, boolean[] out) {
                java.util.Arrays.fill(out, 0, data.rows(), false);
            }

            @Override
            public boolean matchesNothing() {
                return true;
            }
        };
    }

    /**
     * The event type ids a row must have to match {@code p}, or null when any may match: what lets a scan skip
     * the segments whose manifest entry lists none of them ({@code event_type = 'X'}, IN lists, and AND/OR
     * of such conditions).
     */
    IdSet eventTypes(Predicate p) {
        if (p instanceof Predicate.IdIn in && !in.negated()
                && SegmentSchema.EVENT_TYPE.equals(layout.field(in.field()).column())) {
            Dictionary dict = dictionary(in.field());
            List<Integer> ids = new ArrayList<>();
            for (Operand o : in.values()) {
                Object v = o.resolve(context);
                int id = v == null ? -1 : dict.idOf(v.toString());
                if (id >= 0) {
                    ids.add(id);
                }
            }
            return new IdSet(ids.stream().mapToInt(Integer::intValue).toArray());
        }
        if (p instanceof Predicate.And and) {
            IdSet result = null;
            for (Predicate t : and.terms()) {
                IdSet s = eventTypes(t);
                if (s != null) {
                    result = result == null ? s : result.intersect(s);
                }
            }
            return result;
        }
        if (p instanceof Predicate.Or or) {
            IdSet result = new IdSet(new int[0]);
            for (Predicate t : or.terms()) {
                IdSet s = eventTypes(t);
                if (s == null) {
                    return null;
                }
                result = result.union(s);
            }
            return result;
        }
        return null;
    }

    /**
     * The smallest {@code [from, to)} that holds every row {@code p} can accept, from its time conditions;
     * {@code [MIN, MAX)} when it says nothing about time.
     */
    long[] timeRange(Predicate p) {
        long[] all = {Long.MIN_VALUE, Long.MAX_VALUE};
        if (p instanceof Predicate.TimeCompare tc) {
            Object v = tc.value().resolve(context);
            if (v == null) {
                return new long[] {0, 0};
            }
            long t = ((Number) v).longValue();
            return switch (tc.op()) {
                case EQ -> new long[] {t, t + 1};
                case LT -> new long[] {Long.MIN_VALUE, t};
                case LE -> new long[] {Long.MIN_VALUE, t + 1};
                case GT -> new long[] {t + 1, Long.MAX_VALUE};
                case GE -> new long[] {t, Long.MAX_VALUE};
                case NE -> all;
            };
        }
        if (p instanceof Predicate.And and) {
            long[] r = all;
            for (Predicate t : and.terms()) {
                long[] c = timeRange(t);
                r = new long[] {Math.max(r[0], c[0]), Math.min(r[1], c[1])};
            }
            return r;
        }
        if (p instanceof Predicate.Or or) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (Predicate t : or.terms()) {
                long[] c = timeRange(t);
                if (c[0] >= c[1]) {
                    continue;
                }
                lo = Math.min(lo, c[0]);
                hi = Math.max(hi, c[1]);
            }
            return lo >= hi ? new long[] {0, 0} : new long[] {lo, hi};
        }
        return all;
    }
}
