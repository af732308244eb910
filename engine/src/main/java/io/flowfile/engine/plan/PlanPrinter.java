package io.flowfile.engine.plan;

import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.node.NodePlan;
import io.flowfile.node.Sql;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The text of {@code flowfile run --explain}: every stage, what it fuses, and its SQL. */
public final class PlanPrinter {

    private PlanPrinter() {
    }

    public static String explain(ExecutionPlan plan) {
        Map<String, PlannedNode> nodes = new LinkedHashMap<>();
        plan.flow().nodes().forEach(node -> nodes.put(node.id(), node));
        var text = new StringBuilder();
        text.append("Plan for flow '").append(plan.flow().document().name()).append("' (")
                .append(plan.mode().name().toLowerCase(java.util.Locale.ROOT)).append(" mode): ")
                .append(plan.stages().size()).append(plan.stages().size() == 1 ? " stage" : " stages").append('\n');
        for (Stage stage : plan.stages()) {
            text.append('\n').append("stage ").append(stage.id() + 1).append(": ").append(describe(stage));
            if (!stage.dependsOn().isEmpty()) {
                text.append("  (after stage ").append(stage.dependsOn().stream().sorted().map(id -> Integer.toString(id + 1))
                        .collect(Collectors.joining(", "))).append(')');
            }
            text.append('\n');
            text.append("  nodes: ").append(String.join(", ", stage.nodes())).append('\n');
            if (stage.kind() == Stage.Kind.LOAD) {
                text.append("  loads ").append(stage.root().outputs().get(stage.output().port())).append('\n');
                continue;
            }
            if (stage.root().plan() instanceof NodePlan.ScriptPlan script) {
                text.append("  inputs as Arrow IPC files: ").append(stage.inputs().isEmpty() ? "none"
                        : stage.inputs().stream().map(RelationId::toString).collect(Collectors.joining(", "))).append('\n');
                text.append("  runs ").append(script.cells().size()).append(" cell(s), loads outputs ")
                        .append(String.join(", ", script.outputs())).append('\n');
                continue;
            }
            String sql = StageSql.query(stage, nodes, input -> "materialised " + Sql.identifier(input.name()));
            if (stage.kind() == Stage.Kind.SINK) {
                var sink = (NodePlan.SinkPlan) stage.root().plan();
                sql = "COPY (" + sql + ")\nTO " + Sql.literal(sink.target()) + " (" + sink.copyOptions() + ")";
            } else {
                sql = "CREATE TABLE " + Sql.identifier(stage.output().name()) + " AS\n" + sql;
            }
            sql.lines().forEach(line -> text.append("    ").append(line).append('\n'));
        }
        return text.toString();
    }

    private static String describe(Stage stage) {
        String what = switch (stage.kind()) {
            case QUERY -> "materialise " + stage.output();
            case SCRIPT -> "run " + stage.root().id() + " on kernel '" + ((NodePlan.ScriptPlan) stage.root().plan()).kernelId() + "'";
            case LOAD -> "load " + stage.output();
            case SINK -> "write " + stage.root().id() + " to " + ((NodePlan.SinkPlan) stage.root().plan()).target();
        };
        return what + (stage.cached() ? " [cached]" : "");
    }
}
