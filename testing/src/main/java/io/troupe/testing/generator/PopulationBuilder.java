package io.troupe.testing.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Population} from the config and a dedicated random stream.
 *
 * <p>Why these shapes: org sizes follow a Pareto (Zipf-like) law, so a few orgs are huge and most are tiny,
 * the skew that breaks naive per-group algorithms; about 3% of orgs are consultancies whose consultants
 * serve one to three client orgs; most orgs exist from the start and the rest appear during the period,
 * mostly on trial; some trials convert and some orgs upgrade later; most members are there from the start
 * and the rest are invited later; a few users move to another org.
 */
final class PopulationBuilder {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;
    private static final long TRIAL_LENGTH = 14 * DAY;

    private static final double ORG_SIZE_SCALE = 1.6;
    private static final double ORG_SIZE_TAIL = 1.05;
    private static final int CONSULTANCY_EVERY = 33;
    /** Consultancies stay small to medium, so consultants do not dominate the data. */
    private static final int MAX_CONSULTANCY_SIZE = 40;
    private static final double SHARE_OF_ORGS_AT_START = 0.75;
    private static final double FOUNDING_SHARE_AT_START = 0.85;
    private static final double FOUNDING_SHARE_LATER = 0.3;
    private static final double MOVE_CHANCE = 0.004;
    private static final double TRIAL_CONVERSION = 0.35;
    private static final double UPGRADE_CHANCE = 0.15;
    private static final String CONSULTING = "Consulting";

    private static final String[] INDUSTRIES =
            {"Software", "Healthcare", "Retail", "Finance", "Education", "Manufacturing", "Media", "Logistics"};
    private static final String[] NAME_FIRST = {"Blue", "Bright", "Cedar", "Delta", "Ember", "Fjord", "Granite",
            "Harbor", "Iris", "Juniper", "Kestrel", "Lumen", "Maple", "Nimbus", "Orbit", "Pine", "Quartz", "Ridge",
            "Summit", "Tidal"};
    private static final String[] NAME_SECOND =
            {"Labs", "Health", "Systems", "Partners", "Studio", "Works", "Analytics", "Clinic", "Foods", "Freight"};
    private static final String[][] LOCALES = {{"en-US", "en-US", "es-US", "en-CA"},
            {"en-GB", "de-DE", "fr-FR", "nl-NL"}, {"en-AU", "ja-JP", "en-SG"}};

    private final B2bGenerator.Config config;
    private final Rng rng;
    private final long start;
    private final long end;
    private final List<LifecycleItem> lifecycle = new ArrayList<>();
    private int users;

    PopulationBuilder(B2bGenerator.Config config, Rng rng) {
        this.config = config;
        this.rng = rng;
        this.start = config.startMillis();
        this.end = config.endMillis();
    }

    Population build() {
        List<Org> orgs = new ArrayList<>(config.orgs());
        for (int i = 0; i < config.orgs(); i++) {
            Org org = newOrg(i);
            orgs.add(org);
            addMembers(org);
            planProfileChanges(org);
        }
        engageConsultants(orgs);
        planMoves(orgs);
        List<Person> payers = createPayers(orgs);

        Map<Region, WeightedChoice.Builder<Org>> byRegion = new EnumMap<>(Region.class);
        Map<Region, Double> regionWeight = new EnumMap<>(Region.class);
        for (Region region : Region.values()) {
            byRegion.put(region, WeightedChoice.builder());
            regionWeight.put(region, 0.0);
        }
        for (Org org : orgs) {
            byRegion.get(org.region).add(org, org.size);
            regionWeight.merge(org.region, (double) org.size, Double::sum);
        }
        Map<Region, WeightedChoice<Org>> orgsByRegion = new EnumMap<>(Region.class);
        byRegion.forEach((region, builder) -> orgsByRegion.put(region, builder.build()));

        lifecycle.sort(Comparator.comparingLong(LifecycleItem::time).thenComparing(LifecycleItem::kind));
        return new Population(orgs, payers, orgsByRegion, regionWeight, lifecycle, users);
    }

    private Org newOrg(int index) {
        boolean consultancy = config.orgs() >= 4 && index % CONSULTANCY_EVERY == 1;
        int size = (int) Math.min(config.maxOrgSize(), Math.floor(rng.pareto(ORG_SIZE_SCALE, ORG_SIZE_TAIL)));
        size = consultancy ? 3 + Math.min(size, MAX_CONSULTANCY_SIZE - 3) : Math.max(1, size);
        Region region = pickRegion();
        boolean atStart = rng.chance(SHARE_OF_ORGS_AT_START);
        long createdAt = atStart ? start : start + rng.nextLong((long) ((end - start) * 0.8));
        String value = "org-" + (index + 1);
        String name = NAME_FIRST[index % NAME_FIRST.length] + " " + rng.pick(NAME_SECOND)
                + (index >= NAME_FIRST.length ? " " + (index / NAME_FIRST.length + 1) : "");
        String industry = consultancy ? CONSULTING : rng.pick(INDUSTRIES);
        long employees = Math.max(size, (long) (size * (2 + rng.nextDouble() * 20)));

        int accounts = config.accountGroupType() == null ? 0 : 1 + Math.min(3, size / 25);
        String[] accountValues = new String[accounts];
        List<Map<String, List<String>>> orgAndAccount = new ArrayList<>(accounts);
        for (int k = 0; k < accounts; k++) {
            accountValues[k] = "acct-" + (index + 1) + "-" + (k + 1);
            Map<String, List<String>> groups = new LinkedHashMap<>();
            groups.put(config.groupType(), List.of(value));
            groups.put(config.accountGroupType(), List.of(accountValues[k]));
            orgAndAccount.add(Collections.unmodifiableMap(groups));
        }
        Org org = new Org(index, value, name, region, industry, size, createdAt, consultancy, employees,
                Map.of(config.groupType(), List.of(value)), accountValues, List.copyOf(orgAndAccount));

        lifecycle.add(new LifecycleItem(createdAt, LifecycleItem.Kind.ORG_CREATED, org));
        planPlans(org, atStart ? initialPlan(size) : (rng.chance(0.7) ? Plan.TRIAL : Plan.FREE));
        return org;
    }

    /**
     * The org's whole plan history: a trial converts (an upgrade shortly before it would end) or ends
     * (back to free); later some orgs upgrade, at least a week apart.
     */
    private void planPlans(Org org, Plan initial) {
        org.changePlan(org.createdAt, initial);
        Plan plan = initial;
        long lastChange = org.createdAt;
        if (plan == Plan.TRIAL) {
            long trialEnd = org.createdAt == start ? start + rng.between(DAY, TRIAL_LENGTH) : org.createdAt + TRIAL_LENGTH;
            long convertFrom = Math.max(lastChange + HOUR, trialEnd - 3 * DAY);
            if (rng.chance(TRIAL_CONVERSION) && convertFrom < Math.min(trialEnd, end)) {
                long upgradedAt = rng.between(convertFrom, Math.min(trialEnd, end) - 1);
                planUpgrade(org, lastChange, upgradedAt, plan, Plan.TEAM);
                plan = Plan.TEAM;
                lastChange = upgradedAt;
            } else if (trialEnd < end) {
                org.changePlan(trialEnd, Plan.FREE);
                lifecycle.add(new LifecycleItem(trialEnd, LifecycleItem.Kind.TRIAL_ENDED, org));
                plan = Plan.FREE;
                lastChange = trialEnd;
            }
        }
        while (plan.upgrade() != null && rng.chance(UPGRADE_CHANCE) && lastChange + 7 * DAY < end) {
            long upgradedAt = rng.between(lastChange + 7 * DAY, end - 1);
            planUpgrade(org, lastChange, upgradedAt, plan, plan.upgrade());
            plan = plan.upgrade();
            lastChange = upgradedAt;
        }
    }

    /** Records the upgrade; the lifecycle plays it from a pricing visit hours or days before. */
    private void planUpgrade(Org org, long previousChange, long upgradedAt, Plan from, Plan to) {
        org.changePlan(upgradedAt, to);
        long pricingAt = Math.max(previousChange + 1, upgradedAt - rng.logUniform(HOUR, 5 * DAY));
        lifecycle.add(new LifecycleItem(pricingAt, LifecycleItem.Kind.PLAN_UPGRADED,
                new PlannedUpgrade(org, upgradedAt, from, to)));
    }

    private Region pickRegion() {
        double u = rng.nextDouble();
        for (Region region : Region.values()) {
            u -= region.shareOfOrgs();
            if (u < 0) {
                return region;
            }
        }
        return Region.NORTH_AMERICA;
    }

    private Plan initialPlan(int size) {
        if (size >= 200) {
            return rng.chance(0.6) ? Plan.ENTERPRISE : Plan.BUSINESS;
        }
        double u = rng.nextDouble();
        if (u < 0.08) {
            return Plan.TRIAL;
        } else if (u < 0.40) {
            return Plan.FREE;
        } else if (u < 0.75) {
            return Plan.TEAM;
        } else if (u < 0.93) {
            return Plan.BUSINESS;
        }
        return Plan.ENTERPRISE;
    }

    private void addMembers(Org org) {
        boolean atStart = org.createdAt == start;
        for (int k = 0; k < org.size; k++) {
            Role role = k == 0 ? Role.ADMIN : org.consultancy ? Role.CONSULTANT : memberRole(k);
            long lastJoin = end - HOUR;
            boolean founding = k == 0 || org.createdAt + HOUR >= lastJoin
                    || rng.chance(atStart ? FOUNDING_SHARE_AT_START : FOUNDING_SHARE_LATER);
            long joinedAt;
            long invitedAt;
            if (founding) {
                joinedAt = atStart || k == 0 ? org.createdAt : org.createdAt + rng.logUniform(MINUTE, 2 * HOUR);
                invitedAt = joinedAt;
            } else {
                joinedAt = rng.between(org.createdAt + HOUR, lastJoin);
                invitedAt = joinedAt - rng.logUniform(10 * MINUTE, 3 * DAY);
                if (invitedAt < org.createdAt) {
                    invitedAt = org.createdAt + rng.nextLong(joinedAt - org.createdAt + 1);
                }
            }
            if (joinedAt >= end) {
                continue;
            }
            int account = org.accountValues.length == 0 ? -1 : rng.nextInt(org.accountValues.length);
            Membership membership =
                    new Membership(newPerson(org.region), org, role, joinedAt, account, !founding, invitedAt);
            org.addMember(membership);
            lifecycle.add(founding
                    ? new LifecycleItem(joinedAt, LifecycleItem.Kind.MEMBER_JOINED, membership)
                    : new LifecycleItem(invitedAt, LifecycleItem.Kind.MEMBER_INVITED, membership));
        }
    }

    private Role memberRole(int k) {
        if (k == 1 && rng.chance(0.5)) {
            return Role.BILLING;
        }
        double u = rng.nextDouble();
        if (u < 0.08) {
            return Role.ADMIN;
        } else if (u < 0.16) {
            return Role.BILLING;
        } else if (u < 0.36) {
            return Role.VIEWER;
        }
        return Role.MEMBER;
    }

    private Person newPerson(Region region) {
        users++;
        String platform = rng.chance(0.6) ? "Web" : rng.chance(0.6) ? "iOS" : "Android";
        return new Person("user-" + users, deviceId(), zip(region), platform,
                rng.pick(LOCALES[region.ordinal()]));
    }

    private String deviceId() {
        String hex = Long.toHexString(rng.nextLong());
        return "d-" + "0".repeat(16 - hex.length()) + hex;
    }

    /** Postal codes as strings; some start with a zero (Boston 02134, Dresden 01067, Darwin 0800). */
    private String zip(Region region) {
        return switch (region) {
            case NORTH_AMERICA, EUROPE -> rng.chance(0.15)
                    ? String.format("0%04d", 1000 + rng.nextInt(9000))
                    : String.format("%05d", 10000 + rng.nextInt(90000));
            case ASIA_PACIFIC -> rng.chance(0.1)
                    ? String.format("0%03d", 800 + rng.nextInt(200))
                    : String.format("%04d", 1000 + rng.nextInt(9000));
        };
    }

    private void planProfileChanges(Org org) {
        int changes = rng.nextInt(3);
        for (int i = 0; i < changes; i++) {
            long earliest = org.createdAt + DAY;
            if (earliest < end) {
                lifecycle.add(new LifecycleItem(rng.between(earliest, end - 1),
                        LifecycleItem.Kind.ORG_PROFILE_CHANGED, org));
            }
        }
    }

    private void engageConsultants(List<Org> orgs) {
        WeightedChoice.Builder<Org> builder = WeightedChoice.builder();
        for (Org org : orgs) {
            builder.add(org, org.consultancy ? 0 : org.size);
        }
        WeightedChoice<Org> clients = builder.build();
        if (clients.isEmpty()) {
            return;
        }
        for (Org org : orgs) {
            if (!org.consultancy) {
                continue;
            }
            for (Membership member : org.members) {
                if (member.role != Role.CONSULTANT) {
                    continue;
                }
                int wanted = 1 + rng.nextInt(3);
                for (int i = 0; i < wanted; i++) {
                    Org client = clients.pick(rng);
                    if (member.person.clients.stream().noneMatch(link -> link.client == client)) {
                        ConsultantLink link = new ConsultantLink(member, client);
                        client.consultants.add(link);
                        member.person.clients.add(link);
                    }
                }
                if (member.person.clients.size() >= 2) {
                    member.person.allClientGroups = Map.of(config.groupType(),
                            member.person.clients.stream().map(link -> link.client.value).toList());
                }
            }
        }
    }

    private void planMoves(List<Org> orgs) {
        if (orgs.size() < 2) {
            return;
        }
        List<Membership> movers = new ArrayList<>();
        for (Org org : orgs) {
            for (Membership member : org.members) {
                if ((member.role == Role.MEMBER || member.role == Role.VIEWER) && rng.chance(MOVE_CHANCE)) {
                    movers.add(member);
                }
            }
        }
        for (Membership member : movers) {
            Org target = orgs.get(rng.nextInt(orgs.size()));
            long earliest = Math.max(member.from, target.createdAt) + DAY;
            if (target == member.org || target.consultancy || earliest >= end - HOUR) {
                continue;
            }
            long movedAt = rng.between(earliest, end - HOUR);
            member.to = movedAt;
            int account = target.accountValues.length == 0 ? -1 : rng.nextInt(target.accountValues.length);
            Membership moved = new Membership(member.person, target, Role.MEMBER, movedAt, account, false, movedAt);
            target.addMember(moved);
            lifecycle.add(new LifecycleItem(movedAt, LifecycleItem.Kind.MEMBER_MOVED, moved));
        }
    }

    private List<Person> createPayers(List<Org> orgs) {
        int count = Math.max(2, orgs.size() / 4);
        List<Person> payers = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Person payer = new Person("payer-" + i, deviceId(), zip(Region.NORTH_AMERICA), "Web", "en-US");
            payers.add(payer);
            lifecycle.add(new LifecycleItem(start, LifecycleItem.Kind.PAYER_IDENTIFIED, payer));
        }
        for (Org org : orgs) {
            Person first = payers.get(rng.nextInt(count));
            org.payers.add(new PayerLink(first, org));
            Person second = payers.get(rng.nextInt(count));
            if (second != first && rng.chance(0.3)) {
                org.payers.add(new PayerLink(second, org));
            }
        }
        return payers;
    }
}
