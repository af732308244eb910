package io.flowfile.engine.testing;

import io.flowfile.node.Column;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Schema;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * A source for tests: a table written as DuckDB column definitions and SQL row tuples, e.g.
 * {@code columns = "id INTEGER, name VARCHAR"}, {@code rows = ["(1, 'a')", "(2, NULL)"]}.
 */
public final class TableSourceNode implements NodeType<TableSourceNode.Settings> {

    public static final String TYPE = "test_table";

    public record Settings(String columns, List<String> rows) {
        public Settings {
            rows = rows == null ? List.of() : List.copyOf(rows);
            new SettingsCheck().notBlank("columns", columns).done();
        }
    }

    @Override
    public NodeDescriptor descriptor() {
        return NodeDescriptor.source(TYPE, "Test table", "An inline table for tests, as SQL tuples.");
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public NodePlan plan(Settings settings, PlanContext context) {
        Schema schema = parse(settings.columns());
        if (settings.rows().isEmpty()) {
            return NodePlan.QueryPlan.main(io.flowfile.node.Sql.emptyRelation(schema), schema);
        }
        var names = new ArrayList<String>();
        var casts = new ArrayList<String>();
        for (int i = 0; i < schema.columns().size(); i++) {
            Column column = schema.columns().get(i);
            names.add("c" + i);
            casts.add("CAST(c" + i + " AS " + column.type() + ") AS " + Sql.identifier(column.name()));
        }
        String sql = "SELECT " + String.join(", ", casts) + " FROM (VALUES " + String.join(", ", settings.rows())
                + ") AS v(" + String.join(", ", names) + ")";
        return NodePlan.QueryPlan.main(sql, schema);
    }

    /** Splits {@code "a INTEGER, b DECIMAL(18,3)"} at the commas outside parentheses. */
    static Schema parse(String columns) {
        var result = new ArrayList<Column>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= columns.length(); i++) {
            char c = i < columns.length() ? columns.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String definition = columns.substring(start, i).trim();
                int space = definition.indexOf(' ');
                result.add(new Column(definition.substring(0, space), definition.substring(space + 1).trim()));
                start = i + 1;
            }
        }
        return new Schema(result);
    }
}
