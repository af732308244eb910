package io.flowfile.nodes.builtin.sort;

import io.flowfile.node.Input;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Sql;
import java.util.ArrayList;

/** Sorts rows by several keys, each ascending or descending, nulls first or last. */
public final class SortNode implements NodeType<SortSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("sort", NodeCategory.TRANSFORM, "Sort",
            "Sorts rows by one or more columns, each ascending or descending, with nulls first or last.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<SortSettings> settingsType() {
        return SortSettings.class;
    }

    @Override
    public NodePlan plan(SortSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        var terms = new ArrayList<String>();
        for (int i = 0; i < settings.keys().size(); i++) {
            SortSettings.SortKey key = settings.keys().get(i);
            context.requireColumn(input, "keys[" + i + "].column", key.column());
            terms.add(Sql.identifier(key.column()) + " " + key.direction().name() + " NULLS " + key.nulls().name());
        }
        String sql = "SELECT * FROM " + input.ref() + " ORDER BY " + String.join(", ", terms);
        return QueryPlan.main(sql, input.schema());
    }
}
