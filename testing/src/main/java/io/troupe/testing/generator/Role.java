package io.troupe.testing.generator;

/**
 * A member's role in an org: decides which events they do and which workflow steps they take.
 *
 * <p>Why roles: group-level funnels are interesting because the admin, a colleague and the billing contact
 * each do a different step; consultants act for client orgs; payers sit outside every org.
 */
enum Role {
    ADMIN("admin"),
    MEMBER("member"),
    VIEWER("viewer"),
    BILLING("billing"),
    /** Belongs to a consultancy org; acts for client orgs by naming them as event-level groups. */
    CONSULTANT("consultant"),
    /** Outside every org; pays an org's invoices, naming the org as an event-level group. */
    EXTERNAL_PAYER("external_payer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The value written in the {@code role} user property. */
    String wireName() {
        return wireName;
    }
}
