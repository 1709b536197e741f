package io.troupe.testing.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One generated human: identifiers and the traits that stay fixed across their events.
 *
 * <p>Why separate from {@link Membership}: a person may belong to two orgs over time (a rare move), and a
 * consultant acts for several client orgs; the traits below stay the person's own.
 */
final class Person {
    final String userId;
    final String deviceId;
    final String zip;
    final String platform;
    final String locale;
    /** Client orgs of a consultant, empty for everyone else. */
    final List<ConsultantLink> clients = new ArrayList<>(0);
    /** {group type: [every client]} for a consultant with two or more clients, else null. */
    Map<String, List<String>> allClientGroups;

    Person(String userId, String deviceId, String zip, String platform, String locale) {
        this.userId = userId;
        this.deviceId = deviceId;
        this.zip = zip;
        this.platform = platform;
        this.locale = locale;
    }
}
