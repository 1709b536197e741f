package io.troupe.testing.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated stream held in memory for the tests that inspect its shape, with each event's effective org
 * resolved the way ingest resolves it (event-level first value, else the user's latest identify).
 */
final class SampleStream {
    static final B2bGenerator.Config CONFIG = B2bGenerator.Config.builder()
            .seed(7).orgs(300).days(28).targetEvents(200_000).build();

    private static SampleStream instance;

    final List<GeneratedCommand> commands = new ArrayList<>();
    final List<GeneratedEvent> events = new ArrayList<>();
    /** The effective org of each event of {@link #events}, null when it has none. */
    final List<String> effectiveOrg = new ArrayList<>();
    /** The org each event's user was assigned to at the time (user-level), null when none. */
    final List<String> userOrg = new ArrayList<>();
    /** Every identify's role property, by user (the latest). */
    final Map<String, String> roleByUser = new HashMap<>();
    /** The first org each user was assigned to. */
    final Map<String, String> homeOrgByUser = new HashMap<>();

    static synchronized SampleStream get() {
        if (instance == null) {
            instance = new SampleStream(CONFIG);
        }
        return instance;
    }

    SampleStream(B2bGenerator.Config config) {
        Map<String, String> assigned = new HashMap<>();
        String groupType = config.groupType();
        for (GeneratedCommand command : new B2bGenerator(config)) {
            commands.add(command);
            if (command instanceof GeneratedIdentify identify) {
                List<String> orgs = identify.groups().get(groupType);
                if (orgs != null) {
                    assigned.put(identify.userId(), orgs.get(0));
                    homeOrgByUser.putIfAbsent(identify.userId(), orgs.get(0));
                }
                roleByUser.put(identify.userId(), (String) identify.userPropertiesSet().get("role"));
            } else if (command instanceof GeneratedEvent event) {
                events.add(event);
                String user = assigned.get(event.userId());
                List<String> eventLevel = event.groups().get(groupType);
                userOrg.add(user);
                effectiveOrg.add(eventLevel != null ? eventLevel.get(0) : user);
            }
        }
    }
}
