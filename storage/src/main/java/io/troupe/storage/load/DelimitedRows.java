package io.troupe.storage.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a CSV or TSV file row by row through Jackson's CSV parser, knowing the line each row starts on
 * (a quoted CSV value may span lines), so every error can name its line. Skips blank lines and a UTF-8
 * byte order mark. Read and parse failures become {@link ErrorCode#MALFORMED_FILE} or
 * {@link ErrorCode#FILE_NOT_READABLE}.
 *
 * <p>The cell list is reused from row to row: copy what must outlive {@link #next()}.
 */
final class DelimitedRows implements AutoCloseable {
    private static final CsvMapper CSV = new CsvMapper();

    private final String file;
    private final CsvParser parser;
    private final List<String> cells = new ArrayList<>();
    private long line;
    private boolean atStart = true;

    private DelimitedRows(String file, CsvParser parser) {
        this.file = file;
        this.parser = parser;
    }

    static DelimitedRows open(Path path, DelimitedFormat format) {
        Reader reader = SourceFiles.openReader(path);
        try {
            CsvParser parser = CSV.getFactory().createParser(reader);
            parser.setSchema(format.schema());
            return new DelimitedRows(path.toString(), parser);
        } catch (IOException e) {
            SourceFiles.closeQuietly(reader);
            throw SourceFiles.unreadable(path.toString(), e);
        }
    }

    /**
     * Reads the header: the first non-blank row, names trimmed, each non-empty and unique.
     *
     * @throws TroupeException {@link ErrorCode#MALFORMED_FILE} when the file is empty or the header is not
     */
    List<String> header() {
        if (!next()) {
            throw malformed(1, "the file is empty: its first line must be a header naming the columns");
        }
        List<String> names = new ArrayList<>(cells.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).strip();
            if (name.isEmpty()) {
                throw malformed(line, "column " + (i + 1) + " of the header has no name");
            }
            if (!seen.add(name)) {
                throw malformed(line, "the header names column '" + name + "' twice");
            }
            names.add(name);
        }
        return names;
    }

    /** Moves to the next non-blank row; false at the end of the file. */
    boolean next() {
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return false;
                }
                line = parser.currentLocation().getLineNr();
                cells.clear();
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                    cells.add(parser.getText());
                }
                if (atStart) {
                    atStart = false;
                    stripByteOrderMark();
                }
                if (cells.size() > 1 || cells.size() == 1 && !cells.get(0).isEmpty()) {
                    return true;
                }
            }
        } catch (CharacterCodingException e) {
            throw malformed(Math.max(line, 1), "the file is not UTF-8 text: save it as UTF-8");
        } catch (JsonProcessingException e) {
            throw malformed(Math.max(line, 1), e.getOriginalMessage());
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
    }

    /** The cells of the current row, reused by the next call to {@link #next()}. */
    List<String> cells() {
        return cells;
    }

    /** The line the current row starts on, counting from 1. */
    long line() {
        return line;
    }

    String file() {
        return file;
    }

    TroupeException malformed(long atLine, String reason) {
        return new TroupeException(ErrorCode.MALFORMED_FILE, file, atLine, reason);
    }

    /** The same error for the current row. */
    TroupeException malformed(String reason) {
        return malformed(line, reason);
    }

    private void stripByteOrderMark() {
        if (!cells.isEmpty() && !cells.get(0).isEmpty() && cells.get(0).charAt(0) == '\uFEFF') {
            cells.set(0, cells.get(0).substring(1));
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // Read only (the parser closes its reader): nothing is lost when closing fails.
        }
    }
}
