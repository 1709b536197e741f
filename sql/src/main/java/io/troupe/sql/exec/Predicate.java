package io.troupe.sql.exec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A row condition Troupe evaluates itself, on dictionary ids and times rather than strings (the plan form;
 * {@link FilterBinder} turns it into a {@link RowFilter} for one execution). Fields are column numbers of
 * the {@code events} table. Unknown (NULL) counts as false, which is exact under AND and OR; the planner
 * only pushes NOT over conditions that cannot be unknown.
 */
public sealed interface Predicate {
    /** {@code field IN (values)}, or {@code field NOT IN (values)} when negated; NULL never matches. */
    record IdIn(int field, List<Operand> values, boolean negated) implements Predicate {
        @Override
        public String toString() {
            return "$" + field + (negated ? " NOT IN " : " IN ") + values;
        }
    }

    /**
     * {@code field IN COHORT cohort}, or {@code NOT IN COHORT} when negated; NULL never matches. The members become
     * dictionary ids once per execution.
     */
    record InCohort(int field, String cohort, boolean negated) implements Predicate {
        @Override
        public String toString() {
            return "$" + field + (negated ? " NOT IN COHORT " : " IN COHORT ") + cohort;
        }
    }

    /** {@code field IS NULL}, or {@code IS NOT NULL} when negated. */
    record IsNull(int field, boolean negated) implements Predicate {
        @Override
        public String toString() {
            return "$" + field + (negated ? " IS NOT NULL" : " IS NULL");
        }
    }

    /** {@code field LIKE pattern [ESCAPE escape]}, evaluated once per dictionary entry. */
    record Like(int field, Operand pattern, Operand escape, boolean negated) implements Predicate {
        @Override
        public String toString() {
            return "$" + field + (negated ? " NOT LIKE " : " LIKE ") + pattern + (escape == null ? "" : " ESCAPE " + escape);
        }
    }

    /** {@code event_time <op> value}. */
    record TimeCompare(Comparison op, Operand value) implements Predicate {
        @Override
        public String toString() {
            return "event_time " + op.symbol + " " + value;
        }
    }

    record And(List<Predicate> terms) implements Predicate {
        @Override
        public String toString() {
            return terms.stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    record Or(List<Predicate> terms) implements Predicate {
        @Override
        public String toString() {
            return terms.stream().map(Object::toString).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }

    record Not(Predicate term) implements Predicate {
        @Override
        public String toString() {
            return "NOT " + term;
        }
    }

    enum Comparison {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }
    }
}
