package io.flowfile.engine.exec;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the node whose SQL a DuckDB error points at inside a fused statement. A fused statement is
 * {@code WITH "a" AS (...), "b" AS (...) SELECT ...}: one common table expression per node, the
 * root's own query last. DuckDB names the line of the fault ({@code LINE 2: <excerpt>}) and marks
 * its column with carets under the excerpt; the node is the innermost expression whose parentheses
 * hold that place. Text in literals, quoted names and comments is skipped when matching them.
 */
final class StatementBlame {

    private static final Pattern LINE = Pattern.compile("LINE (\\d+): ?(.*)");

    private StatementBlame() {
    }

    /** The node of {@code nodes} whose expression in {@code sql} the error points into, or null. */
    static String nodeAt(String sql, String message, Collection<String> nodes) {
        int offset = errorOffset(sql, message);
        if (offset < 0) {
            return null;
        }
        boolean[] code = codeMask(sql);
        String best = null;
        int bestLength = Integer.MAX_VALUE;
        for (String id : nodes) {
            String header = "\"" + id.replace("\"", "\"\"") + "\" AS (";
            for (int at = sql.indexOf(header); at >= 0; at = sql.indexOf(header, at + 1)) {
                int open = at + header.length() - 1;
                if (!code[at] || !code[open]) {
                    continue;
                }
                int close = closing(sql, code, open);
                if (offset > open && offset < close && close - open < bestLength) {
                    best = id;
                    bestLength = close - open;
                }
            }
        }
        return best;
    }

    /** Where in {@code sql} the error's carets point, or -1 when the message does not say. */
    static int errorOffset(String sql, String message) {
        String[] lines = message.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher line = LINE.matcher(lines[i]);
            if (!line.find()) {
                continue;
            }
            int lineStart = lineStart(sql, Integer.parseInt(line.group(1)));
            if (lineStart < 0) {
                return -1;
            }
            int lineEnd = sql.indexOf('\n', lineStart);
            String sqlLine = sql.substring(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
            String excerpt = line.group(2);
            int caret = i + 1 < lines.length ? lines[i + 1].indexOf('^') - line.start(2) : -1;
            String shown = excerpt.startsWith("...") ? excerpt.substring(3) : excerpt;
            int shift = excerpt.length() - shown.length();
            String probe = shown.endsWith("...") ? shown.substring(0, shown.length() - 3) : shown;
            int base = probe.isEmpty() ? -1 : sqlLine.indexOf(probe);
            if (base >= 0 && caret >= shift) {
                return lineStart + Math.min(base + caret - shift, sqlLine.length());
            }
            return lineStart + sqlLine.length(); // the line's end: inside the expression the line ends in
        }
        return -1;
    }

    private static int lineStart(String sql, int line) {
        int at = 0;
        for (int i = 1; i < line; i++) {
            at = sql.indexOf('\n', at) + 1;
            if (at == 0) {
                return -1;
            }
        }
        return at;
    }

    /** For each character: whether it is SQL code (not inside a literal, a quoted name or a comment). */
    private static boolean[] codeMask(String sql) {
        boolean[] code = new boolean[sql.length()];
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = i + 1;
                while (end < sql.length() && (sql.charAt(end) != c || end + 1 < sql.length() && sql.charAt(end + 1) == c)) {
                    end += sql.charAt(end) == c ? 2 : 1;
                }
                code[i] = true; // the opening quote itself stands where the text starts
                i = end + 1;
            } else if (sql.startsWith("--", i)) {
                end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (sql.startsWith("/*", i)) {
                end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                code[i] = true;
                i++;
            }
        }
        return code;
    }

    /** The position of the parenthesis closing the one at {@code open}, or the end of the text. */
    private static int closing(String sql, boolean[] code, int open) {
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            if (!code[i]) {
                continue;
            }
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return sql.length();
    }
}
