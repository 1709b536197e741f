package io.troupe.sql.dynamic;

import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Errors of a statement at the place of one of its nodes. */
final class Positions {
    private Positions() {
    }

    static SqlPosition of(SqlParserPos pos) {
        return new SqlPosition(Math.max(1, pos.getLineNum()), Math.max(1, pos.getColumnNum()));
    }

    /** An error whose template starts with {@code at line %d, column %d}, then {@code args}. */
    static TroupeException at(ErrorCode code, SqlParserPos pos, Throwable cause, Object... args) {
        SqlPosition p = of(pos);
        Object[] all = new Object[args.length + 2];
        all[0] = p.line();
        all[1] = p.column();
        System.arraycopy(args, 0, all, 2, args.length);
        return new TroupeException(code, p, cause, all);
    }

    static TroupeException at(ErrorCode code, SqlNode node, Object... args) {
        return at(code, node.getParserPosition(), null, args);
    }

    /** An error whose message has no position (e.g. UNKNOWN_GROUP_TYPE) but that still carries one. */
    static TroupeException placed(ErrorCode code, SqlNode node, Object... args) {
        return new TroupeException(code, of(node.getParserPosition()), null, args);
    }

    /**
     * The detail of an engine error on a generated query, without the generated query's position: the text after
     * {@code "line L, column C: "} and before the code's closing advice.
     */
    static String detail(TroupeException e) {
        String message = e.getMessage();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("at line \\d+, column \\d+: ").matcher(message);
        if (m.find()) {
            message = message.substring(m.end());
            String template = e.errorCode().format(1, 1, "\u0000");
            String advice = template.substring(template.indexOf('\u0000') + 1);
            if (!advice.isEmpty() && message.endsWith(advice)) {
                message = message.substring(0, message.length() - advice.length());
            }
        }
        return message;
    }
}
