package io.flowfile.nodes.builtin.window;

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
import io.flowfile.nodes.builtin.window.WindowSettings.OrderKey;
import io.flowfile.nodes.builtin.window.WindowSettings.WindowColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Adds columns computed over ordered partitions of the rows: running totals, rolling means, ranks,
 * and values of earlier or later rows. Running and rolling functions count rows, not values, so
 * ties in the order are not merged. The result types depend on the functions, so the engine binds
 * the query to find the schema.
 */
public final class WindowNode implements NodeType<WindowSettings> {

    private static final String CUMULATIVE = " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("window", NodeCategory.AGGREGATE,
            "Window", "Adds running totals, rolling sums and means, ranks, row numbers and values of earlier or later "
                    + "rows, computed per partition in the given order.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<WindowSettings> settingsType() {
        return WindowSettings.class;
    }

    @Override
    public NodePlan plan(WindowSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        context.requireColumns(input, "partition_by", settings.partitionBy());
        var orderTerms = new ArrayList<String>();
        for (int i = 0; i < settings.orderBy().size(); i++) {
            OrderKey key = settings.orderBy().get(i);
            context.requireColumn(input, "order_by[" + i + "].column", key.column());
            orderTerms.add(Sql.identifier(key.column()) + " " + key.direction().name() + " NULLS LAST");
        }
        String partition = settings.partitionBy().isEmpty() ? ""
                : "PARTITION BY " + Sql.identifiers(settings.partitionBy()) + " ";
        String window = partition + "ORDER BY " + String.join(", ", orderTerms);
        Set<String> names = new HashSet<>();
        input.schema().names().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        var select = new ArrayList<>(List.of("*"));
        for (int i = 0; i < settings.functions().size(); i++) {
            WindowColumn function = settings.functions().get(i);
            if (function.column() != null) {
                context.requireColumn(input, "functions[" + i + "].column", function.column());
            }
            if (!names.add(function.alias().toLowerCase(Locale.ROOT))) {
                context.problem("functions[" + i + "].alias", NodeErrorCode.INVALID_SETTING, "the output already has "
                        + "a column named \"" + function.alias() + "\"; choose another alias");
            }
            select.add(call(function, window) + " AS " + Sql.identifier(function.alias()));
        }
        return QueryPlan.main("SELECT " + String.join(", ", select) + " FROM " + input.ref());
    }

    private static String call(WindowColumn function, String window) {
        String column = function.column() == null ? null : Sql.identifier(function.column());
        return switch (function.function()) {
            case CUMULATIVE_SUM -> "sum(" + column + ") OVER (" + window + CUMULATIVE + ")";
            case CUMULATIVE_COUNT -> "count(" + (column == null ? "*" : column) + ") OVER (" + window + CUMULATIVE + ")";
            case CUMULATIVE_MIN -> "min(" + column + ") OVER (" + window + CUMULATIVE + ")";
            case CUMULATIVE_MAX -> "max(" + column + ") OVER (" + window + CUMULATIVE + ")";
            case ROLLING_MEAN -> "avg(" + column + ") OVER (" + window + rolling(function.size()) + ")";
            case ROLLING_SUM -> "sum(" + column + ") OVER (" + window + rolling(function.size()) + ")";
            case RANK -> "rank() OVER (" + window + ")";
            case DENSE_RANK -> "dense_rank() OVER (" + window + ")";
            case ROW_NUMBER -> "row_number() OVER (" + window + ")";
            case LAG -> "lag(" + column + ", " + function.offset() + ") OVER (" + window + ")";
            case LEAD -> "lead(" + column + ", " + function.offset() + ") OVER (" + window + ")";
        };
    }

    private static String rolling(int size) {
        return " ROWS BETWEEN " + (size - 1) + " PRECEDING AND CURRENT ROW";
    }
}
