package io.flowfile.node;

import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

/** Quoting for the SQL that nodes generate. Never concatenate user text into SQL without it. */
public final class Sql {

    private Sql() {
    }

    /** {@code "name"}, with embedded quotes doubled. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Quoted identifiers separated by {@code ", "}. */
    public static String identifiers(Collection<String> names) {
        return names.stream().map(Sql::identifier).collect(Collectors.joining(", "));
    }

    /** {@code 'text'}, with embedded quotes doubled. */
    public static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    public static String literal(Path path) {
        return literal(path.toString());
    }

    /**
     * Whether {@code type} looks like a DuckDB type name ({@code BIGINT}, {@code DECIMAL(18,3)},
     * {@code VARCHAR[]}, {@code TIMESTAMP WITH TIME ZONE}): settings that put a type into SQL check
     * it with this, since a type cannot be quoted.
     */
    public static boolean isTypeName(String type) {
        return type != null && TYPE_NAME.matcher(type.trim()).matches();
    }

    private static final java.util.regex.Pattern TYPE_NAME =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_ ]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?(\\[\\d*\\])*");

    /** {@code ref."column"}. */
    public static String column(String ref, String column) {
        return ref + '.' + identifier(column);
    }

    /**
     * An empty relation of {@code schema}: {@code SELECT CAST(NULL AS t) AS "c", ... LIMIT 0}, or
     * {@code SELECT 1 WHERE false} for no columns. Binding it gives the columns as DuckDB spells
     * their types (so {@code int} is INTEGER), or fails for a type DuckDB does not know.
     */
    public static String emptyRelation(Schema schema) {
        if (schema.columns().isEmpty()) {
            return "SELECT 1 WHERE false";
        }
        return schema.columns().stream()
                .map(column -> "CAST(NULL AS " + column.type() + ") AS " + identifier(column.name()))
                .collect(Collectors.joining(", ", "SELECT ", " LIMIT 0"));
    }
}
