package io.flowfile.catalog.api;

import io.flowfile.catalog.internal.Checks;

/**
 * A flow-scoped artifact as a kernel published it; its bytes stay with the kernel.
 *
 * @param flowName   the flow that published it (registered or not: artifacts of a flow being edited count too)
 * @param kernelId   the kernel that holds it (a kernel the catalog knows)
 * @param name       the artifact's name within the flow and kernel
 * @param nodeId     the node that published it
 * @param pythonType e.g. {@code sklearn.linear_model.LinearRegression}
 */
public record FlowArtifactSpec(
        String flowName, String kernelId, String name, String nodeId, String pythonType, ArtifactFormat format, long sizeBytes, String sha256) {

    public FlowArtifactSpec {
        Checks.flowName(flowName);
        Checks.kernelId(kernelId);
        Checks.artifactName(name);
        Checks.nodeId(nodeId, "node id of artifact '" + name + "'");
        Checks.text(pythonType, "python type of artifact '" + name + "'", 256);
        Checks.notNull(format, "format of artifact '" + name + "'");
        if (sizeBytes < 0) {
            throw Checks.invalid("size of artifact '" + name + "' must not be negative, was " + sizeBytes);
        }
        Checks.sha256(sha256, "sha256 of artifact '" + name + "'");
    }
}
