package io.flowfile.catalog.api;

import io.flowfile.catalog.internal.Checks;
import java.util.UUID;

/**
 * Where a global artifact came from. Publishing needs a registered flow version; the run, node and
 * kernel are recorded when known.
 *
 * @param flowId      the registered flow; null in a record once that flow was deleted
 * @param flowVersion its version number
 * @param runId       the run that published it, or null
 * @param nodeId      the node that published it, or null
 * @param kernelId    the kernel it ran on, or null
 */
public record Lineage(UUID flowId, int flowVersion, UUID runId, String nodeId, String kernelId) {

    public Lineage {
        if (nodeId != null) {
            Checks.nodeId(nodeId, "lineage node id");
        }
        if (kernelId != null) {
            Checks.kernelId(kernelId);
        }
    }
}
