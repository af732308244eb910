package io.flowfile.engine.plan;

import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.node.NodePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The SQL of a stage: one CTE per input and per fused relation, then the stage's own query. */
public final class StageSql {

    private StageSql() {
    }

    /**
     * @param nodes  the flow's nodes by id
     * @param source for each materialised input, what to read it from (a table or a cached file)
     * @return a query: for a QUERY stage the rows of its output, for a SINK stage the rows to write
     */
    public static String query(Stage stage, Map<String, PlannedNode> nodes, Function<RelationId, String> source) {
        var ctes = new ArrayList<String>();
        for (RelationId input : stage.inputs()) {
            ctes.add(input.ref() + " AS (SELECT * FROM " + source.apply(input) + ")");
        }
        for (RelationId relation : stage.fused()) {
            ctes.add(relation.ref() + " AS (" + relationSql(nodes.get(relation.node()), relation) + ")");
        }
        String body = switch (stage.kind()) {
            case QUERY -> "SELECT * FROM " + stage.output().ref();
            case SINK -> ((NodePlan.SinkPlan) stage.root().plan()).query();
            case LOAD, SCRIPT -> throw new IllegalArgumentException("a " + stage.kind() + " stage has no query");
        };
        return with(ctes, body);
    }

    private static String relationSql(PlannedNode node, RelationId relation) {
        if (node.plan() instanceof NodePlan.QueryPlan query) {
            return query.outputs().get(relation.port()).sql();
        }
        throw new IllegalStateException("relation " + relation + " cannot be fused: node '" + node.id() + "' is not a query");
    }

    private static String with(List<String> ctes, String body) {
        if (ctes.isEmpty()) {
            return body;
        }
        return "WITH " + String.join(",\n     ", ctes) + "\n" + body;
    }
}
