package io.flowfile.engine.flow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A flow as a document: what is saved to disk, sent by the UI and versioned in the catalog.
 *
 * @param formatVersion document format version ({@link #FORMAT_VERSION})
 * @param name          flow name
 * @param description   free text, may be empty
 * @param parameters    parameter defaults; settings refer to them as {@code ${name}}
 * @param nodes         nodes in document order
 * @param edges         edges in document order (the order of edges into a MANY port matters)
 */
public record FlowDocument(int formatVersion, String name, String description, Map<String, String> parameters,
                           List<FlowNode> nodes, List<Edge> edges) {

    public static final int FORMAT_VERSION = 1;

    public FlowDocument {
        Objects.requireNonNull(name, "name is null");
        description = description == null ? "" : description;
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public Optional<FlowNode> node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }
}
