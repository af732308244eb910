package io.flowfile.nodes.builtin.union;

import io.flowfile.node.Input;
import io.flowfile.node.InputPort;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import java.util.List;

/**
 * Stacks the rows of every connected input, matching columns by name. The output has every
 * column of every input in the order first seen; an input without a column gives NULL there.
 * DuckDB widens the types of columns that differ between inputs, so the engine binds the query to
 * find the schema.
 */
public final class UnionNode implements NodeType<UnionSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("union", NodeCategory.COMBINE, "Union",
            "Stacks the rows of all connected inputs, matching columns by name; a column missing from an input "
                    + "is filled with nulls. Optionally drops duplicate rows.",
            new Ports(List.of(InputPort.many(Ports.MAIN)), List.of(Ports.MAIN)));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<UnionSettings> settingsType() {
        return UnionSettings.class;
    }

    @Override
    public NodePlan plan(UnionSettings settings, PlanContext context) {
        List<Input> inputs = context.inputs(Ports.MAIN);
        if (inputs.size() == 1) {
            String select = settings.distinct() ? "SELECT DISTINCT * FROM " : "SELECT * FROM ";
            return QueryPlan.main(select + inputs.getFirst().ref(), inputs.getFirst().schema());
        }
        String operator = settings.distinct() ? " UNION BY NAME " : " UNION ALL BY NAME ";
        String sql = String.join(operator, inputs.stream().map(input -> "SELECT * FROM " + input.ref()).toList());
        return QueryPlan.main(sql);
    }
}
