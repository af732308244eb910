package io.flowfile.engine.registry;

import io.flowfile.node.NodeType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The node types an engine knows, by type name. Built from an explicit list, never by naming convention. */
public final class NodeRegistry {

    private final Map<String, NodeType<?>> types;

    private NodeRegistry(Collection<? extends NodeType<?>> types) {
        var byName = new TreeMap<String, NodeType<?>>();
        for (NodeType<?> type : types) {
            String name = type.descriptor().type();
            NodeType<?> previous = byName.put(name, type);
            if (previous != null) {
                throw new IllegalArgumentException("node type '" + name + "' is registered twice: by "
                        + previous.getClass().getName() + " and " + type.getClass().getName());
            }
        }
        this.types = java.util.Collections.unmodifiableMap(byName);
    }

    public static NodeRegistry of(Collection<? extends NodeType<?>> types) {
        return new NodeRegistry(types);
    }

    /** The node types listed in {@code META-INF/services/io.flowfile.node.NodeType} on the class path. */
    @SuppressWarnings("rawtypes")
    public static NodeRegistry load(ClassLoader classLoader) {
        var found = new java.util.ArrayList<NodeType<?>>();
        for (NodeType type : ServiceLoader.load(NodeType.class, classLoader)) {
            found.add(type);
        }
        return new NodeRegistry(found);
    }

    public Optional<NodeType<?>> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /** All node types, sorted by name. */
    public List<NodeType<?>> types() {
        return List.copyOf(types.values());
    }

    public List<String> names() {
        return List.copyOf(types.keySet());
    }
}
