package io.troupe.sql.dynamic;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.SqlEngine;
import io.troupe.sql.SqlSession;
import io.troupe.sql.parser.SqlCreateDynamicGroupProperty;
import io.troupe.sql.parser.SqlDropDynamicGroupProperty;
import io.troupe.storage.EventStore;
import io.troupe.storage.dynamic.DynamicProperties;
import io.troupe.storage.dynamic.DynamicProperty;
import io.troupe.storage.dynamic.RefreshWindow;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.apache.calcite.sql.SqlCall;

/**
 * {@code CREATE [OR REPLACE] DYNAMIC GROUP PROPERTY} and {@code DROP DYNAMIC GROUP PROPERTY}. A definition is
 * checked whole before anything is stored: name, group type, metric, window, then the generated query is
 * prepared (without the WHERE, then with it) so that a mistake in either is reported as the statement's, at
 * its place. Once stored, the definition is refreshed at once; if that first refresh fails, the previous
 * definition (or none) is put back and the error is the statement's.
 */
public final class DynamicPropertyStatements {
    private final SqlEngine engine;
    private final EventStore store;

    public DynamicPropertyStatements(SqlEngine engine) {
        this.engine = engine;
        this.store = engine.store();
    }

    public void create(SqlCreateDynamicGroupProperty create) {
        String name = create.nameNode().getSimple();
        String groupType = create.groupType().getSimple();
        DynamicProperties definitions = store.dynamicProperties();
        synchronized (definitions) {
            DynamicProperty previous = definitions.get(name);
            if (previous != null && !create.getReplace()) {
                throw new TroupeException(ErrorCode.DYNAMIC_PROPERTY_EXISTS, Positions.of(create.nameNode().getParserPosition()),
                        null, name);
            }
            if (store.catalog().state().groupType(groupType) == null) {
                throw Positions.placed(ErrorCode.UNKNOWN_GROUP_TYPE, create.groupType(), groupType);
            }
            checkName(create, name);
            SqlCall metricCall = MetricCheck.metric(create.metrics());
            checkNumeric(metricCall);
            RefreshWindow window = MetricCheck.window(create);
            MetricCheck.filter(create.filter());
            String metric = MetricCheck.sql(metricCall);
            String filter = create.filter() == null ? null : MetricCheck.sql(create.filter());
            DynamicProperty definition = DynamicProperty.define(name, groupType, metric, null, window,
                    engine.options().clock().millis());
            prepare(definition, create, metricCall);
            if (filter != null) {
                definition = DynamicProperty.define(name, groupType, metric, filter, window, definition.createdAt());
                prepare(definition, create, metricCall);
            }
            definitions.put(definition);
            try {
                new DynamicPropertyRefresher(engine).refresh(definition, engine.options().clock().millis());
            } catch (RuntimeException e) {
                if (previous != null) {
                    definitions.put(previous);
                } else {
                    definitions.remove(name);
                }
                throw e;
            }
        }
    }

    /**
     * The name must not be a property group identify writes (a refresh would overwrite it), and must fit under
     * the project's limit of group property names.
     */
    private void checkName(SqlCreateDynamicGroupProperty create, String name) {
        boolean known = store.catalog().state().groupPropertyNames().contains(name);
        if (known && !store.dynamicProperties().isOrWasDynamic(name)) {
            throw new TroupeException(ErrorCode.GROUP_PROPERTY_NAME_TAKEN, Positions.of(create.nameNode().getParserPosition()),
                    null, name);
        }
        try {
            store.catalog().checkGroupPropertyNames(List.of(name));
        } catch (TroupeException e) {
            throw new TroupeException(e.errorCode(), Positions.of(create.nameNode().getParserPosition()), e,
                    e.errorCode() == ErrorCode.TOO_MANY_GROUP_PROPERTIES
                            ? new Object[] {store.config().project(), store.catalog().state().groupPropertyNames().size()}
                            : new Object[] {name});
        }
    }

    /**
     * Prepares the generated query; an engine error is reported as the metric's (no filter yet) or the WHERE's,
     * at its place in the statement.
     */
    private void prepare(DynamicProperty definition, SqlCreateDynamicGroupProperty create, SqlCall metric) {
        String sql = DynamicPropertyRefresher.query(definition, 0, 1);
        boolean withFilter = definition.filter() != null;
        try (SqlSession session = engine.open()) {
            try (java.sql.PreparedStatement statement = session.connection().prepareStatement(sql)) {
                statement.getMetaData();
            } catch (SQLException | RuntimeException e) {
                TroupeException engineError = io.troupe.sql.SqlErrors.translate(e);
                throw withFilter
                        ? Positions.at(ErrorCode.DYNAMIC_PROPERTY_FILTER, create.filter().getParserPosition(), engineError,
                                Positions.detail(engineError))
                        : Positions.at(ErrorCode.DYNAMIC_PROPERTY_METRIC, metric.getParserPosition(), engineError,
                                Positions.detail(engineError));
            }
        }
    }

    /**
     * SUM and AVG must be of a number: the engine would otherwise cast text to a number when the query runs (and
     * fail at the first refresh), so the argument's own type is checked by preparing it alone.
     */
    private void checkNumeric(SqlCall metric) {
        if (metric.operandCount() != 1 || metric.operand(0) instanceof org.apache.calcite.sql.SqlIdentifier id && id.isStar()) {
            return;
        }
        String sql = "SELECT " + MetricCheck.sql(metric.operand(0)) + " FROM events";
        try (SqlSession session = engine.open();
             java.sql.PreparedStatement statement = session.connection().prepareStatement(sql)) {
            java.sql.ResultSetMetaData md = statement.getMetaData();
            if (!isNumber(md.getColumnType(1))) {
                throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_METRIC, metric,
                        metric.getOperator().getName() + " of a " + md.getColumnTypeName(1)
                                + ": CAST the expression to a number, e.g. CAST(event_properties['amount'] AS DOUBLE)");
            }
        } catch (SQLException | RuntimeException e) {
            if (e instanceof TroupeException te && te.errorCode() == ErrorCode.DYNAMIC_PROPERTY_METRIC) {
                throw te;
            }
            TroupeException engineError = io.troupe.sql.SqlErrors.translate(e);
            throw Positions.at(ErrorCode.DYNAMIC_PROPERTY_METRIC, metric.getParserPosition(), engineError,
                    Positions.detail(engineError));
        }
    }

    private static boolean isNumber(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE,
                 Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }

    /** DROP: refreshes stop; every value already written stays in the group property history. */
    public void drop(SqlDropDynamicGroupProperty drop) {
        synchronized (store.dynamicProperties()) {
            if (!store.dynamicProperties().remove(drop.name()) && !drop.ifExists) {
                throw new TroupeException(ErrorCode.UNKNOWN_DYNAMIC_PROPERTY,
                        Positions.of(drop.getOperandList().get(0).getParserPosition()), null, drop.name());
            }
        }
    }
}
