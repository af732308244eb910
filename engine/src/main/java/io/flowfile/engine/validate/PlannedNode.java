package io.flowfile.engine.validate;

import io.flowfile.engine.flow.FlowNode;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import java.util.List;
import java.util.Map;

/**
 * A node that validated: its bound settings, its plan and the schema of each output.
 *
 * @param node              the node as written in the document
 * @param type              its node type
 * @param settings          the bound settings record (parameters substituted)
 * @param canonicalSettings the settings as canonical JSON text, part of the cache key
 * @param ports             its ports
 * @param inputs            for each input port, the relations connected to it, in document order
 * @param plan              what it compiles to
 * @param outputs           the schema of each output port
 */
public record PlannedNode(FlowNode node, NodeType<?> type, Record settings, String canonicalSettings, Ports ports,
                          Map<String, List<RelationId>> inputs, NodePlan plan, Map<String, Schema> outputs) {

    public PlannedNode {
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }

    public String id() {
        return node.id();
    }

    /** Every relation this node reads, over all its input ports. */
    public List<RelationId> upstream() {
        return ports.inputs().stream()
                .flatMap(port -> inputs.getOrDefault(port.name(), List.of()).stream())
                .toList();
    }
}
