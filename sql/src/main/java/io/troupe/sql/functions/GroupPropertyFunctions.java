package io.troupe.sql.functions;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.exec.ScopedDataContext;
import io.troupe.sql.schema.PropertyValues;
import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The group property functions, as text (NULL when never set or unset):
 * <ul>
 *   <li>{@code CURRENT_GROUP_PROPERTY(org_id, 'plan')}: the latest value of the event's group's property;</li>
 *   <li>{@code GROUP_PROPERTY(org_id, 'plan')}: the value in force at the event's {@code event_time}, from the
 *       group property history: the last change with {@code valid_from <= event_time} (NULL before the first
 *       value).</li>
 * </ul>
 * Users name the group type by its column; the conversion to row expressions ({@link TroupeConvertlets}) turns
 * the calls into {@link #LOOKUP}{@code ('org_id', org_id, 'plan')} and
 * {@link #LOOKUP_AT}{@code ('org_id', org_id, 'plan', event_time)}, which carry the group type by name, since a
 * row expression only knows a column's position.
 */
public final class GroupPropertyFunctions {
    public static final ScalarFunction CURRENT = new Signature(List.of("group", "property"));
    public static final ScalarFunction AT = new Signature(List.of("group", "property"));
    public static final Lookup LOOKUP = new Lookup();
    public static final LookupAt LOOKUP_AT = new LookupAt();
    public static final AllProperties PROPERTIES = new AllProperties();

    private GroupPropertyFunctions() {
    }

    /** Called by generated code: the current value of {@code property} of group {@code value} of type {@code type}. */
    public static String current(DataContext root, String type, String value, String property) {
        EventStore store = store(root);
        return PropertyValues.text(store.groupHistory().currentValue(groupType(store, type).id(), value, property));
    }

    /**
     * Called by generated code: the value of {@code property} of group {@code value} of type {@code type} in force
     * at {@code time} (ms since the epoch).
     */
    public static String at(DataContext root, String type, String value, String property, long time) {
        EventStore store = store(root);
        return PropertyValues.text(store.groupHistory().valueAt(groupType(store, type).id(), value, property, time));
    }

    private static EventStore store(DataContext root) {
        if (!(root.get(ScopedDataContext.STORE) instanceof EventStore store)) {
            throw new TroupeException(ErrorCode.SQL_UNSUPPORTED, "group properties outside a Troupe statement");
        }
        return store;
    }

    private static GroupType groupType(EventStore store, String type) {
        GroupType groupType = store.catalog().state().groupType(type);
        if (groupType == null) {
            throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE, type);
        }
        return groupType;
    }

    /** Called by generated code: every current property of a group, as {@code group_profiles.properties} has them. */
    public static java.util.Map<String, String> currentProperties(DataContext root, String type, String value) {
        EventStore store = store(root);
        return PropertyValues.textMap(store.groupHistory().current(groupType(store, type).id(), value));
    }

    /** Generated code calling {@code method(root, operands...)}: the store comes from the statement's context. */
    private static CallImplementor withRoot(String method) {
        return RexImpTable.createImplementor((translator, call, operands) -> {
            List<Expression> args = new ArrayList<>();
            args.add(translator.getRoot());
            for (Expression operand : operands) {
                // a TIMESTAMP is a long in generated code, boxed when the column may be NULL (STRICT: never null here)
                args.add(operand.getType() == Long.class ? EnumUtils.convert(operand, long.class) : operand);
            }
            return Expressions.call(GroupPropertyFunctions.class, method, args);
        }, NullPolicy.STRICT, false);
    }

    private static class Signature implements ScalarFunction {
        private final List<String> names;
        private final List<SqlTypeName> types;

        Signature(List<String> names) {
            this(names, names.stream().map(n -> SqlTypeName.VARCHAR).toList());
        }

        Signature(List<String> names, List<SqlTypeName> types) {
            this.names = names;
            this.types = types;
        }

        @Override
        public RelDataType getReturnType(RelDataTypeFactory types) {
            return types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true);
        }

        @Override
        public List<FunctionParameter> getParameters() {
            List<FunctionParameter> ps = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                ps.add(Parameters.of(i, names.get(i), types.get(i)));
            }
            return ps;
        }
    }

    /**
     * The current properties of a group as a map: (group type name, group value). The planner puts it where a
     * join of events with {@code group_profiles} reads {@code properties}; {@code properties['region']} of it
     * then becomes a {@link #LOOKUP}, which Troupe computes as a dense key.
     */
    public static final class AllProperties implements ScalarFunction, ImplementableFunction {
        @Override
        public RelDataType getReturnType(RelDataTypeFactory types) {
            RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
            return types.createMapType(varchar, types.createTypeWithNullability(varchar, true));
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return new Signature(List.of("group_type", "group")).getParameters();
        }

        @Override
        public CallImplementor getImplementor() {
            return withRoot("currentProperties");
        }
    }

    /** The executable form: (group type name, group value, property name). */
    public static final class Lookup extends Signature implements ImplementableFunction {
        Lookup() {
            super(List.of("group_type", "group", "property"));
        }

        @Override
        public CallImplementor getImplementor() {
            return withRoot("current");
        }
    }

    /** The executable form of {@code GROUP_PROPERTY}: (group type name, group value, property name, event time). */
    public static final class LookupAt extends Signature implements ImplementableFunction {
        LookupAt() {
            super(List.of("group_type", "group", "property", "time"),
                    List.of(SqlTypeName.VARCHAR, SqlTypeName.VARCHAR, SqlTypeName.VARCHAR, SqlTypeName.TIMESTAMP));
        }

        @Override
        public CallImplementor getImplementor() {
            return withRoot("at");
        }
    }
}
