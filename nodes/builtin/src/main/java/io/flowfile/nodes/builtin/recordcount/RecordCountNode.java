package io.flowfile.nodes.builtin.recordcount;

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

/** Counts the rows of its input: one row with one BIGINT column. */
public final class RecordCountNode implements NodeType<RecordCountSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("record_count", NodeCategory.AGGREGATE,
            "Record Count", "Counts the rows of the input: one row with one column holding the count.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<RecordCountSettings> settingsType() {
        return RecordCountSettings.class;
    }

    @Override
    public NodePlan plan(RecordCountSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        String sql = "SELECT count(*) AS " + Sql.identifier(settings.name()) + " FROM " + input.ref();
        return QueryPlan.main(sql, Schema.of(new Column(settings.name(), "BIGINT")));
    }
}
