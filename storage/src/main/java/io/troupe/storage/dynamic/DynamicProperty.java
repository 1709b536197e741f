package io.troupe.storage.dynamic;

import java.util.Objects;

/**
 * One dynamic group property: a metric over the events of each group of a type, refreshed per period.
 *
 * @param name              the group property it writes, e.g. {@code active_users_7d}
 * @param groupType         the group type whose groups get the value, e.g. {@code org_id}
 * @param metric            the metric as SQL, {@code UNIQUES()}, {@code COUNT(*)}, {@code SUM(...)} or {@code AVG(...)}
 * @param filter            the condition on events as SQL, or null for every event
 * @param window            what the metric counts and how often it is refreshed
 * @param createdAt         when the definition was created or last replaced, ms since the epoch
 * @param lastRefreshedAt   when its values were last written, or -1 if never
 * @param refreshedPeriod   the start of the refresh period last computed, or -1 if never: a refresh in the same
 *                          period again writes nothing new (see {@link RefreshWindow})
 */
public record DynamicProperty(String name, String groupType, String metric, String filter, RefreshWindow window,
                              long createdAt, long lastRefreshedAt, long refreshedPeriod) {
    public DynamicProperty {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(groupType, "groupType is null");
        Objects.requireNonNull(metric, "metric is null");
        Objects.requireNonNull(window, "window is null");
    }

    /** A new definition, never refreshed. */
    public static DynamicProperty define(String name, String groupType, String metric, String filter,
                                         RefreshWindow window, long createdAt) {
        return new DynamicProperty(name, groupType, metric, filter, window, createdAt, -1, -1);
    }

    /** When the next refresh is due: at once if never refreshed, else at the start of the next period. */
    public long nextRefreshAt() {
        return refreshedPeriod < 0 ? createdAt : window.nextPeriodStart(refreshedPeriod);
    }

    /** True when a refresh at {@code now} falls in a period not yet computed. */
    public boolean isDue(long now) {
        return refreshedPeriod < 0 || window.periodStart(now) > refreshedPeriod;
    }

    public DynamicProperty refreshed(long at, long period) {
        return new DynamicProperty(name, groupType, metric, filter, window, createdAt, at, period);
    }
}
