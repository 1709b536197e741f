package io.troupe.sql.exec;

import java.util.List;

/**
 * The conditions of a report as bit masks per row: bit c of a row's mask when it satisfies condition c. When
 * every condition is an {@code IN} list (or {@code =}) on one id column, the usual case ({@code event_type = 'A'},
 * {@code event_type IN ('B', 'C')}), a row's mask is one look-up in a table indexed by the column's dictionary id,
 * computed once per execution; otherwise each condition is evaluated over the batch in turn.
 */
final class ConditionMasks {
    private final RowFilter[] filters;
    private final int field;
    private final int[] maskById;
    private final List<Predicate> conditions;
    private final FilterBinder binder;
    private boolean[] matches = new boolean[0];

    ConditionMasks(List<Predicate> conditions, FilterBinder binder) {
        this.conditions = conditions;
        this.binder = binder;
        int common = -1;
        boolean lookup = !conditions.isEmpty() && conditions.size() <= 32;
        IdSet[] sets = new IdSet[conditions.size()];
        for (int c = 0; lookup && c < conditions.size(); c++) {
            if (conditions.get(c) instanceof Predicate.IdIn in && !in.negated() && (common < 0 || in.field() == common)) {
                common = in.field();
                sets[c] = binder.ids(in);
                lookup = sets[c] != null;
            } else {
                lookup = false;
            }
        }
        if (lookup) {
            int max = -1;
            for (IdSet s : sets) {
                int[] top = {max};
                s.forEach(id -> top[0] = Math.max(top[0], id));
                max = top[0];
            }
            int[] table = new int[max + 1];
            for (int c = 0; c < sets.length; c++) {
                int bit = 1 << c;
                sets[c].forEach(id -> table[id] |= bit);
            }
            field = common;
            maskById = table;
            filters = null;
        } else {
            field = -1;
            maskById = null;
            filters = new RowFilter[conditions.size()];
            for (int c = 0; c < filters.length; c++) {
                filters[c] = binder.bind(conditions.get(c));
            }
        }
    }

    /**
     * The rows of a segment that match some condition, from its recorded event type counts, when the conditions
     * are a look-up on {@code event_type} and the segment has counts; else -1.
     */
    long matchingRows(io.troupe.storage.segment.SegmentInfo info, int eventTypeField) {
        if (maskById == null || field != eventTypeField || info.eventTypeCounts() == null) {
            return -1;
        }
        long rows = 0;
        for (int i = 0; i < info.eventTypes().size(); i++) {
            int type = info.eventTypes().get(i);
            if (type >= 0 && type < maskById.length && maskById[type] != 0) {
                rows += info.eventTypeCounts().get(i);
            }
        }
        return rows;
    }

    /** Sets {@code masks[i]} for the batch's rows. */
    void eval(BatchData d, int[] masks) {
        int n = d.rows();
        if (maskById != null) {
            d.lookup(field, maskById, masks);
            return;
        }
        if (matches.length < n) {
            matches = new boolean[n];
        }
        java.util.Arrays.fill(masks, 0, n, 0);
        for (int c = 0; c < filters.length; c++) {
            filters[c].eval(d, matches);
            int bit = 1 << c;
            for (int i = 0; i < n; i++) {
                if (matches[i]) {
                    masks[i] |= bit;
                }
            }
        }
    }

    /** The same masks for another thread: filters are bound anew, since a bound filter may keep scratch arrays. */
    ConditionMasks copy() {
        return new ConditionMasks(conditions, binder);
    }
}
