package io.flowfile.node;

/**
 * Capability of a node type whose ports depend on its settings (an SQL node with named inputs, a
 * Python Script node with named outputs).
 */
public interface DynamicPorts<S extends Record> {

    Ports ports(S settings);
}
