package io.flowfile.engine.flow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One change to a flow document, as data. {@link FlowEdits#apply} applies a list of them; {@link
 * FlowEditCodec} reads and writes their JSON form. Each record checks its own arguments; whether
 * an edit fits the document (the node exists, the id is free, ...) is checked when it is applied.
 */
public sealed interface FlowEdit {

    /** Appends a node. Its id must match {@link FlowNode#ID} and be free. */
    record AddNode(FlowNode node) implements FlowEdit {
        public AddNode {
            requireNonNull(node, "node is null");
        }
    }

    /** Removes nodes and every edge from or to them. Every id must be in the flow. */
    record RemoveNodes(List<String> nodeIds) implements FlowEdit {
        public RemoveNodes {
            requireNonNull(nodeIds, "nodeIds is null");
            nodeIds.forEach(id -> requireNonNull(id, "nodeIds holds null"));
            nodeIds = List.copyOf(nodeIds);
        }
    }

    /**
     * Appends an edge. Both nodes must be in the flow and the same edge must not be there already;
     * ports and cycles are left to validation.
     */
    record Connect(Edge edge) implements FlowEdit {
        public Connect {
            requireNonNull(edge, "edge is null");
        }
    }

    /** Removes an edge (every copy of it) that must be in the flow. */
    record Disconnect(Edge edge) implements FlowEdit {
        public Disconnect {
            requireNonNull(edge, "edge is null");
        }
    }

    /** Replaces a node's settings. */
    record UpdateSettings(String nodeId, ObjectNode settings) implements FlowEdit {
        public UpdateSettings {
            requireNonNull(nodeId, "nodeId is null");
            requireNonNull(settings, "settings is null");
            settings = settings.deepCopy();
        }

        @Override
        public ObjectNode settings() {
            return settings.deepCopy();
        }
    }

    /** Moves a node on the canvas. */
    record Move(String nodeId, FlowNode.Position position) implements FlowEdit {
        public Move {
            requireNonNull(nodeId, "nodeId is null");
            requireNonNull(position, "position is null");
        }
    }

    /** Sets a node's label; null or blank clears it (and is kept as null). */
    record Relabel(String nodeId, String label) implements FlowEdit {
        public Relabel {
            requireNonNull(nodeId, "nodeId is null");
            label = label == null || label.isBlank() ? null : label;
        }
    }

    /** Turns keeping a node's result on or off. */
    record SetCache(String nodeId, boolean cache) implements FlowEdit {
        public SetCache {
            requireNonNull(nodeId, "nodeId is null");
        }
    }

    /** Builds a node of a custom type with another version of its type (the designer's upgrade); its settings stay. */
    record SetTypeVersion(String nodeId, int version) implements FlowEdit {
        public SetTypeVersion {
            requireNonNull(nodeId, "nodeId is null");
            if (version < 1) {
                throw new IllegalArgumentException("version must be 1 or more: " + version);
            }
        }
    }

    /** Replaces the flow's parameter defaults. Names match {@link FlowNode#ID}. */
    record SetParameters(Map<String, String> parameters) implements FlowEdit {
        public SetParameters {
            requireNonNull(parameters, "parameters is null");
            parameters.forEach((name, value) -> {
                requireNonNull(name, "parameters holds a null name");
                requireNonNull(value, "parameter '" + name + "' is null");
                if (!FlowNode.ID.matcher(name).matches()) {
                    throw new IllegalArgumentException("parameter name '" + name + "' may hold only letters, digits, '-' and '_'");
                }
            });
            parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        }
    }

    /** Renames the flow. */
    record Rename(String name) implements FlowEdit {
        public Rename {
            requireNonNull(name, "name is null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name is blank");
            }
        }
    }

    /** Replaces the flow's description; null means empty. */
    record Describe(String description) implements FlowEdit {
        public Describe {
            description = description == null ? "" : description;
        }
    }
}
