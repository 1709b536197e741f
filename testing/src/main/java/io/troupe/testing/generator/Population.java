package io.troupe.testing.generator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everyone the generator simulates: orgs with their members, consultants and payers, the tables that pick
 * an org for the next activity, and the planned lifecycle (creations, joins, moves, trial ends).
 *
 * <p>Why held whole: it is per-org and per-user state (a few hundred bytes each), which is small next to
 * the event stream; events themselves are never held beyond their hour.
 */
final class Population {
    final List<Org> orgs;
    final List<Person> payers;
    /** Orgs of each region, weighted by size: bigger orgs do proportionally more. */
    final Map<Region, WeightedChoice<Org>> orgsByRegion;
    /** Total activity weight of each region, used to spread hourly volume over time zones. */
    final Map<Region, Double> regionWeight;
    /** Lifecycle items sorted by time, then kind. */
    final List<LifecycleItem> lifecycle;
    final int users;

    Population(List<Org> orgs, List<Person> payers, Map<Region, WeightedChoice<Org>> orgsByRegion,
               Map<Region, Double> regionWeight, List<LifecycleItem> lifecycle, int users) {
        this.orgs = List.copyOf(orgs);
        this.payers = List.copyOf(payers);
        this.orgsByRegion = new EnumMap<>(orgsByRegion);
        this.regionWeight = new EnumMap<>(regionWeight);
        this.lifecycle = List.copyOf(lifecycle);
        this.users = users;
    }
}
