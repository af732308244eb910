package io.flowfile.nodes.builtin.pivot;

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
import io.flowfile.nodes.builtin.order.InputOrder;
import io.flowfile.nodes.builtin.pivot.PivotSettings.Aggregation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the values of a column into columns. The new columns come from the listed values, never
 * from the data, so planning reads nothing: each is {@code agg(value) FILTER (WHERE pivot = 'v')}
 * grouped by the index columns. first and concat follow the input's order ({@link InputOrder}).
 */
public final class PivotNode implements NodeType<PivotSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("pivot", NodeCategory.AGGREGATE, "Pivot",
            "Turns the listed values of a pivot column into columns holding the aggregated value column, one row "
                    + "per combination of the index columns. The values are listed in the settings so the output "
                    + "columns are known before a run.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PivotSettings> settingsType() {
        return PivotSettings.class;
    }

    @Override
    public NodePlan plan(PivotSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        context.requireColumns(input, "index", settings.index());
        context.requireColumn(input, "pivot_column", settings.pivotColumn());
        context.requireColumn(input, "value_column", settings.valueColumn());
        var select = new ArrayList<String>();
        Set<String> names = new HashSet<>();
        for (String column : settings.index()) {
            select.add(Sql.identifier(column));
            names.add(column.toLowerCase(Locale.ROOT));
        }
        String pivot = "CAST(" + Sql.identifier(settings.pivotColumn()) + " AS VARCHAR)";
        String rowNumber = Sql.identifier(InputOrder.freeName(input.schema()));
        String aggregate = aggregate(settings, rowNumber);
        List<String> values = settings.values();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (!names.add(value.toLowerCase(Locale.ROOT))) {
                context.problem("values[" + i + "]", NodeErrorCode.INVALID_SETTING,
                        "\"" + value + "\" is also an index column; a column name can appear only once");
            }
            String filter = " FILTER (WHERE " + pivot + " = " + Sql.literal(value) + ")";
            select.add(aggregate + filter + " AS " + Sql.identifier(value));
        }
        boolean ordered = settings.aggregation() == Aggregation.FIRST || settings.aggregation() == Aggregation.CONCAT;
        String sql = "SELECT " + String.join(", ", select) + " FROM "
                + (ordered ? InputOrder.numbered(input, rowNumber) : input.ref());
        if (!settings.index().isEmpty()) {
            sql += " GROUP BY " + Sql.identifiers(settings.index());
        }
        return QueryPlan.main(sql);
    }

    /** @param rowNumber the input's row number, for first and concat */
    private static String aggregate(PivotSettings settings, String rowNumber) {
        String value = Sql.identifier(settings.valueColumn());
        return switch (settings.aggregation()) {
            case SUM -> "sum(" + value + ")";
            case MIN -> "min(" + value + ")";
            case MAX -> "max(" + value + ")";
            case MEAN -> "avg(" + value + ")";
            case COUNT -> "count(" + value + ")";
            case FIRST -> "arg_min_null(" + value + ", " + rowNumber + ")";
            case CONCAT -> "string_agg(CAST(" + value + " AS VARCHAR), " + Sql.literal(settings.separator()) + " ORDER BY "
                    + rowNumber + ")";
        };
    }
}
