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
 */
public record FlowNode(String id, String type, ObjectNode settings, Position position, String label, boolean cache) {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    public FlowNode {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
        settings = settings.deepCopy();
    }

    @Override
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    /** Canvas coordinates. */
    public record Position(double x, double y) {
    }
}
