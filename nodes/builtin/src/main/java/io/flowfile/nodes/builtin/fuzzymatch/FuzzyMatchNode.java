package io.flowfile.nodes.builtin.fuzzymatch;

import io.flowfile.node.Column;
import io.flowfile.node.Input;
import io.flowfile.node.InputPort;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.fuzzymatch.FuzzyMatchSettings.FuzzyKey;
import io.flowfile.nodes.builtin.fuzzymatch.FuzzyMatchSettings.How;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pairs left and right rows whose key texts are similar enough. The output has the left columns,
 * the right columns (a name also on the left gets {@code _right}) and one DOUBLE similarity score
 * per key pair, named {@code <left>_<right>_score}.
 */
public final class FuzzyMatchNode implements NodeType<FuzzyMatchSettings> {

    static final String LEFT = "left";
    static final String RIGHT = "right";
    static final String RIGHT_SUFFIX = "_right";
    private static final String LEFT_ALIAS = "l";
    private static final String RIGHT_ALIAS = "r";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("fuzzy_match", NodeCategory.COMBINE,
            "Fuzzy Match", "Joins rows whose key texts are similar (Levenshtein, Damerau-Levenshtein, Jaro-Winkler "
                    + "or Jaccard) at or above a threshold, and adds a similarity score from 0 to 1 per key.",
            new Ports(List.of(InputPort.one(LEFT), InputPort.one(RIGHT)), List.of(Ports.MAIN)));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<FuzzyMatchSettings> settingsType() {
        return FuzzyMatchSettings.class;
    }

    @Override
    public NodePlan plan(FuzzyMatchSettings settings, PlanContext context) {
        Input left = context.input(LEFT);
        Input right = context.input(RIGHT);
        Set<String> leftNames = new HashSet<>();
        left.schema().names().forEach(name -> leftNames.add(folded(name)));

        var select = new ArrayList<String>();
        var columns = new ArrayList<Column>();
        for (Column column : left.schema().columns()) {
            select.add(Sql.column(LEFT_ALIAS, column.name()) + " AS " + Sql.identifier(column.name()));
            columns.add(column);
        }
        for (Column column : right.schema().columns()) {
            String name = leftNames.contains(folded(column.name())) ? column.name() + RIGHT_SUFFIX : column.name();
            select.add(Sql.column(RIGHT_ALIAS, column.name()) + " AS " + Sql.identifier(name));
            columns.add(new Column(name, column.type()));
        }
        var conditions = new ArrayList<String>();
        for (int i = 0; i < settings.keys().size(); i++) {
            FuzzyKey key = settings.keys().get(i);
            context.requireColumn(left, "keys[" + i + "].left", key.left());
            context.requireColumn(right, "keys[" + i + "].right", key.right());
            String score = score(key);
            String name = key.left() + "_" + key.right() + "_score";
            select.add(score + " AS " + Sql.identifier(name));
            columns.add(new Column(name, "DOUBLE"));
            conditions.add(score + " >= CAST(" + BigDecimal.valueOf(key.threshold()).toPlainString() + " AS DOUBLE)");
        }
        List<String> duplicates = Schema.duplicateNames(columns.stream().map(Column::name).toList());
        if (!duplicates.isEmpty()) {
            context.problem("keys", NodeErrorCode.INVALID_SETTING, "the output would have these column names twice: "
                    + String.join(", ", duplicates) + "; rename the columns upstream");
        }
        String join = settings.how() == How.LEFT ? " LEFT JOIN " : " INNER JOIN ";
        String sql = "SELECT " + String.join(", ", select) + " FROM " + left.ref() + " AS " + LEFT_ALIAS + join
                + right.ref() + " AS " + RIGHT_ALIAS + " ON " + String.join(" AND ", conditions);
        return QueryPlan.main(sql, new Schema(columns));
    }

    /**
     * The similarity of the key texts from 0 to 1, counted in characters ({@link Similarity}): NULL
     * when either is NULL, 1 when both are empty, 0 when one is (DuckDB's jaccard refuses empty texts).
     */
    static String score(FuzzyKey key) {
        String a = "CAST(" + Sql.column(LEFT_ALIAS, key.left()) + " AS VARCHAR)";
        String b = "CAST(" + Sql.column(RIGHT_ALIAS, key.right()) + " AS VARCHAR)";
        return "(CASE WHEN " + a + " IS NULL OR " + b + " IS NULL THEN NULL"
                + " WHEN " + a + " = '' AND " + b + " = '' THEN CAST(1 AS DOUBLE)"
                + " WHEN " + a + " = '' OR " + b + " = '' THEN CAST(0 AS DOUBLE)"
                + " ELSE " + Similarity.of(key.method(), a, b) + " END)";
    }

    private static String folded(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
