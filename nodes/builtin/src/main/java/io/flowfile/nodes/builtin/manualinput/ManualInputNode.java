package io.flowfile.nodes.builtin.manualinput;

import io.flowfile.node.Column;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.manualinput.ManualInputSettings.ManualColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A small table typed into the flow: declared columns and rows of JSON values. */
public final class ManualInputNode implements NodeType<ManualInputSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.source("manual_input", "Manual Input",
            "A small table typed into the flow: declare the columns and their types, then enter the rows.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ManualInputSettings> settingsType() {
        return ManualInputSettings.class;
    }

    /**
     * {@code SELECT * FROM (VALUES (CAST(v AS type), ...), ...) AS t("a", ...)}, or for no rows a
     * select of typed nulls with {@code LIMIT 0}. The engine binds it to find the types as DuckDB
     * spells them (e.g. INT becomes INTEGER).
     */
    @Override
    public NodePlan plan(ManualInputSettings settings, PlanContext context) {
        List<ManualColumn> columns = settings.columns();
        if (settings.rows().isEmpty()) {
            Schema schema = new Schema(columns.stream().map(column -> new Column(column.name(), column.type())).toList());
            return QueryPlan.source(Sql.emptyRelation(schema), null, List.of());
        }
        var tuples = new ArrayList<String>();
        for (List<Object> row : settings.rows()) {
            var values = new ArrayList<String>();
            for (int i = 0; i < columns.size(); i++) {
                values.add("CAST(" + literal(row.get(i)) + " AS " + columns.get(i).type() + ")");
            }
            tuples.add("(" + String.join(", ", values) + ")");
        }
        String names = columns.stream().map(column -> Sql.identifier(column.name())).collect(Collectors.joining(", "));
        String sql = "SELECT * FROM (VALUES " + String.join(", ", tuples) + ") AS t(" + names + ")";
        return QueryPlan.source(sql, null, List.of());
    }

    /** A JSON value as an SQL literal. */
    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String text -> Sql.literal(text);
            case Boolean flag -> flag ? "TRUE" : "FALSE";
            case Double number when number.isNaN() || number.isInfinite() -> Sql.literal(number.toString());
            case BigDecimal number -> number.toPlainString();
            case Number number -> number.toString();
            default -> throw new IllegalArgumentException("not a JSON scalar: " + value.getClass().getName());
        };
    }
}
