package io.flowfile.engine.validate;

import io.flowfile.node.Sql;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${name}} in a setting that is SQL text ({@link io.flowfile.node.SqlText}),
 * quoting each value by where the reference stands, so that a value is always one value:
 * <ul>
 *   <li>inside {@code '...'}: text of the string ({@code '} doubled; in an {@code E'...'} string,
 *   backslashes too);</li>
 *   <li>inside {@code "..."}: text of the name ({@code "} doubled);</li>
 *   <li>anywhere else: one value, a number as written (in parentheses when signed) and anything
 *   else as a string literal;</li>
 *   <li>inside a comment: the text without line breaks or comment marks;</li>
 *   <li>inside a {@code $$...$$} string: as written, refused when it holds a {@code $}.</li>
 * </ul>
 * {@code $${name}} stays a literal {@code ${name}}. The text then still has to be one expression or
 * one query ({@link io.flowfile.engine.duckdb.SqlShape}).
 */
final class SqlParameters {

    /** What substitution found wrong. */
    interface Problems {
        void unknown(String name);

        void refused(String message);
    }

    private enum Place { CODE, STRING, NAME, LINE_COMMENT, BLOCK_COMMENT, DOLLAR_STRING }

    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([A-Za-z0-9_-]*)}");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final String sql;
    private final Map<String, String> values;
    private final Problems problems;
    private final StringBuilder out;
    private Place place = Place.CODE;
    private boolean backslashEscapes;
    private int commentDepth;
    private String dollarTag;

    private SqlParameters(String sql, Map<String, String> values, Problems problems) {
        this.sql = sql;
        this.values = values;
        this.problems = problems;
        this.out = new StringBuilder(sql.length() + 16);
    }

    static String substitute(String sql, Map<String, String> values, Problems problems) {
        if (sql.indexOf('$') < 0) {
            return sql;
        }
        return new SqlParameters(sql, values, problems).run();
    }

    private String run() {
        Matcher reference = REFERENCE.matcher(sql);
        int i = 0;
        while (i < sql.length()) {
            if (sql.charAt(i) == '$' && reference.region(i, sql.length()).lookingAt()) {
                String name = reference.group(2);
                if (!reference.group(1).isEmpty()) {
                    out.append("${").append(name).append('}');
                } else if (values.containsKey(name)) {
                    out.append(quoted(name, values.get(name)));
                } else {
                    problems.unknown(name);
                    out.append(reference.group());
                }
                i = reference.end();
            } else {
                i = step(i);
            }
        }
        return out.toString();
    }

    /** Copies the SQL at {@code i} (one character, or a two-character mark), following where it stands; returns the next index. */
    private int step(int i) {
        char c = sql.charAt(i);
        char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
        switch (place) {
            case CODE -> {
                if (c == '\'') {
                    backslashEscapes = i > 0 && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
                            && (i < 2 || !identifierPart(sql.charAt(i - 2)));
                    place = Place.STRING;
                } else if (c == '"') {
                    place = Place.NAME;
                } else if (c == '-' && next == '-') {
                    place = Place.LINE_COMMENT;
                    return copy(i, 2);
                } else if (c == '/' && next == '*') {
                    place = Place.BLOCK_COMMENT;
                    commentDepth = 1;
                    return copy(i, 2);
                } else if (c == '$' && (i == 0 || !identifierPart(sql.charAt(i - 1)))) {
                    Matcher tag = DOLLAR_TAG.matcher(sql).region(i, sql.length());
                    if (tag.lookingAt()) {
                        dollarTag = tag.group();
                        place = Place.DOLLAR_STRING;
                        return copy(i, dollarTag.length());
                    }
                }
            }
            case STRING -> {
                if (c == '\\' && backslashEscapes && i + 1 < sql.length()) {
                    return copy(i, 2);
                }
                if (c == '\'') {
                    if (next == '\'') {
                        return copy(i, 2);
                    }
                    place = Place.CODE;
                }
            }
            case NAME -> {
                if (c == '"') {
                    if (next == '"') {
                        return copy(i, 2);
                    }
                    place = Place.CODE;
                }
            }
            case LINE_COMMENT -> {
                if (c == '\n' || c == '\r') {
                    place = Place.CODE;
                }
            }
            case BLOCK_COMMENT -> {
                if (c == '/' && next == '*') {
                    commentDepth++;
                    return copy(i, 2);
                }
                if (c == '*' && next == '/') {
                    if (--commentDepth == 0) {
                        place = Place.CODE;
                    }
                    return copy(i, 2);
                }
            }
            case DOLLAR_STRING -> {
                if (sql.startsWith(dollarTag, i)) {
                    place = Place.CODE;
                    return copy(i, dollarTag.length());
                }
            }
        }
        return copy(i, 1);
    }

    private int copy(int from, int length) {
        out.append(sql, from, from + length);
        return from + length;
    }

    private String quoted(String name, String value) {
        return switch (place) {
            case STRING -> {
                String text = value.replace("'", "''");
                yield backslashEscapes ? text.replace("\\", "\\\\") : text;
            }
            case NAME -> value.replace("\"", "\"\"");
            case LINE_COMMENT, BLOCK_COMMENT -> value.replaceAll("[\\r\\n/*]", " ");
            case DOLLAR_STRING -> {
                if (value.indexOf('$') >= 0) {
                    problems.refused("the value of parameter '${" + name + "}' holds a '$' and stands inside a "
                            + dollarTag + "-quoted string, which it would end; write the string in '...' quotes");
                    yield "";
                }
                yield value;
            }
            case CODE -> {
                String literal = NUMBER.matcher(value).matches()
                        ? (value.startsWith("-") || value.startsWith("+") ? "(" + value + ")" : value)
                        : Sql.literal(value);
                boolean joins = !out.isEmpty() && (identifierPart(out.charAt(out.length() - 1))
                        || "'\".".indexOf(out.charAt(out.length() - 1)) >= 0);
                yield joins ? " " + literal : literal;
            }
        };
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
