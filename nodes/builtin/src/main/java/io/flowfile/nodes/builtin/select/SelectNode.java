package io.flowfile.nodes.builtin.select;

import io.flowfile.node.Column;
import io.flowfile.node.Input;
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
import io.flowfile.nodes.builtin.select.SelectSettings.SelectColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps, drops, renames, reorders and casts columns. Listed columns come first in the listed order;
 * the others follow in input order unless {@code drop_unlisted} is set.
 */
public final class SelectNode implements NodeType<SelectSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("select", NodeCategory.TRANSFORM, "Select",
            "Keeps, drops, renames, reorders and changes the type of columns.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<SelectSettings> settingsType() {
        return SelectSettings.class;
    }

    @Override
    public NodePlan plan(SelectSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        var terms = new ArrayList<String>();
        var outputs = new ArrayList<Column>();
        var outputAt = new HashMap<String, String>();
        for (int i = 0; i < settings.columns().size(); i++) {
            SelectColumn entry = settings.columns().get(i);
            String path = "columns[" + i + "]";
            if (!context.requireColumn(input, path + ".column", entry.column()) || !entry.keep()) {
                continue;
            }
            Column source = input.schema().find(entry.column()).orElseThrow();
            String name = entry.renameTo() == null ? source.name() : entry.renameTo();
            String value = Sql.identifier(source.name());
            if (entry.castTo() != null) {
                value = "CAST(" + value + " AS " + entry.castTo() + ")";
            }
            terms.add(value + " AS " + Sql.identifier(name));
            outputs.add(new Column(name, entry.castTo() == null ? source.type() : entry.castTo()));
            outputAt.put(SelectSettings.key(name), path);
        }
        if (!settings.dropUnlisted()) {
            addUnlisted(input, settings.byColumn(), outputAt, terms, outputs, context);
        }
        if (terms.isEmpty() && !context.hasProblems()) {
            context.problem("columns", NodeErrorCode.INVALID_SETTING, "no column is left: keep at least one column");
        }
        String sql = "SELECT " + String.join(", ", terms) + " FROM " + input.ref();
        return QueryPlan.main(sql, settings.casts() ? null : new Schema(outputs));
    }

    private static void addUnlisted(Input input, Map<String, SelectColumn> listed, Map<String, String> outputAt,
                                    List<String> terms, List<Column> outputs, PlanContext context) {
        for (Column column : input.schema().columns()) {
            String key = SelectSettings.key(column.name());
            if (listed.containsKey(key)) {
                continue;
            }
            String clash = outputAt.get(key);
            if (clash != null) {
                context.problem(clash + ".rename_to", NodeErrorCode.INVALID_SETTING, "output name \"" + column.name()
                        + "\" of " + clash + " is also the name of the unlisted input column \"" + column.name()
                        + "\", which is kept because drop_unlisted is false; list that column too or set drop_unlisted");
                continue;
            }
            terms.add(Sql.identifier(column.name()));
            outputs.add(column);
        }
    }
}
