package io.troupe.testing.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Produces the generator's stream one hour at a time: plays the hour's lifecycle, fills the hour with new
 * sessions and workflows until it holds its share of the target, sorts it, emits it, and re-emits some
 * events as retried duplicates.
 *
 * <p>Why hour by hour: only one hour's commands plus the not-yet-due steps of running workflows are in
 * memory, so 100M events stream in constant memory. Why budgets: volume follows the activity calendar,
 * and steps that land in a later hour count toward that hour, so the total comes out at the target.
 */
final class CommandIterator implements Iterator<GeneratedCommand> {
    private static final double WORKFLOW_SHARE = 0.3;

    private final long targetEvents;
    private final double duplicateRate;
    private final Population population;
    private final ActivityCalendar calendar;
    private final HourBuckets buckets;
    private final LifecyclePlayer lifecycle;
    private final WorkflowRunner workflows;
    private final NoiseSessions sessions;
    private final Rng activity;
    private final Rng duplicates;
    private final long[] budgets;
    private final long end;

    private long carry;
    private int nextHour;
    private List<GeneratedCommand> hour = List.of();
    private int position;
    private long uniqueEvents;
    private GeneratedCommand pendingDuplicate;
    private GeneratedCommand next;

    CommandIterator(B2bGenerator.Config config) {
        long seed = config.seed();
        this.targetEvents = config.targetEvents();
        this.duplicateRate = config.duplicateRate();
        this.population = new PopulationBuilder(config, Rng.forPurpose(seed, 1)).build();
        this.calendar = new ActivityCalendar(config.startMillis(), config.days(), population.regionWeight);
        this.end = config.endMillis();
        this.buckets = new HourBuckets(config.startMillis(), end, calendar.hours());
        this.activity = Rng.forPurpose(seed, 2);
        EventFactory factory =
                new EventFactory(Rng.forPurpose(seed, 3), seed, config.groupType(), config.accountGroupType());
        this.lifecycle = new LifecyclePlayer(Rng.forPurpose(seed, 4), factory, buckets, population.lifecycle);
        this.workflows = new WorkflowRunner(Rng.forPurpose(seed, 5), factory, buckets, calendar);
        this.sessions = new NoiseSessions(Rng.forPurpose(seed, 6), factory, buckets);
        this.duplicates = Rng.forPurpose(seed, 7);
        this.budgets = calendar.hourlyBudgets(targetEvents);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = computeNext();
        }
        return next != null;
    }

    @Override
    public GeneratedCommand next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        GeneratedCommand result = next;
        next = null;
        return result;
    }

    private GeneratedCommand computeNext() {
        if (pendingDuplicate != null) {
            GeneratedCommand duplicate = pendingDuplicate;
            pendingDuplicate = null;
            return duplicate;
        }
        if (uniqueEvents >= targetEvents) {
            return null;
        }
        while (position >= hour.size()) {
            if (nextHour >= calendar.hours()) {
                return null;
            }
            hour = generateHour(nextHour++);
            position = 0;
        }
        GeneratedCommand command = hour.get(position);
        hour.set(position++, null);
        if (command instanceof GeneratedEvent) {
            uniqueEvents++;
            if (duplicateRate > 0 && duplicates.chance(duplicateRate)) {
                pendingDuplicate = command;
            }
        }
        return command;
    }

    private List<GeneratedCommand> generateHour(int h) {
        long hourStart = calendar.hourStart(h);
        long hourEnd = Math.min(end, hourStart + ActivityCalendar.HOUR);
        lifecycle.playUntil(hourEnd);
        long wanted = budgets[h] + carry;
        long attempts = 4 * Math.max(0, wanted - buckets.eventCount(h)) + 64;
        while (buckets.eventCount(h) < wanted && attempts-- > 0) {
            Region region = calendar.pickRegion(h, activity);
            WeightedChoice<Org> orgs = population.orgsByRegion.get(region);
            if (orgs.isEmpty()) {
                continue;
            }
            Org org = orgs.pick(activity);
            if (org.createdAt >= hourEnd) {
                continue;
            }
            long from = Math.max(hourStart, org.createdAt);
            long time = from + activity.nextLong(hourEnd - from);
            if (activity.chance(WORKFLOW_SHARE)) {
                workflows.start(org, time);
            } else {
                sessions.session(org, time);
            }
        }
        carry = wanted - buckets.eventCount(h);
        return sorted(buckets.take(h), hourStart);
    }

    /**
     * Sorts one hour's commands by time; at equal times group changes, then identifies, then events (so state
     * is set before it is used), and otherwise in the order they were generated. Sorts packed primitive keys
     * (offset in the hour, rank, position), which is several times faster than sorting objects.
     */
    private static List<GeneratedCommand> sorted(List<GeneratedCommand> commands, long hourStart) {
        int count = commands.size();
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            GeneratedCommand command = commands.get(i);
            long offset = command.time() - hourStart;
            keys[i] = ((offset << 2 | rank(command)) << 32) | i;
        }
        Arrays.sort(keys);
        List<GeneratedCommand> ordered = new ArrayList<>(count);
        for (long key : keys) {
            ordered.add(commands.get((int) key));
        }
        return ordered;
    }

    private static int rank(GeneratedCommand command) {
        if (command instanceof GeneratedGroupChange) {
            return 0;
        }
        return command instanceof GeneratedIdentify ? 1 : 2;
    }
}
