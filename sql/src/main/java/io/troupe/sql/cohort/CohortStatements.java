package io.troupe.sql.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import io.troupe.sql.parser.SqlCreateCohort;
import io.troupe.sql.parser.SqlDropCohort;
import io.troupe.sql.parser.SqlImportCohort;
import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.cohort.CohortDefinition;
import io.troupe.storage.cohort.CohortKind;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Runs {@code CREATE [OR REPLACE] [STATIC] COHORT}, {@code IMPORT COHORT} and {@code DROP COHORT}. Every check comes
 * before anything is stored, so a refused statement changes nothing; the store then writes the cohort atomically.
 */
public final class CohortStatements {
    private final CohortEvaluator evaluator;
    private final ImportSettings imports;
    private final Clock clock;

    public CohortStatements(CohortEvaluator evaluator, ImportSettings imports, Clock clock) {
        this.evaluator = evaluator;
        this.imports = imports;
        this.clock = clock;
    }

    /** Whether this runs the statement. */
    public static boolean handles(SqlNode node) {
        return node instanceof SqlCreateCohort || node instanceof SqlImportCohort || node instanceof SqlDropCohort;
    }

    /**
     * @param sql the whole statement's text, or null when unknown (the stored definition is then the query as
     *            Calcite writes it back, and errors in it are positioned in that text)
     */
    public void execute(SqlNode node, String sql) {
        if (node instanceof SqlCreateCohort create) {
            create(create, sql);
        } else if (node instanceof SqlImportCohort importing) {
            importFile(importing);
        } else if (node instanceof SqlDropCohort drop) {
            drop(drop);
        } else {
            throw new IllegalArgumentException("not a cohort statement: " + node.getKind());
        }
    }

    private EventStore store() {
        return evaluator.store();
    }

    private void create(SqlCreateCohort create, String sql) {
        String name = create.name().getSimple();
        String groupType = groupType(create.groupType());
        checkNew(create.name(), create.getReplace());
        SqlParserPos queryPos = create.query().getParserPosition();
        if (!create.isStatic()) {
            List<String> cycle = evaluator.references().cycle(name, CohortReferences.of(create.query()), store().cohorts());
            if (cycle != null) {
                throw new TroupeException(ErrorCode.COHORT_SELF_REFERENCE, at(create.name().getParserPosition()), null,
                        name, String.join(" -> ", cycle));
            }
        }
        QueryText text = sql != null ? QueryText.cut(sql, create.queryLine(), create.queryColumn())
                : unparsed(create.query());
        CohortEvaluator.QueryResult result = evaluator.run(text.positioned(), create.isStatic());
        if (result.columns().size() != 1) {
            throw new TroupeException(ErrorCode.INVALID_COHORT_QUERY, at(queryPos), null, name,
                    "it returns " + result.columns().size() + " columns " + result.columns());
        }
        String column = result.columns().get(0);
        String columnType = CohortTypes.typeOfColumn(column, store());
        if (columnType != null && !CohortTypes.sameType(columnType, groupType)) {
            throw new TroupeException(ErrorCode.COHORT_TYPE_MISMATCH, at(queryPos), null, name,
                    CohortTypes.describe(groupType), "its query returns " + column + ", which holds "
                            + CohortTypes.describe(CohortTypes.typeOrNull(columnType))
                            + (groupType == null ? " (add FOR GROUP TYPE " + column + ")" : ""));
        }
        CohortKind kind = create.isStatic() ? CohortKind.STATIC : CohortKind.BEHAVIORAL;
        store().cohorts().save(new CohortDefinition(name, groupType, kind, text.stored(), clock.millis(), -1, null),
                create.isStatic() ? new ArrayList<>(result.members()) : null, create.getReplace());
    }

    private void importFile(SqlImportCohort importing) {
        String name = importing.name().getSimple();
        String groupType = groupType(importing.groupType());
        checkNew(importing.name(), false);
        Path folder = imports.folder();
        if (folder == null) {
            throw new TroupeException(ErrorCode.IMPORT_NOT_CONFIGURED);
        }
        String fileName = importing.fileName();
        Path file = ImportFolder.resolve(folder, fileName);
        Set<String> members = new MemberFileReader(fileName, imports.maxLines(), imports.maxBytes()).read(file);
        store().cohorts().save(new CohortDefinition(name, groupType, CohortKind.IMPORTED, fileName, clock.millis(), -1,
                null), new ArrayList<>(members), false);
    }

    private void drop(SqlDropCohort drop) {
        if (!store().cohorts().drop(drop.name().getSimple()) && !drop.ifExists) {
            throw new TroupeException(ErrorCode.UNKNOWN_COHORT, at(drop.name().getParserPosition()), null,
                    drop.name().getSimple());
        }
    }

    /** The group type named after FOR GROUP TYPE (null for none), which must exist. */
    private String groupType(org.apache.calcite.sql.SqlIdentifier id) {
        if (id == null) {
            return null;
        }
        GroupType type = store().catalog().state().groupType(id.getSimple());
        if (type == null) {
            throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE, at(id.getParserPosition()), null, id.getSimple());
        }
        return type.name();
    }

    private void checkNew(org.apache.calcite.sql.SqlIdentifier name, boolean replace) {
        CohortDefinition existing = store().cohorts().get(name.getSimple());
        if (existing != null && !replace) {
            throw new TroupeException(ErrorCode.COHORT_EXISTS, at(name.getParserPosition()), null, existing.name());
        }
    }

    private static QueryText unparsed(SqlNode query) {
        String text = query.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT).withAlwaysUseParentheses(false))
                .getSql();
        return new QueryText(text, text);
    }

    static SqlPosition at(SqlParserPos pos) {
        return new SqlPosition(Math.max(1, pos.getLineNum()), Math.max(1, pos.getColumnNum()));
    }
}
