package io.troupe.storage.partition;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.backup.FileCopier;
import io.troupe.storage.dedup.DedupIndex;
import io.troupe.storage.io.StateFiles;
import io.troupe.storage.io.WritableFile;
import io.troupe.storage.groups.GroupHistoryFiles;
import io.troupe.storage.groups.GroupPropertyHistory;
import io.troupe.storage.ingest.Resolved;
import io.troupe.storage.io.FileIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint and the files it names: {@code checkpoint.json}, the dedup index as of the checkpoint
 * ({@code dedup-<position>.bin}) and the group property history files ({@code groups/history-*.bin}).
 * Written after a flush's segments, read first on recovery.
 */
public final class CheckpointFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECKPOINT = "checkpoint.json";

    private final Path dir;
    private final FileIO io;
    private volatile Checkpoint current; // read by metrics threads

    public CheckpointFiles(Path projectDir, FileIO io) {
        this.dir = projectDir;
        this.io = io;
        this.current = read();
        removeStrayDedupFiles();
    }

    /** Deletes dedup files no checkpoint names: left by a crash between writing one and naming it. */
    private void removeStrayDedupFiles() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("dedup-") && (name.endsWith(".bin") || name.endsWith(".bin.tmp"))
                        && !name.equals(current.dedupFile())) {
                    io.delete(f);
                }
            }
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "cleaning " + dir + ": " + e.getMessage());
        }
    }

    public Checkpoint current() {
        return current;
    }

    /**
     * Copies the current checkpoint and the files it names into {@code target} (a project folder). The
     * caller keeps flushes out meanwhile (they are the only writers of these files).
     */
    public void copyTo(Path target, FileCopier copier) throws IOException {
        Checkpoint c = current;
        if (!Files.exists(dir.resolve(CHECKPOINT))) {
            return;
        }
        copier.copy(dir.resolve(CHECKPOINT), target.resolve(CHECKPOINT));
        if (c.dedupFile() != null) {
            copier.link(dir.resolve(c.dedupFile()), target.resolve(c.dedupFile())); // never rewritten: a new checkpoint writes a new file
        }
        for (String file : c.groupHistoryFiles()) {
            copier.link(dir.resolve("groups").resolve(file), target.resolve("groups").resolve(file));
        }
    }

    private Checkpoint read() {
        return StateFiles.read(dir.resolve(CHECKPOINT), Checkpoint.class, Checkpoint::formatVersion,
                Checkpoint.FORMAT_VERSION, Checkpoint::initial);
    }

    /** The dedup index as of the checkpoint (empty before the first). */
    public DedupIndex readDedup() {
        if (current.dedupFile() == null) {
            return new DedupIndex();
        }
        Path file = dir.resolve(current.dedupFile());
        try {
            try (java.nio.channels.FileChannel channel = io.openRead(file)) {
                return DedupIndex.readFrom(channel, channel.size(), file.toString());
            }
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "reading " + file + ": " + e.getMessage());
        }
    }

    /** Applies the checkpoint's group property history files to {@code history}. */
    public void readGroupHistory(GroupPropertyHistory history) {
        for (String file : current.groupHistoryFiles()) {
            GroupHistoryFiles.read(dir.resolve("groups").resolve(file)).forEach(c -> history.apply(c, false));
        }
    }

    /**
     * Records that everything logged below {@code walPosition} is in files: writes the history changes
     * since the last checkpoint and the dedup index (the ids seen at or after {@code dedupNotBefore}, streamed),
     * then replaces {@code checkpoint.json}, then deletes the dedup file it replaces.
     */
    public void write(long walPosition, DedupIndex dedup, long dedupNotBefore, List<Resolved.GroupChange> historyChanges) {
        try {
            List<String> historyFiles = new ArrayList<>(current.groupHistoryFiles());
            if (!historyChanges.isEmpty()) {
                Path groups = dir.resolve("groups");
                io.createDirectories(groups);
                String name = GroupHistoryFiles.nameFor(walPosition);
                GroupHistoryFiles.write(groups.resolve(name), historyChanges, io);
                if (!historyFiles.contains(name)) {
                    historyFiles.add(name);
                }
            }
            String dedupName = String.format("dedup-%020d.bin", walPosition);
            // A new name per checkpoint: the file is complete and durable before checkpoint.json names it,
            // and a crash in between leaves a file nothing names (removed at the next open).
            // Never written over: a snapshot may hold a hard link to a dedup file. The same position means the
            // same logged ids, so the current file already says it.
            if (!dedupName.equals(current.dedupFile())) {
                io.delete(dir.resolve(dedupName));
                try (WritableFile file = io.create(dir.resolve(dedupName))) {
                    dedup.writeTo(file, dedupNotBefore);
                    file.force();
                }
            }
            Checkpoint next = new Checkpoint(Checkpoint.FORMAT_VERSION, walPosition, dedupName, historyFiles);
            io.writeAtomically(dir.resolve(CHECKPOINT), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
            Checkpoint previous = current;
            current = next;
            if (previous.dedupFile() != null && !previous.dedupFile().equals(dedupName)) {
                io.delete(dir.resolve(previous.dedupFile()));
            }
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "writing the checkpoint: " + e.getMessage());
        }
    }
}
