package io.flowfile.engine.custom;

import java.util.regex.Matcher;

/**
 * Where the {@code {{setting}}} placeholders of an SQL node type stand. A placeholder becomes a whole
 * SQL token (an escaped literal, a quoted name, a parenthesised number), which is safe only where a
 * token can stand: not inside a string literal, a quoted name or a comment, where the value's text
 * would be read as part of them (a value with a newline ending a {@code --} comment, an author's
 * {@code '{{region}}'} putting the value outside the quotes).
 */
final class SqlPlaceholders {

    private SqlPlaceholders() {
    }

    /** Why a placeholder of {@code sql} stands inside a literal, a quoted name or a comment; null when none does. */
    static String quotedOrCommented(String sql) {
        Matcher placeholder = NodeTypeDocument.PLACEHOLDER.matcher(sql);
        int i = 0;
        while (i < sql.length()) {
            if (placeholder.find(i) && placeholder.start() == i) {
                i = placeholder.end();
                continue;
            }
            char c = sql.charAt(i);
            String where = null;
            int end;
            if (c == '\'' || c == '"') {
                end = closing(sql, i + 1, c);
                where = c == '\'' ? "a string literal" : "a quoted name";
            } else if (c == '$' && sql.startsWith("$$", i)) {
                int close = sql.indexOf("$$", i + 2);
                end = close < 0 ? sql.length() : close + 2;
                where = "a $$ string";
            } else if (c == '-' && sql.startsWith("--", i)) {
                int close = sql.indexOf('\n', i);
                end = close < 0 ? sql.length() : close + 1;
                where = "a -- comment";
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                end = close < 0 ? sql.length() : close + 2;
                where = "a /* */ comment";
            } else {
                i++;
                continue;
            }
            Matcher inside = NodeTypeDocument.PLACEHOLDER.matcher(sql).region(i, end);
            if (inside.find()) {
                return "{{" + inside.group(1) + "}} stands inside " + where + ": a setting becomes a whole SQL value "
                        + "(a quoted text, a quoted column name, a number), so write it without quotes, e.g. region = {{region}}";
            }
            i = end;
        }
        return null;
    }

    /** The index after the quote that closes one opened before {@code from} (a doubled quote is part of the text). */
    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
