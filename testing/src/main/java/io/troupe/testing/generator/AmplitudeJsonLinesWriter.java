package io.troupe.testing.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes commands as JSON lines: one Amplitude HTTP API v2 event object per line, identifies as
 * {@code $identify} and group changes as {@code $groupidentify} events (see each record's
 * {@code writeAmplitudeJson}). UTF-8, {@code \n} after every line.
 *
 * <p>Why: the bulk-load tests, the HTTP ingest tests and the benchmarks feed Troupe (and reference engines)
 * the same bytes a real Amplitude client would send, streamed without building a tree per event.
 */
public final class AmplitudeJsonLinesWriter implements Closeable {
    private final JsonGenerator json;
    private long lines;

    /** Writes to {@code out}, which is closed with this writer. */
    public AmplitudeJsonLinesWriter(OutputStream out) {
        try {
            this.json = AmplitudeJson.MAPPER.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(null);
    }

    /** Writes one command as one line. */
    public void write(GeneratedCommand command) throws IOException {
        command.writeAmplitudeJson(json);
        json.writeRaw('\n');
        lines++;
    }

    /** Writes every command; returns how many lines this call wrote. */
    public long writeAll(Iterable<? extends GeneratedCommand> commands) throws IOException {
        long before = lines;
        for (GeneratedCommand command : commands) {
            write(command);
        }
        return lines - before;
    }

    /** Lines written so far. */
    public long lines() {
        return lines;
    }

    public void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
