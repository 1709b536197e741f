package io.troupe.sql.lookup;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import java.lang.reflect.Method;
import org.apache.calcite.linq4j.function.Parameter;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.ScannableTable;

/**
 * The account look-up's table functions as Calcite sees them ({@link LookupTableFunction} over the static methods
 * here): {@code GROUP_SEARCH(group_type, search)} and {@code GROUP_ACTIVITY(group_type, group_value [, page_size
 * [, before_timestamp]])}. Each call returns a table whose {@code scan} does the work inside the statement's scope;
 * the planner runs it through {@code TroupeRules.OTHER_TABLE_FUNCTIONS}. The row types are fixed; arguments are
 * checked in {@code scan} (and literal ones, with their SQL positions, by {@link LookupCalls} before validation).
 */
public final class LookupFunctions {
    public static final String GROUP_SEARCH = "GROUP_SEARCH";
    public static final String GROUP_ACTIVITY = "GROUP_ACTIVITY";

    private LookupFunctions() {
    }

    /** The functions by SQL name, for the project's schema. */
    public static Multimap<String, Function> all() {
        return ImmutableMultimap.of(
                GROUP_SEARCH, new LookupTableFunction(method("groupSearch", String.class, String.class),
                        GroupSearchTable::rowType),
                GROUP_ACTIVITY, new LookupTableFunction(method("groupActivity", String.class, String.class,
                        Integer.class, Long.class), GroupActivityTable::rowType, "before_timestamp"));
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return LookupFunctions.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code GROUP_SEARCH}: the active groups of a type whose property history matches the search. */
    public static ScannableTable groupSearch(@Parameter(name = "group_type") String groupType,
                                             @Parameter(name = "search") String search) {
        return new GroupSearchTable(groupType, search);
    }

    /**
     * {@code GROUP_ACTIVITY}: one group's events, newest first; with a page size, one page of them, older than
     * {@code before_timestamp} when given (a SQL TIMESTAMP: {@link LookupTableFunction} passes its UTC milliseconds).
     */
    public static ScannableTable groupActivity(@Parameter(name = "group_type") String groupType,
                                               @Parameter(name = "group_value") String groupValue,
                                               @Parameter(name = "page_size", optional = true) Integer pageSize,
                                               @Parameter(name = "before_timestamp", optional = true) Long before) {
        return new GroupActivityTable(groupType, groupValue, pageSize, before);
    }
}
