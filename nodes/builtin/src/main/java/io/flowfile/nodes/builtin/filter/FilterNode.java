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
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the rows that meet a condition: a column compared with values (basic mode) or an SQL
 * expression (advanced mode). Rows where the condition is NULL are dropped, as in SQL. Basic
 * comparisons are exact: a value is never rounded to the column's type ({@link Comparison}).
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
        String sql = "SELECT * FROM " + input.ref() + " WHERE " + condition(filter, column, context);
        return QueryPlan.main(sql, input.schema());
    }

    private static String condition(BasicFilter filter, Column column, PlanContext context) {
        String name = Sql.identifier(column.name());
        String text = "CAST(" + name + " AS VARCHAR)";
        return switch (filter.operator()) {
            case EQUALS -> compare(filter, column, context, " = ");
            case NOT_EQUALS -> compare(filter, column, context, " <> ");
            case GREATER_THAN -> compare(filter, column, context, " > ");
            case GREATER_OR_EQUAL -> compare(filter, column, context, " >= ");
            case LESS_THAN -> compare(filter, column, context, " < ");
            case LESS_OR_EQUAL -> compare(filter, column, context, " <= ");
            case CONTAINS -> "contains(" + text + ", " + Sql.literal(filter.value()) + ")";
            case STARTS_WITH -> "starts_with(" + text + ", " + Sql.literal(filter.value()) + ")";
            case ENDS_WITH -> "ends_with(" + text + ", " + Sql.literal(filter.value()) + ")";
            case IS_NULL -> name + " IS NULL";
            case IS_NOT_NULL -> name + " IS NOT NULL";
            case IN -> {
                var paths = new ArrayList<String>();
                for (int i = 0; i < filter.values().size(); i++) {
                    paths.add("basic.values[" + i + "]");
                }
                Comparison.Operands in = Comparison.of(column, filter.values(), paths, context);
                yield in.column() + " IN (" + String.join(", ", in.values()) + ")";
            }
            case BETWEEN -> {
                Comparison.Operands between = Comparison.of(column, List.of(filter.value(), filter.value2()),
                        List.of("basic.value", "basic.value2"), context);
                yield between.column() + " BETWEEN " + between.values().get(0) + " AND " + between.values().get(1);
            }
        };
    }

    private static String compare(BasicFilter filter, Column column, PlanContext context, String operator) {
        Comparison.Operands operands = Comparison.of(column, List.of(filter.value()), List.of("basic.value"), context);
        return operands.column() + operator + operands.values().getFirst();
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
