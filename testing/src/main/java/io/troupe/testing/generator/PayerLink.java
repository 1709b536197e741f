package io.troupe.testing.generator;

import java.util.List;
import java.util.Map;

/**
 * An outside payer (a customer or patient of the org) who views and pays the org's invoices.
 *
 * <p>Why: the payer belongs to no org, so only the event-level group on their events ties the payment to
 * the org whose billing member sent the invoice, the cross-user funnel group-level analytics exist for.
 */
final class PayerLink implements Actor {
    final Person payer;
    final Org org;

    PayerLink(Person payer, Org org) {
        this.payer = payer;
        this.org = org;
    }

    @Override
    public Person person() {
        return payer;
    }

    @Override
    public Role role() {
        return Role.EXTERNAL_PAYER;
    }

    @Override
    public Map<String, List<String>> eventGroups() {
        return org.orgGroups;
    }

    @Override
    public boolean activeAt(long time) {
        return time >= org.createdAt;
    }
}
