package io.troupe.testing.generator;

import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A deterministic, seeded generator of B2B product-analytics traffic: orgs of Zipf-like sizes whose members
 * (admins, members, viewers, billing contacts), consultants and outside payers send events, identifies and
 * group property changes, in time order.
 *
 * <p>Why: tests, benchmarks and the demo need large, realistic, reproducible group-level data whose shape
 * is known: multi-step workflows done by different members of one org, steps minutes to days apart,
 * event-level groups that override user-level ones, group property history, ties in time and retried
 * duplicates. The same {@link Config} always gives exactly the same stream, and every call of
 * {@link #iterator()} starts that stream afresh.
 *
 * <p>The stream is generated hour by hour, so it never holds more than one hour plus the pending steps of
 * running workflows; about 10M events take a few seconds on one core. It is not thread-safe; use one
 * iterator per thread.
 *
 * <pre>{@code
 * B2bGenerator generator = new B2bGenerator(B2bGenerator.Config.builder()
 *         .seed(7).orgs(500).days(30).targetEvents(1_000_000).build());
 * generator.stream().forEach(command -> ...);       // events, identifies and group changes in time order
 * }</pre>
 */
public final class B2bGenerator implements Iterable<GeneratedCommand> {
    private final Config config;

    public B2bGenerator(Config config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    public Config config() {
        return config;
    }

    /**
     * A fresh iteration of the whole stream, ordered by {@link GeneratedCommand#time()}; at equal times group
     * changes come before identifies, which come before events. It yields exactly
     * {@link Config#targetEvents()} distinct events (unless the period is too short to place them all), plus
     * their duplicates, each right after its original.
     */
    @Override
    public Iterator<GeneratedCommand> iterator() {
        return new CommandIterator(config);
    }

    /** The whole stream as a sequential {@link Stream}; see {@link #iterator()}. */
    public Stream<GeneratedCommand> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Only the events of the stream (duplicates included), in time order. */
    public Stream<GeneratedEvent> events() {
        return stream().filter(GeneratedEvent.class::isInstance).map(GeneratedEvent.class::cast);
    }

    /**
     * What to generate.
     *
     * @param seed             the random seed; the same config gives the same stream
     * @param orgs             number of orgs (about 3% of them consultancies when there are 4 or more)
     * @param start            start of the period (default 2026-01-01T00:00:00Z)
     * @param days             length of the period in days
     * @param targetEvents     number of distinct events to generate (duplicates come on top)
     * @param groupType        the org group type (default {@code org_id})
     * @param accountGroupType an optional second group type (e.g. {@code account_id}): each org gets one to
     *                         four accounts, members are assigned to one in their identify, and invoice
     *                         events name org and account as event-level groups; null for none
     * @param duplicateRate    the share of events re-emitted with the same insert id (retries), 0 to 1
     * @param maxOrgSize       cap on members per org (the Zipf tail)
     */
    public record Config(long seed, int orgs, Instant start, int days, long targetEvents, String groupType,
                         String accountGroupType, double duplicateRate, int maxOrgSize) {
        public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

        public Config {
            Objects.requireNonNull(start, "start is null");
            Objects.requireNonNull(groupType, "groupType is null");
            require(orgs >= 1, "orgs must be at least 1");
            require(days >= 1, "days must be at least 1");
            require(targetEvents >= 0, "targetEvents must not be negative");
            require(!groupType.isEmpty(), "groupType must not be empty");
            require(accountGroupType == null || (!accountGroupType.isEmpty() && !accountGroupType.equals(groupType)),
                    "accountGroupType must be null or a non-empty name other than groupType");
            require(duplicateRate >= 0 && duplicateRate <= 1, "duplicateRate must be between 0 and 1");
            require(maxOrgSize >= 3, "maxOrgSize must be at least 3");
        }

        /** Seed 42, 1,000 orgs, 30 days from 2026-01-01, 1M events, {@code org_id}, no accounts, no duplicates. */
        public static Config defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder starting from this config. */
        public Builder toBuilder() {
            return new Builder().seed(seed).orgs(orgs).start(start).days(days).targetEvents(targetEvents)
                    .groupType(groupType).accountGroupType(accountGroupType).duplicateRate(duplicateRate)
                    .maxOrgSize(maxOrgSize);
        }

        public long startMillis() {
            return start.toEpochMilli();
        }

        /** End of the period (exclusive), ms since the epoch. */
        public long endMillis() {
            return startMillis() + days * 86_400_000L;
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        /** Builds a {@link Config}; every field has a default. */
        public static final class Builder {
            private long seed = 42;
            private int orgs = 1_000;
            private Instant start = DEFAULT_START;
            private int days = 30;
            private long targetEvents = 1_000_000;
            private String groupType = "org_id";
            private String accountGroupType;
            private double duplicateRate;
            private int maxOrgSize = 5_000;

            public Builder seed(long seed) {
                this.seed = seed;
                return this;
            }

            public Builder orgs(int orgs) {
                this.orgs = orgs;
                return this;
            }

            public Builder start(Instant start) {
                this.start = start;
                return this;
            }

            public Builder days(int days) {
                this.days = days;
                return this;
            }

            public Builder targetEvents(long targetEvents) {
                this.targetEvents = targetEvents;
                return this;
            }

            public Builder groupType(String groupType) {
                this.groupType = groupType;
                return this;
            }

            /** An optional second group type, e.g. {@code account_id}; null for none. */
            public Builder accountGroupType(String accountGroupType) {
                this.accountGroupType = accountGroupType;
                return this;
            }

            public Builder duplicateRate(double duplicateRate) {
                this.duplicateRate = duplicateRate;
                return this;
            }

            public Builder maxOrgSize(int maxOrgSize) {
                this.maxOrgSize = maxOrgSize;
                return this;
            }

            public Config build() {
                return new Config(seed, orgs, start, days, targetEvents, groupType, accountGroupType, duplicateRate,
                        maxOrgSize);
            }
        }
    }
}
