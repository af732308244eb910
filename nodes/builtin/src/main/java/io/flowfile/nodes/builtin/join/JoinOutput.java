package io.flowfile.nodes.builtin.join;

import io.flowfile.node.Column;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.join.JoinSettings.How;
import io.flowfile.nodes.builtin.join.JoinSettings.KeyPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The columns a join produces, worked out from the two input schemas: the left columns, then the
 * right ones. A right key named like its left key is dropped (for right and full joins the left
 * key then takes the right value on rows without a left match); other names found on both sides
 * are clashes, renamed with the suffixes.
 *
 * @param columns the output columns in order
 * @param clashes the names found on both sides, as the right input spells them
 */
record JoinOutput(List<OutputColumn> columns, List<String> clashes) {

    static final String LEFT_ALIAS = "l";
    static final String RIGHT_ALIAS = "r";

    /**
     * @param expression SQL over the aliases {@code l} and {@code r}
     * @param name       output name
     * @param type       DuckDB type, or null when only DuckDB can tell
     */
    record OutputColumn(String expression, String name, String type) {
    }

    JoinOutput {
        columns = List.copyOf(columns);
        clashes = List.copyOf(clashes);
    }

    static JoinOutput of(JoinSettings settings, Schema left, Schema right) {
        Set<String> droppedRight = droppedRightKeys(settings);
        Set<String> leftNames = new HashSet<>();
        left.names().forEach(name -> leftNames.add(folded(name)));
        List<Column> rightKept = right.columns().stream()
                .filter(column -> !droppedRight.contains(folded(column.name())))
                .toList();
        List<String> clashes = rightKept.stream().map(Column::name).filter(name -> leftNames.contains(folded(name))).toList();
        Set<String> foldedClashes = new HashSet<>();
        clashes.forEach(name -> foldedClashes.add(folded(name)));

        var columns = new ArrayList<OutputColumn>();
        for (Column column : left.columns()) {
            String suffix = foldedClashes.contains(folded(column.name())) ? settings.leftSuffix() : "";
            columns.add(leftColumn(settings, column, column.name() + suffix, right));
        }
        for (Column column : rightKept) {
            String suffix = foldedClashes.contains(folded(column.name())) ? settings.rightSuffix() : "";
            columns.add(new OutputColumn(Sql.column(RIGHT_ALIAS, column.name()), column.name() + suffix, column.type()));
        }
        return new JoinOutput(columns, clashes);
    }

    /**
     * A left column; a key whose right partner is dropped takes the right value on the unmatched
     * right rows of right and full joins, typed by DuckDB when the two key types differ.
     */
    private static OutputColumn leftColumn(JoinSettings settings, Column column, String name, Schema right) {
        String leftValue = Sql.column(LEFT_ALIAS, column.name());
        if (settings.how() != How.RIGHT && settings.how() != How.FULL) {
            return new OutputColumn(leftValue, name, column.type());
        }
        Optional<String> droppedPartner = settings.keys().stream()
                .filter(key -> key.left().equalsIgnoreCase(column.name()) && key.left().equalsIgnoreCase(key.right()))
                .map(KeyPair::right)
                .findFirst();
        if (droppedPartner.isEmpty()) {
            return new OutputColumn(leftValue, name, column.type());
        }
        String rightKey = droppedPartner.get();
        String type = right.find(rightKey).map(Column::type).filter(column.type()::equals).orElse(null);
        return new OutputColumn("COALESCE(" + leftValue + ", " + Sql.column(RIGHT_ALIAS, rightKey) + ")", name, type);
    }

    /** Output names that occur more than once (DuckDB compares names ignoring case). */
    List<String> duplicateNames() {
        return Schema.duplicateNames(columns.stream().map(OutputColumn::name).toList());
    }

    /** The output schema, or null when a type is only known to DuckDB. */
    Schema schemaOrNull() {
        if (columns.stream().anyMatch(column -> column.type() == null)) {
            return null;
        }
        return new Schema(columns.stream().map(column -> new Column(column.name(), column.type())).toList());
    }

    String selectList() {
        return String.join(", ", columns.stream()
                .map(column -> column.expression() + " AS " + Sql.identifier(column.name()))
                .toList());
    }

    /** Folded names of the right keys named like their left keys. */
    private static Set<String> droppedRightKeys(JoinSettings settings) {
        Set<String> dropped = new HashSet<>();
        for (KeyPair key : settings.keys()) {
            if (key.left().equalsIgnoreCase(key.right())) {
                dropped.add(folded(key.right()));
            }
        }
        return dropped;
    }

    private static String folded(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
