package io.troupe.storage.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.CommandSink;
import io.troupe.storage.event.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loads a file of Amplitude-format events, one JSON object per line (JSON lines), the shape of event
 * dumps and of most pipelines' exports. Each line goes through {@link AmplitudeEvents}, so the file may
 * hold events, {@code $identify} and {@code $groupidentify} alike; blank lines are skipped.
 *
 * <p>The first pass parses and checks every line and sends nothing: a bad line fails the load with
 * {@link ErrorCode#MALFORMED_FILE} naming its line number, and nothing is stored. The second pass streams
 * the commands in batches to the sink. Events without {@code time} all get the time the load started.
 */
public final class JsonLinesEventLoader {
    private static final ObjectReader JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final AmplitudeEvents events;
    private final int batchSize;

    /**
     * @param events    the mapping (group types of the project, minimum id length)
     * @param batchSize commands per batch sent to the sink, at least 1
     */
    public JsonLinesEventLoader(AmplitudeEvents events, int batchSize) {
        this.events = Objects.requireNonNull(events, "events is null");
        this.batchSize = BatchingSink.checkBatchSize(batchSize);
    }

    /** Loads with the current time for events without {@code time}. */
    public LoadResult load(Path file, CommandSink sink) {
        return load(file, sink, System.currentTimeMillis());
    }

    /**
     * Checks the whole file, then stores its commands.
     *
     * @param now the time of events without {@code time}, ms since the epoch
     * @throws TroupeException {@code MALFORMED_FILE} (nothing stored) for a line that is not a valid event,
     *                         {@code FILE_NOT_READABLE}, or whatever the sink throws (earlier batches stay stored)
     */
    public LoadResult load(Path file, CommandSink sink, long now) {
        long start = System.nanoTime();
        read(file, now, command -> { });
        BatchingSink batches = new BatchingSink(sink, batchSize);
        read(file, now, batches::add);
        return batches.finish(file.toString(), start);
    }

    private void read(Path path, long now, Consumer<Command> out) {
        String file = path.toString();
        long line = 0;
        List<EventProblem> problems = new ArrayList<>(2);
        try (BufferedReader reader = SourceFiles.openReader(path)) {
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                Command command = events.map(parse(file, line, text), (int) Math.min(line - 1, Integer.MAX_VALUE),
                        now, problems);
                if (command == null) {
                    throw new TroupeException(ErrorCode.MALFORMED_FILE, file, line, problems.get(0).reason());
                }
                out.accept(command);
            }
        } catch (CharacterCodingException e) {
            throw new TroupeException(ErrorCode.MALFORMED_FILE, e, file, line + 1,
                    "the file is not UTF-8 text: save it as UTF-8");
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
    }

    private static JsonNode parse(String file, long line, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String column = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            throw new TroupeException(ErrorCode.MALFORMED_FILE, e, file, line,
                    "not valid JSON: " + e.getOriginalMessage() + column);
        }
    }
}
