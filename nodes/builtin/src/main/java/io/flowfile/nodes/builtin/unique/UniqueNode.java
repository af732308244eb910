package io.flowfile.nodes.builtin.unique;

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
import io.flowfile.nodes.builtin.order.InputOrder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps one row per key (the first, the last or any), or only the rows whose key occurs once. Nulls
 * in a key are equal to each other. Apart from {@code any}, the kept rows stay in input order.
 */
public final class UniqueNode implements NodeType<UniqueSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("unique", NodeCategory.TRANSFORM, "Unique",
            "Removes duplicate rows: keeps the first, last or any row of each key, or only keys that occur once.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<UniqueSettings> settingsType() {
        return UniqueSettings.class;
    }

    @Override
    public NodePlan plan(UniqueSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        context.requireColumns(input, "columns", settings.columns());
        context.requireColumns(input, "order_by", settings.orderBy());
        Schema schema = input.schema();
        String keys = settings.columns().isEmpty() ? Sql.identifiers(schema.names()) : Sql.identifiers(settings.columns());
        String rowNumber = Sql.identifier(InputOrder.freeName(schema));
        String sql = switch (settings.keep()) {
            case ANY -> "SELECT " + (settings.columns().isEmpty() ? "DISTINCT" : "DISTINCT ON (" + keys + ")")
                    + " * FROM " + input.ref();
            case FIRST -> numbered(input, rowNumber, "row_number() OVER (PARTITION BY " + keys + " ORDER BY "
                    + order(settings.orderBy(), " ASC NULLS LAST", rowNumber + " ASC") + ") = 1");
            case LAST -> numbered(input, rowNumber, "row_number() OVER (PARTITION BY " + keys + " ORDER BY "
                    + order(settings.orderBy(), " DESC NULLS FIRST", rowNumber + " DESC") + ") = 1");
            case NONE -> numbered(input, rowNumber, "count(*) OVER (PARTITION BY " + keys + ") = 1");
        };
        return QueryPlan.main(sql, schema);
    }

    /** The input rows numbered in input order, filtered by {@code condition} and returned in input order. */
    private static String numbered(Input input, String rowNumber, String condition) {
        return "SELECT * EXCLUDE (" + rowNumber + ") FROM " + InputOrder.numbered(input, rowNumber) + " QUALIFY "
                + condition + " ORDER BY " + rowNumber;
    }

    private static String order(List<String> orderBy, String direction, String tieBreak) {
        String columns = orderBy.stream().map(column -> Sql.identifier(column) + direction)
                .collect(Collectors.joining(", "));
        return columns.isEmpty() ? tieBreak : columns + ", " + tieBreak;
    }
}
