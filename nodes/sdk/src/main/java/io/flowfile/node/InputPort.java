package io.flowfile.node;

import java.util.Objects;

/**
 * An input port.
 *
 * @param name  port name used by edges
 * @param arity how many edges may end at this port
 */
public record InputPort(String name, Arity arity) {

    public enum Arity {
        /** exactly one edge */
        ONE,
        /** zero or one edge */
        OPTIONAL,
        /** one or more edges, kept in document order */
        MANY
    }

    public InputPort {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(arity, "arity is null");
    }

    public static InputPort one(String name) {
        return new InputPort(name, Arity.ONE);
    }

    public static InputPort many(String name) {
        return new InputPort(name, Arity.MANY);
    }

    public static InputPort optional(String name) {
        return new InputPort(name, Arity.OPTIONAL);
    }
}
