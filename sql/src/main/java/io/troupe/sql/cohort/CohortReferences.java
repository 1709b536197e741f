package io.troupe.sql.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.parser.InCohortOperator;
import io.troupe.sql.parser.TroupeSqlParserImpl;
import io.troupe.storage.cohort.CohortDefinition;
import io.troupe.storage.cohort.CohortStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Which cohorts a query uses (its {@code IN COHORT} and {@code IN_COHORT(..., 'name')} calls), and the check that a
 * behavioral cohort never needs itself: its query is run whenever it is used, so a cycle would never end. Static
 * and imported cohorts end every chain (their members are stored).
 */
final class CohortReferences {
    /** Parsed references by query text: definitions do not change, so this needs no invalidation. */
    private final Map<String, Set<String>> byText = new ConcurrentHashMap<>();

    /** The cohort names a parsed query uses, lowercase. */
    static Set<String> of(SqlNode query) {
        Set<String> names = new LinkedHashSet<>();
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getOperator().getName().equalsIgnoreCase(InCohortOperator.FUNCTION) && call.operandCount() == 2
                        && call.operand(1) instanceof SqlLiteral name && name.getValueAs(String.class) != null) {
                    names.add(CohortDefinition.key(name.getValueAs(String.class)));
                }
                return super.visit(call);
            }
        });
        return names;
    }

    /** The cohorts a stored query uses. */
    Set<String> of(String sql) {
        return byText.computeIfAbsent(sql, text -> {
            try {
                return of(SqlParser.create(text, SqlParser.config().withParserFactory(TroupeSqlParserImpl.FACTORY)
                        .withQuoting(Quoting.DOUBLE_QUOTE).withUnquotedCasing(Casing.UNCHANGED)
                        .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false)
                        .withConformance(SqlConformanceEnum.LENIENT)).parseQuery());
            } catch (SqlParseException e) {
                return Set.of(); // running it reports the syntax error
            }
        });
    }

    /**
     * Refuses a behavioral cohort {@code name} whose query uses {@code uses} when that leads back to it through the
     * stored behavioral cohorts.
     *
     * @return the cycle (names in order, starting and ending with {@code name}) or null when there is none
     */
    List<String> cycle(String name, Set<String> uses, CohortStore cohorts) {
        String start = CohortDefinition.key(name);
        List<String> path = new ArrayList<>();
        path.add(name);
        return walk(start, uses, cohorts, path, new java.util.HashSet<>());
    }

    private List<String> walk(String start, Set<String> uses, CohortStore cohorts, List<String> path, Set<String> seen) {
        for (String used : uses) {
            if (used.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(path.get(0));
                return cycle;
            }
            CohortDefinition d = cohorts.get(used);
            if (d == null || d.kind().storesMembers() || !seen.add(used)) {
                continue;
            }
            path.add(d.name());
            List<String> found = walk(start, of(d.definition()), cohorts, path, seen);
            if (found != null) {
                return found;
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    /** Throws {@code COHORT_SELF_REFERENCE} when a stored behavioral cohort needs itself. */
    void checkStored(CohortDefinition cohort, CohortStore cohorts) {
        if (cohort.kind().storesMembers()) {
            return;
        }
        List<String> cycle = cycle(cohort.name(), of(cohort.definition()), cohorts);
        if (cycle != null) {
            throw new TroupeException(ErrorCode.COHORT_SELF_REFERENCE, cohort.name(), String.join(" -> ", cycle));
        }
    }
}
