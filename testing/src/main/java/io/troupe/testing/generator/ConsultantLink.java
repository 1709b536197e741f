package io.troupe.testing.generator;

import java.util.List;
import java.util.Map;

/**
 * A consultant's engagement with one client org: their events for the client name it as an event-level
 * group, which overrides their user-level group (their home consultancy).
 *
 * <p>Why: "event-level beats user-level" is the resolution rule group-level analytics most often get wrong.
 */
final class ConsultantLink implements Actor {
    final Membership home;
    final Org client;

    ConsultantLink(Membership home, Org client) {
        this.home = home;
        this.client = client;
    }

    @Override
    public Person person() {
        return home.person;
    }

    @Override
    public Role role() {
        return Role.CONSULTANT;
    }

    @Override
    public Map<String, List<String>> eventGroups() {
        return client.orgGroups;
    }

    @Override
    public boolean activeAt(long time) {
        return home.activeAt(time) && time >= client.createdAt;
    }
}
