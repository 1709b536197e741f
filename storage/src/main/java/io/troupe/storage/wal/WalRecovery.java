package io.troupe.storage.wal;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.io.FileIO;
import io.troupe.storage.io.WritableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the WAL from a position and finds where it ends. Replay stops at the first torn or corrupt
 * record (a short read, a length out of range, a CRC mismatch) and says so in the log; the file is cut
 * back to the last good record and any later files are moved aside to {@code wal/corrupt-<time>/}, so new
 * appends continue right after the last good record.
 */
public final class WalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(WalRecovery.class);

    /** Receives each good record at or after the replay position. */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(long position, byte[] payload);
    }

    /**
     * @param endPosition where the log ends (the next append goes here)
     * @param problem     what stopped the replay before the physical end of the files, or null
     */
    public record Result(long endPosition, long records, String problem) {
    }

    private WalRecovery() {
    }

    public static Result replay(Path dir, FileIO io, long fromPosition, RecordVisitor visitor) {
        try {
            List<Path> files = WalFiles.list(dir);
            long end = fromPosition;
            long records = 0;
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                long start = WalFiles.startOf(file);
                long fileEnd = start + Math.max(0, Files.size(file) - WalFiles.HEADER_BYTES);
                if (fileEnd <= fromPosition && i + 1 < files.size() && WalFiles.startOf(files.get(i + 1)) <= fromPosition) {
                    continue; // wholly before the replay position
                }
                FileScan scan = scanFile(file, start, fromPosition, visitor);
                records += scan.records;
                end = Math.max(end, scan.goodEnd);
                boolean last = i + 1 == files.size();
                if (scan.zeros && !last && WalFiles.startOf(files.get(i + 1)) == scan.goodEnd) {
                    continue; // the unused end of a preallocated file: the next file starts where its records end
                }
                if (scan.zeros && last) {
                    LOG.info("The WAL ends in zeros in {} at log position {} (the unused end of a preallocated file,"
                            + " or a torn write); replay ends there", file.getFileName(), scan.goodEnd);
                    cutBack(io, file, scan.goodEnd - start + WalFiles.HEADER_BYTES);
                    return new Result(end, records, scan.problem);
                }
                if (scan.problem != null) {
                    String problem = file.getFileName() + " at log position " + scan.goodEnd + ": " + scan.problem;
                    LOG.warn("WAL replay stopped at a torn or corrupt record ({}); records after it are not recovered", problem);
                    cutBack(io, file, scan.goodEnd - start + WalFiles.HEADER_BYTES);
                    moveAside(dir, files.subList(i + 1, files.size()));
                    return new Result(end, records, problem);
                }
            }
            return new Result(end, records, null);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "reading the WAL in " + dir + ": " + e.getMessage());
        }
    }

    /** @param zeros whether the scan stopped at zeros (a length of 0) */
    private record FileScan(long goodEnd, long records, String problem, boolean zeros) {
        FileScan(long goodEnd, long records, String problem) {
            this(goodEnd, records, problem, false);
        }
    }

    private static FileScan scanFile(Path file, long start, long from, RecordVisitor visitor) throws IOException {
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(WalFiles.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            if (readFully(channel, header, 0) < WalFiles.HEADER_BYTES) {
                return new FileScan(start, 0, "file header is torn");
            }
            header.flip();
            int magic = header.getInt();
            int version = header.getInt();
            long headerStart = header.getLong();
            if (magic != WalFiles.MAGIC || headerStart != start) {
                return new FileScan(start, 0, "bad file header");
            }
            if (version > WalFiles.FORMAT_VERSION) {
                throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, file, version, WalFiles.FORMAT_VERSION);
            }
            long offset = WalFiles.HEADER_BYTES;
            long records = 0;
            ByteBuffer recordHeader = ByteBuffer.allocate(WalFiles.RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (offset < size) {
                long position = start + offset - WalFiles.HEADER_BYTES;
                recordHeader.clear();
                if (readFully(channel, recordHeader, offset) < WalFiles.RECORD_HEADER_BYTES) {
                    return new FileScan(position, records, "torn record header");
                }
                recordHeader.flip();
                int length = recordHeader.getInt();
                int expectedCrc = recordHeader.getInt();
                if (length == 0) {
                    // Zeros, not a record: the writer never logs an empty payload; a preallocated file's unused
                    // end, or a zero-filled file end (size durable, data not, after a power loss) would otherwise
                    // pass as records whose CRC32C, of nothing, is 0.
                    return new FileScan(position, records, "zero-filled or torn record (length 0)", true);
                }
                if (length < 0 || length > WalFiles.MAX_RECORD_BYTES
                        || offset + WalFiles.RECORD_HEADER_BYTES + length > size) {
                    return new FileScan(position, records, "torn record (length " + length + ")");
                }
                byte[] payload = new byte[length];
                if (readFully(channel, ByteBuffer.wrap(payload), offset + WalFiles.RECORD_HEADER_BYTES) < length) {
                    return new FileScan(position, records, "torn record body");
                }
                crc.reset();
                crc.update(payload, 0, length);
                if ((int) crc.getValue() != expectedCrc) {
                    return new FileScan(position, records, "CRC mismatch");
                }
                if (position >= from) {
                    visitor.visit(position, payload);
                    records++;
                }
                offset += WalFiles.RECORD_HEADER_BYTES + length;
            }
            return new FileScan(start + offset - WalFiles.HEADER_BYTES, records, null);
        }
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void cutBack(FileIO io, Path file, long size) throws IOException {
        try (WritableFile f = io.openAppend(file)) {
            if (f.size() > size) {
                f.truncate(Math.max(size, 0));
                f.force();
            }
        }
    }

    private static void moveAside(Path dir, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        Path aside = dir.resolve("corrupt-" + System.currentTimeMillis());
        Files.createDirectories(aside);
        for (Path f : files) {
            LOG.warn("Moving WAL file {} after the corrupt record aside to {}", f.getFileName(), aside);
            Files.move(f, aside.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
