package io.troupe.sql;

import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns whatever a statement threw (Calcite's parser and validator exceptions, errors of generated code, a
 * Troupe operator's own) into the one error catalogue: a stable code, a SQLSTATE, a message that says what
 * to do, and for SQL errors the {@code line:column} of the offending text.
 */
public final class SqlErrors {
    private static final Pattern PARSE_POSITION = Pattern.compile("at line (\\d+), column (\\d+)");

    private SqlErrors() {
    }

    public static TroupeException translate(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof TroupeException te) {
                return te;
            }
            if (t instanceof SqlParseException pe) {
                return parse(pe);
            }
            if (t instanceof CalciteContextException ce) {
                return validation(ce);
            }
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if ("Statement canceled".equals(t.getMessage())) {
                return new TroupeException(ErrorCode.QUERY_CANCELLED, t); // Avatica's own check of the cancel flag
            }
            if (t instanceof ArithmeticException ae && String.valueOf(ae.getMessage()).contains("by zero")) {
                return new TroupeException(ErrorCode.DIVISION_BY_ZERO, ae, ae.getMessage());
            }
            if (t instanceof NumberFormatException nfe) {
                return new TroupeException(ErrorCode.INVALID_CAST, nfe, nfe.getMessage());
            }
            if (t instanceof java.time.DateTimeException || isCastFailure(t)) {
                return new TroupeException(ErrorCode.INVALID_CAST, t, t.getMessage());
            }
        }
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new TroupeException(ErrorCode.SQL_EXECUTION_FAILED, thrown, String.valueOf(root.getMessage()));
    }

    private static boolean isCastFailure(Throwable t) {
        String m = String.valueOf(t.getMessage());
        return t instanceof IllegalArgumentException && (m.startsWith("Invalid") || m.contains("cannot be cast") || m.contains("not a valid"));
    }

    private static TroupeException parse(SqlParseException pe) {
        SqlParserPos pos = pe.getPos();
        int line = pos == null ? 1 : Math.max(1, pos.getLineNum());
        int column = pos == null ? 1 : Math.max(1, pos.getColumnNum());
        String message = firstLine(pe.getMessage());
        Matcher m = PARSE_POSITION.matcher(message);
        if (pos == null && m.find()) {
            line = Integer.parseInt(m.group(1));
            column = Integer.parseInt(m.group(2));
        }
        return new TroupeException(ErrorCode.SQL_SYNTAX_ERROR, new SqlPosition(line, column), pe, line, column, message);
    }

    private static TroupeException validation(CalciteContextException ce) {
        int line = Math.max(1, ce.getPosLine());
        int column = Math.max(1, ce.getPosColumn());
        Throwable cause = ce.getCause();
        String message = cause != null && cause.getMessage() != null ? cause.getMessage() : ce.getMessage();
        ErrorCode code;
        if (message.matches("(?s)(Object|Table) '.*' not found.*")) {
            code = ErrorCode.UNKNOWN_TABLE;
        } else if (message.matches("(?s)Column '.*' not found.*") || message.matches("(?s)Unknown identifier.*")) {
            code = ErrorCode.UNKNOWN_COLUMN;
        } else if (message.startsWith("No match found for function signature")) {
            code = ErrorCode.UNKNOWN_FUNCTION;
        } else if (message.startsWith("Cannot apply") || message.startsWith("Cannot assign")
                || message.contains("incompatible") || message.startsWith("Parameters must be of the same type")) {
            code = ErrorCode.SQL_TYPE_MISMATCH;
        } else {
            code = ErrorCode.SQL_INVALID;
        }
        return new TroupeException(code, new SqlPosition(line, column), ce, line, column, message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
