package io.flowfile.engine.plan;

import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.RelationId;
import java.util.List;
import java.util.Set;

/**
 * One statement the executor runs: it materialises one relation (or writes one output) and
 * computes on the way every relation fused into it.
 *
 * @param id        position in the plan
 * @param kind      what the statement does
 * @param root      the node whose result the stage produces
 * @param output    the relation the stage materialises, or null for a sink
 * @param fused     relations computed inside the statement, in dependency order (for a QUERY stage
 *                  the last one is {@code output})
 * @param inputs    materialised relations the statement reads
 * @param dependsOn ids of the stages that produce {@code inputs}
 * @param cached    whether the result is looked up in and written to the result cache
 * @param nodes     every node whose work happens in this stage, the root first, then upstream
 */
public record Stage(int id, Kind kind, PlannedNode root, RelationId output, List<RelationId> fused,
                    List<RelationId> inputs, Set<Integer> dependsOn, boolean cached, Set<String> nodes) {

    public enum Kind {
        /** {@code CREATE TABLE ... AS <fused query>} */
        QUERY,
        /** a table filled by a node's own loader (e.g. Excel) */
        LOAD,
        /** {@code COPY (<fused query>) TO file} */
        SINK,
        /** code on a kernel over materialised inputs; it materialises every output of its node */
        SCRIPT
    }

    public Stage {
        fused = List.copyOf(fused);
        inputs = List.copyOf(inputs);
        dependsOn = Set.copyOf(dependsOn);
        nodes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(nodes));
    }
}
