package io.flowfile.engine.custom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One component of a custom node type's settings form: the setting it edits ({@code name}), how it
 * is edited ({@code kind}) and its constraints.
 *
 * @param name        the setting's name (lower snake case), unique within the form
 * @param kind        how the setting is edited, which decides its value's JSON type
 * @param label       what the form shows beside it
 * @param description a hint under it, or empty
 * @param required    whether a node must have a value for it (when it is visible)
 * @param defaultValue the value a new node starts with, or null
 * @param min         the least value of a number or slider, or null
 * @param max         the greatest value of a number or slider, or null
 * @param step        the step of a number or slider, or null
 * @param integer     whether a number or slider takes whole numbers only
 * @param options     the choices of a single or multi select, or the actions of a column list
 * @param input       for column kinds: the input port whose predicted columns it offers
 * @param columnTypes for column kinds: which columns it offers
 * @param multiple    for a column selector: whether it takes several columns
 */
public record FormComponent(String name, Kind kind, String label, String description, boolean required, JsonNode defaultValue,
                            Double min, Double max, Double step, boolean integer, List<String> options, String input,
                            ColumnTypes columnTypes, boolean multiple) {

    public FormComponent {
        description = description == null ? "" : description;
        options = options == null ? List.of() : List.copyOf(options);
        columnTypes = columnTypes == null ? ColumnTypes.ANY : columnTypes;
    }

    /** The kinds of components, as documents write them. */
    public enum Kind {
        TEXT("text"), NUMBER("number"), SLIDER("slider"), TOGGLE("toggle"), SELECT("select"), MULTI_SELECT("multi_select"),
        COLUMN("column"), COLUMN_ACTIONS("column_actions"), SECRET("secret");

        private final String written;

        Kind(String written) {
            this.written = written;
        }

        public String written() {
            return written;
        }

        public static Kind of(String written) {
            for (Kind kind : values()) {
                if (kind.written.equals(written)) {
                    return kind;
                }
            }
            return null;
        }

        public static List<String> names() {
            return java.util.Arrays.stream(values()).map(Kind::written).toList();
        }

        boolean numeric() {
            return this == NUMBER || this == SLIDER;
        }

        boolean columns() {
            return this == COLUMN || this == COLUMN_ACTIONS;
        }
    }

    /** Which columns a column component offers, by DuckDB type. */
    public enum ColumnTypes {
        ANY, NUMERIC, TEXT, TEMPORAL;

        public String written() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static ColumnTypes of(String written) {
            for (ColumnTypes types : values()) {
                if (types.written().equals(written)) {
                    return types;
                }
            }
            return null;
        }

        /** Whether a column of DuckDB type {@code type} is offered. */
        public boolean accepts(String type) {
            String upper = type.toUpperCase(java.util.Locale.ROOT);
            return switch (this) {
                case ANY -> true;
                case NUMERIC -> upper.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)");
                case TEXT -> upper.equals("VARCHAR") || upper.startsWith("ENUM");
                case TEMPORAL -> upper.startsWith("DATE") || upper.startsWith("TIME") || upper.equals("INTERVAL");
            };
        }
    }
}
