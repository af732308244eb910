package io.flowfile.nodes.builtin.filter;

import io.flowfile.node.Column;
import io.flowfile.node.Input;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.filter.FilterSettings.BasicFilter;
import java.util.stream.Collectors;

/**
 * Keeps the rows that meet a condition: a column compared with values (basic mode; the values are
 * converted to the column's type, so a value that does not convert fails the run) or an SQL
 * expression (advanced mode). Rows where the condition is NULL are dropped, as in SQL.
 */
public final class FilterNode implements NodeType<FilterSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("filter", NodeCategory.TRANSFORM, "Filter",
            "Keeps the rows that meet a condition: a column compared with values, or an SQL expression.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<FilterSettings> settingsType() {
        return FilterSettings.class;
    }

    @Override
    public NodePlan plan(FilterSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        return switch (settings.mode()) {
            case BASIC -> basic(settings.basic(), input, context);
            case ADVANCED -> advanced(settings.expression(), input, context);
        };
    }

    private static NodePlan basic(BasicFilter filter, Input input, PlanContext context) {
        if (!context.requireColumn(input, "basic.column", filter.column())) {
            return QueryPlan.main("SELECT * FROM " + input.ref(), input.schema());
        }
        Column column = input.schema().find(filter.column()).orElseThrow();
        String sql = "SELECT * FROM " + input.ref() + " WHERE " + condition(filter, column);
        return QueryPlan.main(sql, input.schema());
    }

    private static String condition(BasicFilter filter, Column column) {
        String name = Sql.identifier(column.name());
        String text = "CAST(" + name + " AS VARCHAR)";
        return switch (filter.operator()) {
            case EQUALS -> name + " = " + typed(filter.value(), column);
            case NOT_EQUALS -> name + " <> " + typed(filter.value(), column);
            case GREATER_THAN -> name + " > " + typed(filter.value(), column);
            case GREATER_OR_EQUAL -> name + " >= " + typed(filter.value(), column);
            case LESS_THAN -> name + " < " + typed(filter.value(), column);
            case LESS_OR_EQUAL -> name + " <= " + typed(filter.value(), column);
            case CONTAINS -> "contains(" + text + ", " + Sql.literal(filter.value()) + ")";
            case STARTS_WITH -> "starts_with(" + text + ", " + Sql.literal(filter.value()) + ")";
            case ENDS_WITH -> "ends_with(" + text + ", " + Sql.literal(filter.value()) + ")";
            case IS_NULL -> name + " IS NULL";
            case IS_NOT_NULL -> name + " IS NOT NULL";
            case IN -> name + " IN (" + filter.values().stream().map(value -> typed(value, column))
                    .collect(Collectors.joining(", ")) + ")";
            case BETWEEN -> name + " BETWEEN " + typed(filter.value(), column) + " AND " + typed(filter.value2(), column);
        };
    }

    /** The value converted to the column's type, so that '5' compares as a number with an INTEGER column. */
    private static String typed(String value, Column column) {
        return "CAST(" + Sql.literal(value) + " AS " + column.type() + ")";
    }

    private static NodePlan advanced(String expression, Input input, PlanContext context) {
        String sql = "SELECT * FROM " + input.ref() + " WHERE (" + expression + "\n)";
        Schema schema = null;
        try {
            schema = context.describe(sql);
        } catch (NodeException e) {
            context.problem("expression", e.code(), e.getMessage() + "\nThe input's columns are: "
                    + String.join(", ", input.schema().names()));
        }
        return QueryPlan.main(sql, schema);
    }
}
