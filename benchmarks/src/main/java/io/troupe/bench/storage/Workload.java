package io.troupe.bench.storage;

import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.testing.generator.B2bGenerator;
import io.troupe.testing.generator.GeneratedCommand;
import io.troupe.testing.generator.GeneratedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The benchmarks' input: the seeded B2B generator's stream (events, identifies, group property changes in
 * time order), mapped to storage {@link Command}s the way the HTTP endpoint maps Amplitude JSON
 * ({@link GeneratedCommand#toAmplitudeJson()} then {@link AmplitudeEvents}), cut into batches of a fixed
 * number of EVENTS; the identifies and group changes between them travel in the batch they fall in.
 *
 * <p>Mapping is done before anything is timed: the benchmarks measure the store, not JSON.
 */
public final class Workload {
    /** The only group type of the generated data (the generator's default). */
    public static final String GROUP_TYPE = "org_id";
    /** Seed of every benchmark's data. */
    public static final long SEED = 42;

    private Workload() {
    }

    /** The generator's config: seed 42, 1,000 orgs, {@code days} days from 2026-01-01, no duplicates. */
    public static B2bGenerator.Config config(long events, int days) {
        return B2bGenerator.Config.builder().seed(SEED).targetEvents(events).days(days).build();
    }

    /**
     * The whole stream as batches of exactly {@code eventsPerBatch} events, mapped now. Commands after the last
     * full batch (a partial batch, trailing identifies) are left out.
     */
    public static List<List<Command>> batches(B2bGenerator.Config config, int eventsPerBatch) {
        List<List<Command>> result = new ArrayList<>();
        Iterator<List<Command>> batches = stream(config, eventsPerBatch);
        while (batches.hasNext()) {
            List<Command> batch = batches.next();
            if (events(batch) == eventsPerBatch) {
                result.add(batch);
            }
        }
        return result;
    }

    /** The stream as lazily mapped batches, for data sets too large to hold mapped in memory. */
    public static Iterator<List<Command>> stream(B2bGenerator.Config config, int eventsPerBatch) {
        AmplitudeEvents mapper = AmplitudeEvents.forGroupTypes(Set.of(config.groupType()));
        Iterator<GeneratedCommand> generated = new B2bGenerator(config).iterator();
        long now = config.endMillis();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return generated.hasNext();
            }

            @Override
            public List<Command> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<GeneratedCommand> generatedBatch = new ArrayList<>(eventsPerBatch + 16);
                int events = 0;
                while (events < eventsPerBatch && generated.hasNext()) {
                    GeneratedCommand command = generated.next();
                    generatedBatch.add(command);
                    if (command instanceof GeneratedEvent) {
                        events++;
                    }
                }
                // Mapping (JSON tree, then Amplitude rules) costs several times the generation: use every core.
                Command[] mapped = new Command[generatedBatch.size()];
                IntStream.range(0, mapped.length).parallel().forEach(
                        i -> mapped[i] = mapper.toCommand(generatedBatch.get(i).toAmplitudeJson(), i, now));
                return Arrays.asList(mapped);
            }
        };
    }

    /**
     * A short hash of the start of the generated stream (its first 2,000 commands as Amplitude JSON): changes
     * when the generator's output does, so cached data sets are rebuilt.
     */
    public static String fingerprint(B2bGenerator.Config config) {
        Iterator<GeneratedCommand> commands = new B2bGenerator(config).iterator();
        long h = 1125899906842597L;
        for (int i = 0; i < 2_000 && commands.hasNext(); i++) {
            String json = commands.next().toAmplitudeJson().toString();
            for (int k = 0; k < json.length(); k++) {
                h = 31 * h + json.charAt(k);
            }
        }
        return String.format("%08x", (int) (h ^ (h >>> 32)));
    }

    /** Events in a batch. */
    public static int events(List<Command> batch) {
        int n = 0;
        for (Command c : batch) {
            if (c instanceof Event) {
                n++;
            }
        }
        return n;
    }

    /**
     * The batch with {@code suffix} appended to every insert id, so that sending the same events again is
     * not dropped by the store's dedup (the events share everything else, property objects included).
     */
    public static List<Command> withInsertIdSuffix(List<Command> batch, String suffix) {
        List<Command> copy = new ArrayList<>(batch.size());
        for (Command c : batch) {
            if (c instanceof Event e && e.insertId() != null) {
                copy.add(new Event(e.time(), e.eventType(), e.userId(), e.deviceId(), e.insertId() + suffix,
                        e.groups(), e.eventProperties(), e.userProperties()));
            } else {
                copy.add(c);
            }
        }
        return copy;
    }

    /** The batch without insert ids: the store then keeps no dedup state for it. */
    public static List<Command> withoutInsertIds(List<Command> batch) {
        List<Command> copy = new ArrayList<>(batch.size());
        for (Command c : batch) {
            if (c instanceof Event e && e.insertId() != null) {
                copy.add(new Event(e.time(), e.eventType(), e.userId(), e.deviceId(), null,
                        e.groups(), e.eventProperties(), e.userProperties()));
            } else {
                copy.add(c);
            }
        }
        return copy;
    }

    /** {@link #withInsertIdSuffix} of every batch. */
    public static List<List<Command>> allWithInsertIdSuffix(List<List<Command>> batches, String suffix) {
        List<List<Command>> copy = new ArrayList<>(batches.size());
        for (List<Command> batch : batches) {
            copy.add(withInsertIdSuffix(batch, suffix));
        }
        return copy;
    }
}
