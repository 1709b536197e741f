package io.troupe.testing.generator;

/**
 * An org's subscription plan, the group property that changes most over time.
 *
 * <p>Why: "which plan was the org on when it did this" is the classic group-property-history question;
 * trials end and orgs upgrade inside the generated period.
 */
enum Plan {
    TRIAL("trial", 0),
    FREE("free", 0),
    TEAM("team", 49),
    BUSINESS("business", 199),
    ENTERPRISE("enterprise", 999);

    private final String wireName;
    private final long monthlyPrice;

    Plan(String wireName, long monthlyPrice) {
        this.wireName = wireName;
        this.monthlyPrice = monthlyPrice;
    }

    String wireName() {
        return wireName;
    }

    long monthlyPrice() {
        return monthlyPrice;
    }

    /** The plan an upgrade moves to, or null at the top. */
    Plan upgrade() {
        return switch (this) {
            case TRIAL, FREE -> TEAM;
            case TEAM -> BUSINESS;
            case BUSINESS -> ENTERPRISE;
            case ENTERPRISE -> null;
        };
    }
}
