package io.flowfile.catalog.artifact;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.GlobalArtifactRead;
import io.flowfile.catalog.api.GlobalArtifactRecord;
import io.flowfile.catalog.api.Lineage;
import io.flowfile.catalog.api.PublishRequest;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.StoredGlobalArtifact;
import io.flowfile.catalog.blob.BlobStore;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import io.flowfile.catalog.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;

/**
 * Global artifacts ({@code publish_global} / {@code get_global} / {@code list_global_artifacts} /
 * {@code delete_global_artifact}): every publish of a name makes its next version (1, 2, 3, ...;
 * concurrent publishers of one name are served one at a time by a lock on the name's row). Bytes go to
 * the blob store, before and outside the transaction that records the version; a publish needs a
 * registered flow version in its lineage. Deleting versions leaves their blobs to
 * the {@link io.flowfile.catalog.blob.BlobSweeper}.
 */
@ApplicationScoped
public class GlobalArtifactService {

    private final GlobalArtifactRepository artifacts;
    private final GlobalArtifactVersionRepository versions;
    private final FlowService flows;
    private final RunService runs;
    private final BlobStore blobs;
    private final GlobalArtifactReadRepository reads;

    public GlobalArtifactService(GlobalArtifactRepository artifacts, GlobalArtifactVersionRepository versions, FlowService flows,
            RunService runs, BlobStore blobs, GlobalArtifactReadRepository reads) {
        this.artifacts = artifacts;
        this.versions = versions;
        this.reads = reads;
        this.flows = flows;
        this.runs = runs;
        this.blobs = blobs;
    }

    /**
     * Stores the request's file as the next version of {@code name}. The file is copied into the blob
     * store first, outside any transaction (it may be large); then one transaction checks the lineage,
     * locks the name's row and records the version. A refused publish leaves its blob to the sweep.
     */
    public GlobalArtifactRecord publish(String name, PublishRequest request) {
        Checks.artifactName(name);
        Checks.notNull(request, "publish request for global artifact '" + name + "'");
        Lineage lineage = request.lineage();
        BlobStore.Entry blob = blobs.put(request.blobFile(), request.sha256(), request.sizeBytes());
        Instant now = Times.now();
        return Conflicts.withReferences(() -> Conflicts.withParent("global artifact '" + name + "'",
                () -> artifacts.persistAndFlush(new GlobalArtifactEntity(name, now)),
                () -> {
                    FlowVersionRecord flow = registeredFlow(name, lineage);
                    checkRun(name, lineage, flow);
                    return artifacts.findForNextVersion(name).map(artifact -> {
                        GlobalArtifactVersionEntity version = new GlobalArtifactVersionEntity(
                                artifact.id(), artifact.nextVersion(now), request, blob.sha256(), flow, lineage, now);
                        versions.persistAndFlush(version);
                        return version.toRecord(name);
                    });
                }), deleted -> lineageDeleted(name, lineage, deleted));
    }

    /**
     * A version of {@code name} (the latest when {@code version} is empty) and the path of its blob,
     * read through and checked against its SHA-256 (outside the transaction) before it is handed out:
     * CHECKSUM_MISMATCH when the blob is damaged, BLOB_NOT_FOUND when it is gone.
     */
    public StoredGlobalArtifact get(String name, Optional<Integer> version) {
        Checks.notNull(version, "version of global artifact '" + name + "'");
        GlobalArtifactRecord found = Conflicts.inTransaction("global artifact '" + name + "'", () -> {
            GlobalArtifactEntity artifact = artifact(name);
            GlobalArtifactVersionEntity entity = version.isPresent()
                    ? versions.find(artifact.id(), version.get()).orElseThrow(() -> noVersion(artifact, version.get()))
                    : versions.latest(artifact.id()).orElseThrow(() -> notFound(name));
            return entity.toRecord(name);
        });
        return new StoredGlobalArtifact(found, blobs.verified(found.sha256()));
    }

    /**
     * Records that a node read a version (its count goes up, its time is now). Concurrent first reads
     * of one version by one node end in one row.
     *
     * @param flowScope the engine's identity of the reading flow on its kernel
     */
    public void recordRead(UUID versionId, String flowScope, String nodeId, String kernelId) {
        Checks.notNull(versionId, "version id of a read");
        Checks.text(flowScope, "flow scope of a read", 128);
        Checks.nodeId(nodeId, "node id of a read");
        Checks.kernelId(kernelId);
        Conflicts.withReferences(() -> Conflicts.upsert("the read of global artifact version " + versionId + " by node '" + nodeId + "'", () -> {
            if (reads.readAgain(versionId, flowScope, nodeId, kernelId, Times.now()) == 0) {
                if (versions.findByIdOptional(versionId).isEmpty()) {
                    throw versionNotFound(versionId, null);
                }
                reads.persistAndFlush(new GlobalArtifactReadEntity(versionId, flowScope, nodeId, kernelId, Times.now()));
            }
            return null;
        }), deleted -> versionNotFound(versionId, deleted));
    }

    /**
     * The versions a node read on a kernel (by name and version), with how often and when last. The
     * kernel tells users apart: two users' drafts of the same name have the same flow scope.
     */
    @Transactional
    public List<GlobalArtifactRead> readBy(String flowScope, String nodeId, String kernelId) {
        Checks.notNull(flowScope, "flow scope");
        Checks.notNull(nodeId, "node id");
        Checks.notNull(kernelId, "kernel id");
        return reads.ofNode(flowScope, nodeId, kernelId).stream().map(row -> {
            GlobalArtifactReadEntity read = (GlobalArtifactReadEntity) row[0];
            GlobalArtifactVersionEntity version = (GlobalArtifactVersionEntity) row[1];
            return new GlobalArtifactRead(version.toRecord((String) row[2]), read.flowScope(), read.nodeId(), read.kernelId(),
                    read.count(), read.lastReadAt());
        }).toList();
    }

    /** The versions that node {@code nodeId} of flow {@code flowName} published, by name and version. */
    @Transactional
    public List<GlobalArtifactRecord> publishedBy(String flowName, String nodeId) {
        Checks.notNull(flowName, "flow name");
        Checks.notNull(nodeId, "node id");
        return versions.publishedBy(flowName, nodeId).stream().map(row -> row.version().toRecord(row.name())).toList();
    }

    /**
     * The latest version of every global artifact whose latest version carries all {@code tags} (every
     * artifact when there are none), by name. Older versions are not considered: {@link #versions}
     * lists them.
     */
    @Transactional
    public List<GlobalArtifactRecord> list(Set<String> tags) {
        List<String> wanted = List.copyOf(new TreeSet<>(tags == null ? Set.of() : tags));
        return versions.latestCarrying(wanted).stream().map(row -> row.version().toRecord(row.name())).toList();
    }

    /** Every version of {@code name}, oldest first. */
    @Transactional
    public List<GlobalArtifactRecord> versions(String name) {
        GlobalArtifactEntity artifact = artifact(name);
        return versions.listForArtifact(artifact.id()).stream().map(version -> version.toRecord(name)).toList();
    }

    /**
     * Deletes one version of {@code name}, or all of them when {@code version} is empty. Version numbers
     * are not handed out again while the name has versions; once it has none the name is gone and the
     * next publish starts at 1. The blobs go at the next sweep.
     *
     * @return how many versions were deleted
     */
    @Transactional
    public int delete(String name, Optional<Integer> version) {
        Checks.artifactName(name);
        Checks.notNull(version, "version of global artifact '" + name + "'");
        GlobalArtifactEntity artifact = Conflicts.locked("global artifact '" + name + "'", () -> artifacts.findByNameForUpdate(name))
                .orElseThrow(() -> notFound(name));
        long count = versions.countForArtifact(artifact.id());
        if (version.isPresent()) {
            GlobalArtifactVersionEntity found = versions.find(artifact.id(), version.get()).orElseThrow(() -> noVersion(artifact, version.get()));
            if (count > 1) {
                versions.delete(found);
                return 1;
            }
        }
        artifacts.delete(artifact); // its versions and their tags go with it (ON DELETE CASCADE)
        return (int) count;
    }

    private FlowVersionRecord registeredFlow(String name, Lineage lineage) {
        if (lineage == null || lineage.flowId() == null) {
            throw new CatalogException(CatalogErrorCode.UNREGISTERED_FLOW, "publishing global artifact '" + name
                    + "' needs a registered flow: register the flow in the catalog and run it from there");
        }
        return flows.findVersion(lineage.flowId(), lineage.flowVersion()).orElseThrow(() -> new CatalogException(
                CatalogErrorCode.UNREGISTERED_FLOW, "publishing global artifact '" + name + "' needs a registered flow, but flow "
                        + lineage.flowId() + " version " + lineage.flowVersion() + " is not registered: register the flow in the"
                        + " catalog and run it from there"));
    }

    private void checkRun(String name, Lineage lineage, FlowVersionRecord flow) {
        if (lineage.runId() == null) {
            return;
        }
        RunRecord run = runs.find(lineage.runId()).orElseThrow(() -> new CatalogException(CatalogErrorCode.LINEAGE_MISMATCH,
                "global artifact '" + name + "' names run " + lineage.runId() + " in its lineage, which does not exist"));
        if (!run.flowVersionId().equals(flow.id())) {
            throw new CatalogException(CatalogErrorCode.LINEAGE_MISMATCH, "global artifact '" + name + "' names run " + run.id()
                    + " and flow '" + flow.name() + "' version " + flow.version() + " in its lineage, but that run ran version "
                    + run.flowVersion() + " of " + (run.flowId().equals(flow.flowId()) ? "that flow" : "another flow"));
        }
    }

    /**
     * The lineage's run (or, without one, its flow version) was deleted after the checks: a flow with
     * runs cannot be deleted, so with a run in the lineage it is the run that went first.
     */
    private static CatalogException lineageDeleted(String name, Lineage lineage, Throwable cause) {
        if (lineage.runId() != null) {
            return new CatalogException(CatalogErrorCode.LINEAGE_MISMATCH, "global artifact '" + name + "' names run " + lineage.runId()
                    + " in its lineage, which was deleted while the version was being recorded", cause);
        }
        return new CatalogException(CatalogErrorCode.UNREGISTERED_FLOW, "publishing global artifact '" + name + "' needs a registered flow,"
                + " but flow " + lineage.flowId() + " version " + lineage.flowVersion() + " was deleted while the version was being recorded",
                cause);
    }

    private static CatalogException versionNotFound(UUID versionId, Throwable cause) {
        return new CatalogException(CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND, "global artifact version " + versionId + " does not exist", cause);
    }

    private GlobalArtifactEntity artifact(String name) {
        Checks.artifactName(name);
        return artifacts.findByName(name).orElseThrow(() -> notFound(name));
    }

    private CatalogException noVersion(GlobalArtifactEntity artifact, int version) {
        List<Integer> existing = versions.listForArtifact(artifact.id()).stream().map(GlobalArtifactVersionEntity::version).toList();
        return new CatalogException(CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND,
                "global artifact '" + artifact.name() + "' has no version " + version + "; its versions are " + existing);
    }

    private static CatalogException notFound(String name) {
        return new CatalogException(CatalogErrorCode.GLOBAL_ARTIFACT_NOT_FOUND, "no global artifact is named '" + name + "'");
    }
}
