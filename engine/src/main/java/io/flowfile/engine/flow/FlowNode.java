package io.flowfile.engine.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A node in a flow document.
 *
 * @param id       unique within the flow: letters, digits, {@code -} and {@code _}
 * @param type     node type name
 * @param settings the node's settings as written (before parameter substitution)
 * @param position canvas position, or null
 * @param label    canvas label, or null
 * @param cache    whether the engine keeps this node's result (and reuses it across runs)
 * @param typeVersion the version of a custom node type the node was built with, or null (a built-in
 *                 type, or a custom type's newest published version)
 */
public record FlowNode(String id, String type, ObjectNode settings, Position position, String label, boolean cache,
                       Integer typeVersion) {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    public FlowNode {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
        settings = settings.deepCopy();
        if (typeVersion != null && typeVersion < 1) {
            throw new IllegalArgumentException("type_version must be 1 or more: " + typeVersion);
        }
    }

    /** A node of a built-in type (or of a custom type's newest version). */
    public FlowNode(String id, String type, ObjectNode settings, Position position, String label, boolean cache) {
        this(id, type, settings, position, label, cache, null);
    }

    public FlowNode withSettings(ObjectNode settings) {
        return new FlowNode(id, type, settings, position, label, cache, typeVersion);
    }

    public FlowNode withPosition(Position position) {
        return new FlowNode(id, type, settings, position, label, cache, typeVersion);
    }

    public FlowNode withLabel(String label) {
        return new FlowNode(id, type, settings, position, label, cache, typeVersion);
    }

    public FlowNode withCache(boolean cache) {
        return new FlowNode(id, type, settings, position, label, cache, typeVersion);
    }

    /** The node built with {@code version} of its (custom) type, settings kept. */
    public FlowNode withTypeVersion(Integer version) {
        return new FlowNode(id, type, settings, position, label, cache, version);
    }

    @Override
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    /** Canvas coordinates. */
    public record Position(double x, double y) {
    }
}
