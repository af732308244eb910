package io.flowfile.catalog.artifact;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.FlowArtifactRecord;
import io.flowfile.catalog.api.FlowArtifactSpec;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import io.flowfile.catalog.kernel.KernelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Metadata of flow-scoped artifacts ({@code publish_artifact} in a kernel): one record per flow, kernel
 * and name, replaced when the name is published again. The bytes stay with the kernel, which restores
 * them after a restart by its recovery mode.
 */
@ApplicationScoped
public class FlowArtifactService {

    private final FlowArtifactRepository artifacts;
    private final KernelCatalog kernels;

    public FlowArtifactService(FlowArtifactRepository artifacts, KernelCatalog kernels) {
        this.artifacts = artifacts;
        this.kernels = kernels;
    }

    /**
     * Records a publish; replaces the record of the same flow, kernel and name. Concurrent first
     * records of one name end with one record (the last one wins).
     */
    public FlowArtifactRecord record(FlowArtifactSpec spec) {
        Checks.notNull(spec, "artifact");
        String what = "artifact '" + spec.name() + "' of flow '" + spec.flowName() + "' on kernel '" + spec.kernelId() + "'";
        return Conflicts.withReferences(() -> Conflicts.upsert(what, () -> {
            if (kernels.find(spec.kernelId()).isEmpty()) {
                throw unknownKernel(spec, null);
            }
            Optional<FlowArtifactEntity> existing = artifacts.find(spec.flowName(), spec.kernelId(), spec.name());
            if (existing.isPresent()) {
                existing.get().replace(spec, Times.now());
                return existing.get().toRecord();
            }
            FlowArtifactEntity created = new FlowArtifactEntity(spec, Times.now());
            artifacts.persistAndFlush(created);
            return created.toRecord();
        }), deleted -> unknownKernel(spec, deleted));
    }

    private static CatalogException unknownKernel(FlowArtifactSpec spec, Throwable cause) {
        return new CatalogException(CatalogErrorCode.KERNEL_NOT_FOUND, "artifact '" + spec.name() + "' of flow '" + spec.flowName()
                + "' names kernel '" + spec.kernelId() + "', which is not defined in the catalog", cause);
    }

    /** ARTIFACT_NOT_FOUND when the flow's kernel holds no artifact of that name. */
    @Transactional
    public FlowArtifactRecord get(String flowName, String kernelId, String name) {
        checkKey(flowName, kernelId, name);
        return artifacts.find(flowName, kernelId, name).map(FlowArtifactEntity::toRecord).orElseThrow(() -> notFound(flowName, kernelId, name));
    }

    /** The flow's artifacts on every kernel, by kernel and name. */
    @Transactional
    public List<FlowArtifactRecord> list(String flowName) {
        Checks.flowName(flowName);
        return artifacts.listForFlow(flowName).stream().map(FlowArtifactEntity::toRecord).toList();
    }

    /** The flow's artifacts on one kernel, by name. */
    @Transactional
    public List<FlowArtifactRecord> list(String flowName, String kernelId) {
        Checks.flowName(flowName);
        Checks.kernelId(kernelId);
        return artifacts.listForFlow(flowName, kernelId).stream().map(FlowArtifactEntity::toRecord).toList();
    }

    /** Every flow's artifacts on one kernel, by flow and name. */
    @Transactional
    public List<FlowArtifactRecord> listOnKernel(String kernelId) {
        Checks.kernelId(kernelId);
        return artifacts.listOnKernel(kernelId).stream().map(FlowArtifactEntity::toRecord).toList();
    }

    @Transactional
    public void delete(String flowName, String kernelId, String name) {
        checkKey(flowName, kernelId, name);
        FlowArtifactEntity artifact = artifacts.find(flowName, kernelId, name).orElseThrow(() -> notFound(flowName, kernelId, name));
        artifacts.delete(artifact);
    }

    /** Deletes the flow's artifact records on every kernel; returns how many there were. */
    @Transactional
    public int deleteAll(String flowName) {
        Checks.flowName(flowName);
        return (int) artifacts.deleteForFlow(flowName);
    }

    /** Deletes the flow's artifact records on one kernel (the flow's artifacts cleared there). */
    @Transactional
    public int deleteAll(String flowName, String kernelId) {
        Checks.flowName(flowName);
        Checks.kernelId(kernelId);
        return (int) artifacts.deleteForFlow(flowName, kernelId);
    }

    /** Deletes the artifact records of every flow on one kernel (the kernel started in CLEAR recovery mode). */
    @Transactional
    public int deleteAllOnKernel(String kernelId) {
        Checks.kernelId(kernelId);
        return (int) artifacts.deleteOnKernel(kernelId);
    }

    private static void checkKey(String flowName, String kernelId, String name) {
        Checks.notNull(flowName, "flow name");
        Checks.notNull(kernelId, "kernel id");
        Checks.notNull(name, "artifact name");
    }

    private static CatalogException notFound(String flowName, String kernelId, String name) {
        return new CatalogException(CatalogErrorCode.ARTIFACT_NOT_FOUND,
                "flow '" + flowName + "' has no artifact named '" + name + "' on kernel '" + kernelId + "'");
    }
}
