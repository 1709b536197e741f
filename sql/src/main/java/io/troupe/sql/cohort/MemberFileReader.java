package io.troupe.sql.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a cohort import file: exactly one value per line, UTF-8 (a leading byte order mark is skipped), lines ending
 * in {@code \n} or {@code \r\n}, one newline at the very end allowed. The value is the whole line (spaces kept).
 * Refused, naming the line: an empty or blank line, a comma (the file is not CSV), bytes that are not UTF-8, and a
 * file past the line or size limit. Duplicates are kept once, in order of first appearance.
 */
final class MemberFileReader {
    private static final int MAX_LINE_BYTES = 1 << 16;

    private final String shown;
    private final long maxLines;
    private final long maxBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** @param shown the file's name in messages */
    MemberFileReader(String shown, long maxLines, long maxBytes) {
        this.shown = shown;
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    Set<String> read(Path file) {
        Set<String> members = new LinkedHashSet<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long bytes = 0;
            long lineNumber = 1;
            boolean bomChecked = false;
            int b;
            while ((b = in.read()) >= 0) {
                bytes++;
                if (lineNumber > maxLines) {
                    throw new TroupeException(ErrorCode.IMPORT_FILE_TOO_LARGE, shown, lineNumber,
                            "the limit is " + maxLines + " lines");
                }
                if (bytes > maxBytes) {
                    throw new TroupeException(ErrorCode.IMPORT_FILE_TOO_LARGE, shown, lineNumber,
                            "the limit is " + maxBytes + " bytes");
                }
                if (b != '\n') {
                    if (line.size() >= MAX_LINE_BYTES) {
                        throw malformed(lineNumber, "a line over " + MAX_LINE_BYTES + " bytes: the file holds one value per line");
                    }
                    line.write(b);
                    continue;
                }
                if (!bomChecked) {
                    bomChecked = true;
                    stripBom(line);
                }
                members.add(value(line, lineNumber));
                line.reset();
                lineNumber++;
            }
            if (!bomChecked) {
                stripBom(line);
            }
            if (line.size() > 0) {
                members.add(value(line, lineNumber)); // a last line without a newline
            } else if (lineNumber == 1) {
                throw malformed(1, "the file is empty: write one value per line");
            }
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.FILE_NOT_READABLE, shown, e.getMessage());
        }
        return members;
    }

    private static void stripBom(ByteArrayOutputStream line) {
        byte[] b = line.toByteArray();
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            line.reset();
            line.write(b, 3, b.length - 3);
        }
    }

    private String value(ByteArrayOutputStream line, long lineNumber) {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        String value;
        try {
            value = utf8.reset().decode(ByteBuffer.wrap(b, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(lineNumber, "bytes that are not UTF-8: save the file as UTF-8");
        }
        if (value.isBlank()) {
            throw malformed(lineNumber, "an empty line: write exactly one value per line, with no blank lines");
        }
        if (value.indexOf(',') >= 0) {
            throw malformed(lineNumber, "a comma: write one value per line, no CSV");
        }
        if (value.indexOf('\r') >= 0) {
            throw malformed(lineNumber, "a carriage return inside the line: end lines with \\n or \\r\\n");
        }
        return value;
    }

    private TroupeException malformed(long lineNumber, String what) {
        return new TroupeException(ErrorCode.MALFORMED_FILE, shown, lineNumber, what);
    }
}
