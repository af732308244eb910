package io.flowfile.nodes.builtin.unpivot;

import io.flowfile.node.Input;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns columns into rows: each input row gives one row per unpivoted column, with the index
 * columns, the column name and its value. Null values are kept. DuckDB finds the common type of
 * the unpivoted columns (or refuses them), so the engine binds the query to find the schema.
 */
public final class UnpivotNode implements NodeType<UnpivotSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("unpivot", NodeCategory.AGGREGATE,
            "Unpivot", "Turns columns into rows: one row per input row and column, holding the index columns, the "
                    + "column name and its value.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<UnpivotSettings> settingsType() {
        return UnpivotSettings.class;
    }

    @Override
    public NodePlan plan(UnpivotSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        context.requireColumns(input, "index", settings.index());
        context.requireColumns(input, "columns", settings.columns());
        List<String> unpivoted = unpivotedColumns(settings, input);
        if (unpivoted.isEmpty()) {
            context.problem("columns", NodeErrorCode.INVALID_SETTING,
                    "there is no column left to unpivot: every column is an index column");
        }
        for (String name : List.of(settings.variableName(), settings.valueName())) {
            if (settings.index().stream().anyMatch(name::equalsIgnoreCase)) {
                String path = name.equals(settings.variableName()) ? "variable_name" : "value_name";
                context.problem(path, NodeErrorCode.INVALID_SETTING,
                        "\"" + name + "\" is also an index column; choose another name");
            }
        }
        var kept = new ArrayList<>(settings.index());
        kept.addAll(unpivoted);
        String variable = Sql.identifier(settings.variableName());
        String value = Sql.identifier(settings.valueName());
        String sql = "SELECT * FROM (SELECT " + Sql.identifiers(kept) + " FROM " + input.ref() + ") AS unpivot_input"
                + " UNPIVOT INCLUDE NULLS (" + value + " FOR " + variable + " IN (" + Sql.identifiers(unpivoted) + "))";
        return QueryPlan.main(sql);
    }

    private static List<String> unpivotedColumns(UnpivotSettings settings, Input input) {
        if (!settings.columns().isEmpty()) {
            return settings.columns();
        }
        return input.schema().names().stream()
                .filter(name -> settings.index().stream().noneMatch(name::equalsIgnoreCase))
                .toList();
    }
}
