package io.troupe.sql.cohort;

/**
 * The text of a {@code CREATE COHORT}'s query, cut from the statement at the query's first token: as stored (what
 * the user wrote, without a trailing {@code ;}), and as run at creation, with everything before the query blanked
 * out but its line breaks kept, so that the query's errors carry their positions in the whole statement.
 */
record QueryText(String stored, String positioned) {
    /**
     * @param line   the query's first line in {@code sql}, 1-based, as the parser counts lines ({@code \n},
     *               {@code \r\n} or {@code \r} end one)
     * @param column its column there, 1-based (the parser counts a tab as one column)
     */
    static QueryText cut(String sql, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < sql.length(); offset++) {
            char c = sql.charAt(offset);
            if (c == '\n' || (c == '\r' && (offset + 1 >= sql.length() || sql.charAt(offset + 1) != '\n'))) {
                l++;
            }
        }
        offset = Math.min(sql.length(), offset + column - 1);
        StringBuilder blanked = new StringBuilder(sql.length());
        for (int i = 0; i < offset; i++) {
            char c = sql.charAt(i);
            blanked.append(c == '\n' || c == '\r' ? c : ' ');
        }
        String query = strip(sql.substring(offset));
        return new QueryText(query, blanked + query);
    }

    private static String strip(String text) {
        String s = text.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
