package io.troupe.storage.load;

import java.time.Duration;
import java.util.Locale;

/**
 * What one file load did, summed over its batches, so {@code bin/troupe load} can print it and tests can
 * check it.
 *
 * @param file                   the file loaded, as the user named it
 * @param commands               commands sent to the store (events, identifies, group identifies)
 * @param batches                batches sent
 * @param eventsStored           events the store appended
 * @param duplicates             events the store dropped as already seen (same insert id)
 * @param identifiesApplied      user identifies applied
 * @param groupIdentifiesApplied group identifies applied
 * @param elapsed                wall time of the whole load, both passes
 */
public record LoadResult(String file, long commands, long batches, long eventsStored, long duplicates,
                         long identifiesApplied, long groupIdentifiesApplied, Duration elapsed) {

    /** One line for a person, e.g. {@code events.csv: 12,345 events stored, 5 duplicates, ...}. */
    public String summary() {
        StringBuilder line = new StringBuilder(file).append(": ");
        line.append(String.format(Locale.ROOT, "%,d events stored, %,d duplicates", eventsStored, duplicates));
        if (identifiesApplied > 0) {
            line.append(String.format(Locale.ROOT, ", %,d identifies", identifiesApplied));
        }
        if (groupIdentifiesApplied > 0) {
            line.append(String.format(Locale.ROOT, ", %,d group identifies", groupIdentifiesApplied));
        }
        line.append(String.format(Locale.ROOT, " (%,d commands in %,d batches) in %.3f s",
                commands, batches, elapsed.toNanos() / 1e9));
        return line.toString();
    }
}
