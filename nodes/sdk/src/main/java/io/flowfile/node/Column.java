package io.flowfile.node;

import java.util.Objects;

/**
 * A column of a relation.
 *
 * @param name column name as DuckDB reports it
 * @param type DuckDB type, spelled as DuckDB's {@code DESCRIBE} spells it, e.g. {@code BIGINT},
 *             {@code DECIMAL(18,3)}, {@code VARCHAR[]}
 */
public record Column(String name, String type) {

    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
