package io.troupe.testing.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One generated organisation: fixed traits, its members, and the history of its plan.
 *
 * <p>Why a plan history planned up front: an event's {@code is_trial} must reflect the plan at the event's
 * own time, and workflow steps are created days before they happen, so every plan change (trial ends,
 * upgrades) is decided when the population is built.
 */
final class Org {
    private static final int PICK_ATTEMPTS = 8;

    final int index;
    final String value;
    final String name;
    final Region region;
    final String industry;
    /** Members planned for this org (its Zipf-like size), before moves. */
    final int size;
    final long createdAt;
    final boolean consultancy;
    long employeeCount;

    /** {group type: [value]}, the event-level groups of events done for this org by outsiders. */
    final Map<String, List<String>> orgGroups;
    /** Values of the org's accounts (second group type), empty when none is configured. */
    final String[] accountValues;
    /** {group type: [org], account type: [account]} per account; empty when no account type is configured. */
    final List<Map<String, List<String>>> orgAndAccountGroups;

    final List<Membership> members = new ArrayList<>();
    final List<Membership> admins = new ArrayList<>(1);
    final List<Membership> billers = new ArrayList<>(0);
    final List<ConsultantLink> consultants = new ArrayList<>(0);
    final List<PayerLink> payers = new ArrayList<>(1);

    private long[] planTimes = new long[2];
    private Plan[] plans = new Plan[2];
    private int planCount;

    Org(int index, String value, String name, Region region, String industry, int size, long createdAt,
        boolean consultancy, long employeeCount, Map<String, List<String>> orgGroups, String[] accountValues,
        List<Map<String, List<String>>> orgAndAccountGroups) {
        this.index = index;
        this.value = value;
        this.name = name;
        this.region = region;
        this.industry = industry;
        this.size = size;
        this.createdAt = createdAt;
        this.consultancy = consultancy;
        this.employeeCount = employeeCount;
        this.orgGroups = orgGroups;
        this.accountValues = accountValues;
        this.orgAndAccountGroups = orgAndAccountGroups;
    }

    void addMember(Membership membership) {
        members.add(membership);
        if (membership.role == Role.ADMIN) {
            admins.add(membership);
        } else if (membership.role == Role.BILLING) {
            billers.add(membership);
        }
    }

    /** Records a plan change; changes are appended in time order only. */
    void changePlan(long time, Plan plan) {
        if (planCount > 0 && time < planTimes[planCount - 1]) {
            throw new IllegalStateException("plan changes must be appended in time order");
        }
        if (planCount == plans.length) {
            planTimes = Arrays.copyOf(planTimes, planCount * 2);
            plans = Arrays.copyOf(plans, planCount * 2);
        }
        planTimes[planCount] = time;
        plans[planCount] = plan;
        planCount++;
    }

    Plan planAt(long time) {
        for (int i = planCount - 1; i > 0; i--) {
            if (planTimes[i] <= time) {
                return plans[i];
            }
        }
        return plans[0];
    }

    /** An active member, power users first; preferring the role when one of them is active. */
    Membership pickMember(Rng rng, long time, Role preferred) {
        if (preferred == Role.BILLING) {
            Membership biller = pickFrom(billers, rng, time);
            if (biller != null) {
                return biller;
            }
        }
        if (preferred == Role.ADMIN || preferred == Role.BILLING) {
            Membership admin = pickFrom(admins, rng, time);
            if (admin != null) {
                return admin;
            }
        }
        Membership fallback = null;
        for (int attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
            Membership member = members.get(rng.skewedIndex(members.size()));
            if (member.activeAt(time)) {
                if (preferred != Role.MEMBER || member.role != Role.VIEWER) {
                    return member;
                }
                fallback = member;
            }
        }
        return fallback != null ? fallback : scanForActive(rng, time);
    }

    /** An active member other than the persons already acting in this workflow, if the org has one. */
    Membership pickOtherMember(Rng rng, long time, Actor[] used, int usedCount) {
        Membership fallback = null;
        for (int attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
            Membership member = members.get(rng.skewedIndex(members.size()));
            if (member.activeAt(time)) {
                if (!isUsed(member.person, used, usedCount)) {
                    return member;
                }
                fallback = member;
            }
        }
        return fallback != null ? fallback : scanForActive(rng, time);
    }

    /** A consultant engaged by this org and active at that time, or null. */
    ConsultantLink pickConsultant(Rng rng, long time) {
        if (consultants.isEmpty()) {
            return null;
        }
        ConsultantLink link = consultants.get(rng.nextInt(consultants.size()));
        return link.activeAt(time) ? link : null;
    }

    PayerLink pickPayer(Rng rng) {
        return payers.get(rng.nextInt(payers.size()));
    }

    private static Membership pickFrom(List<Membership> candidates, Rng rng, long time) {
        for (int attempt = 0; attempt < 3 && !candidates.isEmpty(); attempt++) {
            Membership member = candidates.get(rng.nextInt(candidates.size()));
            if (member.activeAt(time)) {
                return member;
            }
        }
        return null;
    }

    private Membership scanForActive(Rng rng, long time) {
        int count = members.size();
        int start = rng.nextInt(count);
        for (int i = 0; i < count; i++) {
            Membership member = members.get((start + i) % count);
            if (member.activeAt(time)) {
                return member;
            }
        }
        return null;
    }

    private static boolean isUsed(Person person, Actor[] used, int usedCount) {
        for (int i = 0; i < usedCount; i++) {
            if (used[i] != null && used[i].person() == person) {
                return true;
            }
        }
        return false;
    }
}
