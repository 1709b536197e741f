package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PopulationShapeTest {
    @Test
    void orgSizesAreZipfLike() {
        Map<String, Integer> members = new HashMap<>();
        SampleStream.get().homeOrgByUser.values().forEach(org -> members.merge(org, 1, Integer::sum));
        List<Integer> sizes = new ArrayList<>(members.values());
        Collections.sort(sizes);
        int median = sizes.get(sizes.size() / 2);
        int biggest = sizes.get(sizes.size() - 1);
        assertTrue(sizes.size() >= 290, "orgs with members: " + sizes.size());
        assertTrue(biggest >= 20 * median, "biggest " + biggest + " vs median " + median);
        assertTrue(sizes.get(0) == 1, "smallest org should have a single member");
        long single = sizes.stream().filter(size -> size <= 2).count();
        assertTrue(single > sizes.size() / 5, "many orgs should be tiny: " + single);
    }

    @Test
    void eventVolumePerOrgIsSkewed() {
        Map<String, Integer> perOrg = new HashMap<>();
        SampleStream.get().effectiveOrg.forEach(org -> perOrg.merge(org, 1, Integer::sum));
        List<Integer> counts = new ArrayList<>(perOrg.values());
        Collections.sort(counts);
        assertTrue(counts.get(counts.size() - 1) > 20 * counts.get(counts.size() / 2));
    }

    @Test
    void rolesIncludeEveryKind() {
        Map<String, Integer> roles = new HashMap<>();
        SampleStream.get().roleByUser.values().forEach(role -> roles.merge(role, 1, Integer::sum));
        for (String role : List.of("admin", "member", "viewer", "billing", "consultant", "external_payer")) {
            assertTrue(roles.getOrDefault(role, 0) > 0, "no " + role + " in " + roles);
        }
    }

    @Test
    void someUsersMoveToAnotherOrgLater() {
        Map<String, String> first = new HashMap<>();
        int moves = 0;
        for (GeneratedCommand command : SampleStream.get().commands) {
            if (command instanceof GeneratedIdentify identify && !identify.groups().isEmpty()) {
                String org = identify.groups().get(SampleStream.CONFIG.groupType()).get(0);
                String previous = first.putIfAbsent(identify.userId(), org);
                if (previous != null && !previous.equals(org)) {
                    moves++;
                }
            }
        }
        assertTrue(moves > 0 && moves < first.size() / 50, "moves: " + moves + " of " + first.size());
    }
}
