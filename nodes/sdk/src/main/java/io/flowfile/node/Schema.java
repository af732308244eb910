package io.flowfile.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The ordered columns of a relation. Column lookup ignores case, as DuckDB's binder does. */
public record Schema(List<Column> columns) {

    public Schema {
        columns = List.copyOf(columns);
    }

    public static Schema of(Column... columns) {
        return new Schema(List.of(columns));
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    public Optional<Column> find(String name) {
        for (Column column : columns) {
            if (column.name().equals(name)) {
                return Optional.of(column);
            }
        }
        return columns.stream().filter(column -> column.name().equalsIgnoreCase(name)).findFirst();
    }

    public boolean has(String name) {
        return find(name).isPresent();
    }

    /** This schema with {@code column} appended, or replacing the column of the same name in place. */
    public Schema with(Column column) {
        List<Column> result = new ArrayList<>(columns);
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i).name().equalsIgnoreCase(column.name())) {
                result.set(i, column);
                return new Schema(result);
            }
        }
        result.add(column);
        return new Schema(result);
    }

    /**
     * The names that repeat an earlier one in {@code names}, compared ignoring case as DuckDB does:
     * each spelling of a repeat once, in the order of the repeats.
     */
    public static List<String> duplicateNames(List<String> names) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                duplicates.add(name);
            }
        }
        return List.copyOf(duplicates);
    }

    @Override
    public String toString() {
        return columns.stream().map(Column::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
