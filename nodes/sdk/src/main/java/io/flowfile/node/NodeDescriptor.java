package io.flowfile.node;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the palette shows of a node type and the ports it has when its settings do not decide them
 * (see {@link DynamicPorts}).
 *
 * @param type        the stable name used in flow documents, e.g. {@code read_csv}
 * @param category    palette group
 * @param label       short human name, e.g. "Read CSV"
 * @param description one or two sentences for the palette and the node reference
 * @param ports       input and output ports
 */
public record NodeDescriptor(String type, NodeCategory category, String label, String description, Ports ports) {

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public NodeDescriptor {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(category, "category is null");
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(ports, "ports is null");
        if (!TYPE_NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("node type name must be lower snake case: " + type);
        }
    }

    /** A node with one input port {@code main} and one output port {@code main}. */
    public static NodeDescriptor transform(String type, NodeCategory category, String label, String description) {
        return new NodeDescriptor(type, category, label, description,
                new Ports(List.of(InputPort.one(Ports.MAIN)), List.of(Ports.MAIN)));
    }

    /** A node without inputs and with one output port {@code main}. */
    public static NodeDescriptor source(String type, String label, String description) {
        return new NodeDescriptor(type, NodeCategory.INPUT, label, description, new Ports(List.of(), List.of(Ports.MAIN)));
    }

    /** A node with one input port {@code main} and no output. */
    public static NodeDescriptor sink(String type, String label, String description) {
        return new NodeDescriptor(type, NodeCategory.OUTPUT, label, description,
                new Ports(List.of(InputPort.one(Ports.MAIN)), List.of()));
    }
}
