package io.troupe.sql.ddl;

import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import io.troupe.sql.parser.SqlCreateGroupType;
import io.troupe.sql.parser.SqlDropGroupType;
import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.dynamic.DynamicProperty;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE GROUP TYPE} and {@code DROP GROUP TYPE} (docs/sql.md, "Group types").
 *
 * <p>A drop takes the type out of SQL (its column, its properties, user assignments) and ingest declares the name
 * anew, with a new id, on next use; what was stored under the old id stays on disk but is never attached to the
 * new type. So that nothing is lost by mistake, a drop is refused while stored data names the type, unless
 * written with {@code FORCE}, and always while dynamic group properties are defined on it.
 */
public final class GroupTypeStatements {
    private final EventStore store;
    private final Clock clock;

    public GroupTypeStatements(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void create(SqlCreateGroupType create) {
        SqlPosition at = position(create.nameNode().getParserPosition());
        String name = create.name();
        if (create.getReplace()) {
            throw new TroupeException(ErrorCode.SQL_UNSUPPORTED, at, null,
                    "CREATE OR REPLACE GROUP TYPE (a group type has nothing to replace: write CREATE GROUP TYPE IF NOT EXISTS)");
        }
        synchronized (store.catalog()) {
            if (store.catalog().state().groupType(name) != null) {
                if (create.ifNotExists) {
                    return;
                }
                throw new TroupeException(ErrorCode.GROUP_TYPE_EXISTS, at, null, name);
            }
            try {
                store.catalog().createGroupType(name, clock.millis());
            } catch (TroupeException e) {
                throw switch (e.errorCode()) {
                    case TOO_MANY_GROUP_TYPES -> new TroupeException(e.errorCode(), at, e, store.config().project(),
                            store.catalog().state().groupTypes().size());
                    case INVALID_GROUP_TYPE_NAME -> new TroupeException(e.errorCode(), at, e, name);
                    default -> e;
                };
            }
        }
    }

    public void drop(SqlDropGroupType drop) {
        SqlPosition at = position(drop.nameNode().getParserPosition());
        String name = drop.name();
        // definitions first, then the catalog (the order CREATE DYNAMIC GROUP PROPERTY takes them in), so that no
        // definition on this type can be created between the check and the drop
        synchronized (store.dynamicProperties()) {
            synchronized (store.catalog()) {
                dropChecked(drop, at, name);
            }
        }
    }

    private void dropChecked(SqlDropGroupType drop, SqlPosition at, String name) {
        GroupType type = store.catalog().state().groupType(name);
        if (type == null) {
            if (drop.ifExists) {
                return;
            }
            throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE, at, null, name);
        }
        List<String> dynamic = new ArrayList<>();
        for (DynamicProperty p : store.dynamicProperties().list()) {
            if (p.groupType().equals(name)) {
                dynamic.add(p.name());
            }
        }
        if (!dynamic.isEmpty()) {
            throw new TroupeException(ErrorCode.GROUP_TYPE_IN_USE, at, null, name,
                    "dynamic group properties are defined on it (" + String.join(", ", dynamic)
                            + "): drop them first with DROP DYNAMIC GROUP PROPERTY");
        }
        long stored = storedValues(type);
        if (stored > 0 && !drop.force()) {
            throw new TroupeException(ErrorCode.GROUP_TYPE_IN_USE, at, null, name, stored
                    + " of its group values are stored (events, user assignments, group properties), and a new "
                    + name + " would not see them. Write DROP GROUP TYPE " + name
                    + " FORCE to drop it anyway (take a snapshot first to keep a way back; docs/sql.md \"Group types\")");
        }
        store.catalog().dropGroupType(name);
    }

    /** Group values stored under the type: ids in its dictionary (events, assignments) and groups with properties. */
    private long storedValues(GroupType type) {
        long values = store.dictionaries().groupValues(type.id()).size();
        if (values == 0) {
            long[] groups = {0};
            store.groupHistory().forEachGroup(type.id(), (value, history) -> groups[0]++);
            values = groups[0];
        }
        return values;
    }

    private static SqlPosition position(SqlParserPos pos) {
        return new SqlPosition(Math.max(1, pos.getLineNum()), Math.max(1, pos.getColumnNum()));
    }
}
