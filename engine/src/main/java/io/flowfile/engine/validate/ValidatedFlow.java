package io.flowfile.engine.validate;

import io.flowfile.engine.Problem;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.node.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of validating a flow: every problem found, and the nodes that validated, in
 * topological order (document order among independent nodes).
 *
 * @param document   the flow as written
 * @param baseDir    the directory relative paths resolve against
 * @param parameters parameter values in effect (defaults overridden by the caller's values)
 * @param nodes      the nodes that validated, in topological order
 * @param problems   every problem found; the flow runs only when there are none
 */
public record ValidatedFlow(FlowDocument document, Path baseDir, Map<String, String> parameters, List<PlannedNode> nodes,
                            List<Problem> problems) {

    public ValidatedFlow {
        parameters = Map.copyOf(parameters);
        nodes = List.copyOf(nodes);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public Optional<PlannedNode> node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    /** The predicted schema of a node's output port. */
    public Optional<Schema> schema(RelationId relation) {
        return node(relation.node()).map(node -> node.outputs().get(relation.port()));
    }
}
