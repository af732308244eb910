package io.flowfile.engine.validate;

import io.flowfile.engine.flow.PortRef;
import io.flowfile.node.Ports;
import io.flowfile.node.Sql;

/** One output port of one node: the unit the planner fuses or materialises. */
public record RelationId(String node, String port) {

    public static RelationId of(PortRef ref) {
        return new RelationId(ref.node(), ref.port());
    }

    /** The quoted SQL name under which this relation is visible to its consumers' queries. */
    public String ref() {
        return Sql.identifier(name());
    }

    /** {@code node} for the main port, {@code node.port} otherwise. */
    public String name() {
        return port.equals(Ports.MAIN) ? node : node + "." + port;
    }

    @Override
    public String toString() {
        return name();
    }
}
