package io.flowfile.nodes.builtin.texttorows;

import io.flowfile.node.Column;
import io.flowfile.node.Input;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.util.Optional;

/**
 * Splits a text column at a delimiter and gives one row per part, repeating the other columns. An
 * empty text gives one row with an empty part and a NULL gives one row with NULL, as Polars'
 * {@code str.split} followed by {@code explode} does.
 */
public final class TextToRowsNode implements NodeType<TextToRowsSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("text_to_rows", NodeCategory.TRANSFORM,
            "Text to Rows", "Splits a text column at a delimiter into one row per part, repeating the other columns.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<TextToRowsSettings> settingsType() {
        return TextToRowsSettings.class;
    }

    @Override
    public NodePlan plan(TextToRowsSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        Schema schema = input.schema();
        if (!context.requireColumn(input, "column", settings.column())) {
            return QueryPlan.main("SELECT * FROM " + input.ref(), schema);
        }
        String source = Sql.identifier(schema.find(settings.column()).orElseThrow().name());
        String parts = "unnest(CASE WHEN " + source + " IS NULL THEN CAST([NULL] AS VARCHAR[]) ELSE string_split(CAST("
                + source + " AS VARCHAR), " + Sql.literal(settings.delimiter()) + ") END)";
        Optional<Column> existing = schema.find(settings.target());
        String name = existing.map(Column::name).orElse(settings.target());
        String select = existing.isPresent()
                ? "SELECT * REPLACE (" + parts + " AS " + Sql.identifier(name) + ")"
                : "SELECT *, " + parts + " AS " + Sql.identifier(name);
        return QueryPlan.main(select + " FROM " + input.ref(), schema.with(new Column(name, "VARCHAR")));
    }
}
