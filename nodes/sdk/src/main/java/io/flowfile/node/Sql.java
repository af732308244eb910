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

    /** {@code ref."column"}. */
    public static String column(String ref, String column) {
        return ref + '.' + identifier(column);
    }
}
