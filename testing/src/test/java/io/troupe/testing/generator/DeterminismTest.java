package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final B2bGenerator.Config SMALL = B2bGenerator.Config.builder()
            .seed(11).orgs(120).days(10).targetEvents(50_000).build();

    @Test
    void sameConfigGivesTheSameStream() {
        List<GeneratedCommand> first = new B2bGenerator(SMALL).stream().collect(Collectors.toList());
        List<GeneratedCommand> second = new B2bGenerator(SMALL).stream().collect(Collectors.toList());
        assertEquals(first, second);
    }

    @Test
    void everyIterationOfOneGeneratorStartsAfresh() {
        B2bGenerator generator = new B2bGenerator(SMALL);
        assertEquals(generator.stream().collect(Collectors.toList()), generator.stream().collect(Collectors.toList()));
    }

    @Test
    void sameConfigGivesTheSameJsonText() {
        String first = new B2bGenerator(SMALL).stream().limit(20_000)
                .map(command -> command.toAmplitudeJson().toString()).collect(Collectors.joining("\n"));
        String second = new B2bGenerator(SMALL).stream().limit(20_000)
                .map(command -> command.toAmplitudeJson().toString()).collect(Collectors.joining("\n"));
        assertEquals(first, second);
    }

    @Test
    void differentSeedGivesADifferentStream() {
        List<GeneratedCommand> first = new B2bGenerator(SMALL).stream().limit(5_000).collect(Collectors.toList());
        List<GeneratedCommand> other = new B2bGenerator(SMALL.toBuilder().seed(12).build()).stream().limit(5_000)
                .collect(Collectors.toList());
        assertNotEquals(first, other);
        long same = 0;
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).equals(other.get(i))) {
                same++;
            }
        }
        assertTrue(same < first.size() / 100, same + " of " + first.size() + " commands coincide");
    }

    @Test
    void duplicatesDoNotChangeTheDistinctEvents() {
        List<GeneratedCommand> plain = new B2bGenerator(SMALL).stream().collect(Collectors.toList());
        Iterator<GeneratedCommand> withDuplicates =
                new B2bGenerator(SMALL.toBuilder().duplicateRate(0.05).build()).iterator();
        GeneratedCommand previous = null;
        int i = 0;
        while (withDuplicates.hasNext()) {
            GeneratedCommand command = withDuplicates.next();
            if (command == previous) {
                continue;
            }
            assertEquals(plain.get(i++), command);
            previous = command;
        }
        assertEquals(plain.size(), i);
    }
}
