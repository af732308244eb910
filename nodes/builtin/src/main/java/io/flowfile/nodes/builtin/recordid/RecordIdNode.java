package io.flowfile.nodes.builtin.recordid;

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
import io.flowfile.nodes.builtin.order.InputOrder;
import java.util.ArrayList;
import java.util.stream.Collectors;

/**
 * Adds a BIGINT column in front that numbers the rows from an offset, optionally restarting in each
 * group and following an order; the rows stay in input order.
 */
public final class RecordIdNode implements NodeType<RecordIdSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("record_id", NodeCategory.TRANSFORM,
            "Record ID", "Adds a column in front that numbers the rows, optionally per group and in a given order.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<RecordIdSettings> settingsType() {
        return RecordIdSettings.class;
    }

    @Override
    public NodePlan plan(RecordIdSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        Schema schema = input.schema();
        if (schema.has(settings.column())) {
            context.problem("column", NodeErrorCode.INVALID_SETTING, "column \"" + settings.column()
                    + "\" already exists in the input; choose another name");
        }
        context.requireColumns(input, "group_by", settings.groupBy());
        context.requireColumns(input, "order_by", settings.orderBy());
        String rowNumber = Sql.identifier(InputOrder.freeName(schema));
        String order = settings.orderBy().stream().map(column -> Sql.identifier(column) + " ASC NULLS LAST, ")
                .collect(Collectors.joining()) + rowNumber;
        String partition = settings.groupBy().isEmpty() ? "" : "PARTITION BY " + Sql.identifiers(settings.groupBy()) + " ";
        String number = "CAST(row_number() OVER (" + partition + "ORDER BY " + order + ") - 1 + " + settings.offset()
                + " AS BIGINT) AS " + Sql.identifier(settings.column());
        String sql = "SELECT " + number + ", * EXCLUDE (" + rowNumber + ") FROM " + InputOrder.numbered(input, rowNumber)
                + " ORDER BY " + rowNumber;
        var columns = new ArrayList<Column>();
        columns.add(new Column(settings.column(), "BIGINT"));
        columns.addAll(schema.columns());
        return QueryPlan.main(sql, new Schema(columns));
    }
}
