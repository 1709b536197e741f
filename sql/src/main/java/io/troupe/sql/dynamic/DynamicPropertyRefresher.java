package io.troupe.sql.dynamic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.SqlEngine;
import io.troupe.sql.SqlSession;
import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.dynamic.DynamicProperty;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.GroupIdentify;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes dynamic group properties and writes their values (docs/dynamic-properties.md, "Refresh").
 *
 * <p>One refresh of a definition runs one query through the engine (its vectorized scan and hash aggregation):
 * the metric per group over the events of the window. Every group of the type then gets a value: the computed
 * one, or for a group without events in the window 0 (UNIQUES, COUNT, SUM) or no value (AVG: an unset), so no
 * group keeps a stale value. Only values that differ from the group's current value are written, as group
 * identifies ({@code $set} / {@code $unset}) dated at the refresh time through the store's durable ingest: the
 * history gets a row per change with {@code valid_from} = the refresh time. Refreshing again in the same period
 * therefore writes nothing new, unless late events changed a value.
 *
 * <p>"Now" is the engine's clock ({@code SqlOptions.clock()}). Refreshes of one store are serialised.
 */
public final class DynamicPropertyRefresher {
    private static final int BATCH = 5_000;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final SqlEngine engine;
    private final EventStore store;

    public DynamicPropertyRefresher(SqlEngine engine) {
        this.engine = engine;
        this.store = engine.store();
    }

    /** Refreshes the definitions due now (whose current period has not been computed); returns what each did. */
    public List<RefreshResult> refreshDue() {
        synchronized (store.dynamicProperties()) {
            long now = engine.options().clock().millis();
            List<RefreshResult> results = new ArrayList<>();
            for (DynamicProperty p : store.dynamicProperties().list()) {
                if (p.isDue(now)) {
                    results.add(refresh(p, now));
                }
            }
            return results;
        }
    }

    /** The names of the definitions due now. */
    public List<String> due() {
        long now = engine.options().clock().millis();
        List<String> names = new ArrayList<>();
        for (DynamicProperty p : store.dynamicProperties().list()) {
            if (p.isDue(now)) {
                names.add(p.name());
            }
        }
        return names;
    }

    /**
     * Refreshes one definition if it is (still) due now; null when it is not, or no longer exists (another
     * refresh or a DROP came first).
     */
    public RefreshResult refreshIfDue(String name) {
        synchronized (store.dynamicProperties()) {
            long now = engine.options().clock().millis();
            DynamicProperty p = store.dynamicProperties().get(name);
            return p != null && p.isDue(now) ? refresh(p, now) : null;
        }
    }

    /**
     * Refreshes now, due or not: the definition named, or all when {@code name} is null.
     *
     * @throws TroupeException UNKNOWN_DYNAMIC_PROPERTY when no definition has that name
     */
    public List<RefreshResult> refreshNow(String name) {
        synchronized (store.dynamicProperties()) {
            long now = engine.options().clock().millis();
            List<RefreshResult> results = new ArrayList<>();
            if (name != null) {
                DynamicProperty p = store.dynamicProperties().get(name);
                if (p == null) {
                    throw new TroupeException(ErrorCode.UNKNOWN_DYNAMIC_PROPERTY, name);
                }
                results.add(refresh(p, now));
            } else {
                for (DynamicProperty p : store.dynamicProperties().list()) {
                    results.add(refresh(p, now));
                }
            }
            return results;
        }
    }

    /** One refresh of {@code p} at {@code now}; records it in the definitions. */
    RefreshResult refresh(DynamicProperty p, long now) {
        synchronized (store.dynamicProperties()) {
            long started = System.nanoTime();
            long period = p.window().periodStart(now);
            long from = p.window().from(period);
            long to = p.window().to(period);
            GroupType type = store.catalog().state().groupType(p.groupType());
            if (type == null) {
                throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE, p.groupType());
            }
            Map<String, JsonNode> computed = new HashMap<>();
            boolean integral = compute(p, from, to, computed);
            Metric metric = Metric.of(p.metric());
            JsonNode empty = !metric.zeroWhenEmpty() ? null
                    : integral ? JsonNodeFactory.instance.numberNode(0L) : JsonNodeFactory.instance.numberNode(0.0);
            Dictionary groups = store.dictionaries().groupValues(type.id());
            int size = groups.size();
            List<Command> batch = new ArrayList<>();
            int written = 0;
            int valued = 0;
            for (int id = 0; id < size; id++) {
                String group = groups.valueOf(id);
                if (group == null) {
                    continue;
                }
                JsonNode value = computed.getOrDefault(group, empty);
                valued++;
                JsonNode current = store.groupHistory().currentValue(type.id(), group, p.name());
                if (same(current, value)) {
                    continue;
                }
                batch.add(new GroupIdentify(p.groupType(), group, now, operation(p.name(), value)));
                written++;
                if (batch.size() == BATCH) {
                    store.ingest(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                store.ingest(batch);
            }
            store.dynamicProperties().markRefreshed(p, now, period);
            return new RefreshResult(p.name(), from, to, valued, written, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * The metric per group over [from, to), by one query of the engine, into {@code values}; returns whether the
     * metric is an integer (so that a group without events gets 0 of the same type as the others).
     */
    private boolean compute(DynamicProperty p, long from, long to, Map<String, JsonNode> values) {
        try (SqlSession session = engine.open();
             java.sql.ResultSet rs = session.query(query(p, from, to))) {
            int type = rs.getMetaData().getColumnType(2);
            while (rs.next()) {
                String group = rs.getString(1);
                Object value = rs.getObject(2);
                if (group != null && value != null) {
                    values.put(group, number((Number) value));
                }
            }
            return type == java.sql.Types.BIGINT || type == java.sql.Types.INTEGER || type == java.sql.Types.SMALLINT
                    || type == java.sql.Types.TINYINT;
        } catch (java.sql.SQLException e) {
            throw io.troupe.sql.SqlErrors.translate(e);
        }
    }

    /** The generated query of a definition over [from, to). */
    static String query(DynamicProperty p, long from, long to) {
        String group = quote(p.groupType());
        return "SELECT " + group + ", " + p.metric() + "\nFROM events\nWHERE " + group + " IS NOT NULL"
                + " AND event_time >= TIMESTAMP '" + TIMESTAMP.format(Instant.ofEpochMilli(from)) + "'"
                + " AND event_time < TIMESTAMP '" + TIMESTAMP.format(Instant.ofEpochMilli(to)) + "'"
                + (p.filter() == null ? "" : " AND (\n" + p.filter() + "\n)")
                + "\nGROUP BY " + group;
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static JsonNode number(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return JsonNodeFactory.instance.numberNode(n.longValue());
        }
        if (n instanceof java.math.BigDecimal d && d.scale() <= 0) {
            return JsonNodeFactory.instance.numberNode(d.longValueExact());
        }
        return JsonNodeFactory.instance.numberNode(n.doubleValue());
    }

    private static ObjectNode operation(String property, JsonNode value) {
        ObjectNode op = JsonNodeFactory.instance.objectNode();
        if (value == null) {
            op.putObject("$unset").put(property, "-");
        } else {
            op.putObject("$set").set(property, value);
        }
        return op;
    }

    /** Equal values; numbers by value (the history may hold 3 as an int after a replay, the refresh a long). */
    static boolean same(JsonNode current, JsonNode value) {
        if (current == null || current.isNull() || value == null) {
            return (current == null || current.isNull()) && value == null;
        }
        if (current.isNumber() && value.isNumber()) {
            if (current.isIntegralNumber() && value.isIntegralNumber()) {
                return current.longValue() == value.longValue();
            }
            return Double.compare(current.doubleValue(), value.doubleValue()) == 0;
        }
        return current.equals(value);
    }
}
