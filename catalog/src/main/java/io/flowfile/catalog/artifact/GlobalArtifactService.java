package io.flowfile.catalog.artifact;

import io.flowfile.catalog.CatalogConfig;
import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.FlowVersionRecord;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Global artifacts ({@code publish_global} / {@code get_global} / {@code list_global_artifacts} /
 * {@code delete_global_artifact}): every publish of a name makes its next version (1, 2, 3, ...;
 * concurrent publishers of one name are served one at a time by a lock on the name's row). Bytes go to
 * the blob store; a publish needs a registered flow version in its lineage. Deleting versions leaves
 * their blobs to {@link #sweepBlobs()}, which removes blobs no version names any more.
 */
@ApplicationScoped
public class GlobalArtifactService {

    private final GlobalArtifactRepository artifacts;
    private final GlobalArtifactVersionRepository versions;
    private final FlowService flows;
    private final RunService runs;
    private final BlobStore blobs;
    private final CatalogConfig config;

    public GlobalArtifactService(GlobalArtifactRepository artifacts, GlobalArtifactVersionRepository versions, FlowService flows,
            RunService runs, BlobStore blobs, CatalogConfig config) {
        this.artifacts = artifacts;
        this.versions = versions;
        this.flows = flows;
        this.runs = runs;
        this.blobs = blobs;
        this.config = config;
    }

    /** Stores the request's file as the next version of {@code name}. */
    @Transactional
    public GlobalArtifactRecord publish(String name, PublishRequest request) {
        Checks.artifactName(name);
        Checks.notNull(request, "publish request for global artifact '" + name + "'");
        Lineage lineage = request.lineage();
        FlowVersionRecord flow = registeredFlow(name, lineage);
        checkRun(name, lineage, flow);
        checkSize(name, request);
        String sha256 = blobs.put(request.blobFile(), request.sha256());

        Instant now = Times.now();
        GlobalArtifactEntity artifact = Conflicts.findOrCreate(
                () -> artifacts.findByNameForUpdate(name),
                () -> artifacts.persistAndFlush(new GlobalArtifactEntity(name, now)),
                "global artifact '" + name + "'");
        GlobalArtifactVersionEntity version = new GlobalArtifactVersionEntity(
                artifact.id(), artifact.nextVersion(now), request, sha256, flow, lineage, now);
        versions.persist(version);
        return version.toRecord(name);
    }

    /**
     * A version of {@code name} (the latest when {@code version} is empty) and the path of its blob.
     */
    @Transactional
    public StoredGlobalArtifact get(String name, Optional<Integer> version) {
        GlobalArtifactEntity artifact = artifact(name);
        GlobalArtifactVersionEntity found = version.isPresent()
                ? versions.find(artifact.id(), version.get()).orElseThrow(() -> noVersion(artifact, version.get()))
                : versions.latest(artifact.id()).orElseThrow(() -> notFound(name));
        return new StoredGlobalArtifact(found.toRecord(name), blobs.require(found.sha256()));
    }

    /**
     * The latest version of every global artifact whose latest version carries all {@code tags} (every
     * artifact when there are none), by name. Older versions are not considered: {@link #versions}
     * lists them.
     */
    @Transactional
    public List<GlobalArtifactRecord> list(Set<String> tags) {
        List<String> wanted = List.copyOf(new TreeSet<>(tags == null ? Set.of() : tags));
        return versions.latestCarrying(wanted).stream()
                .map(row -> ((GlobalArtifactVersionEntity) row[0]).toRecord((String) row[1]))
                .toList();
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
        GlobalArtifactEntity artifact = artifacts.findByNameForUpdate(name).orElseThrow(() -> notFound(name));
        if (version.isPresent()) {
            GlobalArtifactVersionEntity found = versions.find(artifact.id(), version.get()).orElseThrow(() -> noVersion(artifact, version.get()));
            versions.delete(found);
            versions.flush();
            if (versions.countForArtifact(artifact.id()) == 0) {
                artifacts.delete(artifact);
            }
            return 1;
        }
        List<GlobalArtifactVersionEntity> all = versions.listForArtifact(artifact.id());
        all.forEach(versions::delete);
        artifacts.delete(artifact);
        return all.size();
    }

    /** Deletes the blobs no version names that are older than the configured grace period. */
    @Transactional
    public int sweepBlobs() {
        return sweepBlobs(config.blobGracePeriod());
    }

    /**
     * Deletes the blobs that no global artifact version names and that were stored (or stored again)
     * at least {@code minimumAge} ago, and temporary files of interrupted writes as old.
     *
     * @return how many blobs were deleted
     */
    @Transactional
    public int sweepBlobs(Duration minimumAge) {
        Set<String> referenced = new HashSet<>(versions.referencedSha256s());
        Instant before = Instant.now().minus(minimumAge);
        int deleted = 0;
        for (BlobStore.Entry blob : blobs.list()) {
            if (!referenced.contains(blob.sha256()) && !blob.lastModified().isAfter(before) && blobs.delete(blob.sha256())) {
                deleted++;
            }
        }
        blobs.deleteTemporaryFiles(minimumAge);
        return deleted;
    }

    private FlowVersionRecord registeredFlow(String name, Lineage lineage) {
        if (lineage == null || lineage.flowId() == null) {
            throw new CatalogException(CatalogErrorCode.UNREGISTERED_FLOW, "publishing global artifact '" + name
                    + "' needs a registered flow: register the flow (flowfile register FLOW) and run it from the catalog");
        }
        return flows.findVersion(lineage.flowId(), lineage.flowVersion()).orElseThrow(() -> new CatalogException(
                CatalogErrorCode.UNREGISTERED_FLOW, "publishing global artifact '" + name + "' needs a registered flow, but flow "
                        + lineage.flowId() + " version " + lineage.flowVersion() + " is not registered: register the flow"
                        + " (flowfile register FLOW) and run it from the catalog"));
    }

    private void checkRun(String name, Lineage lineage, FlowVersionRecord flow) {
        if (lineage.runId() == null) {
            return;
        }
        RunRecord run;
        try {
            run = runs.get(lineage.runId());
        } catch (CatalogException e) {
            throw new CatalogException(CatalogErrorCode.LINEAGE_MISMATCH,
                    "global artifact '" + name + "' names run " + lineage.runId() + " in its lineage, which does not exist", e);
        }
        if (!run.flowVersionId().equals(flow.id())) {
            throw new CatalogException(CatalogErrorCode.LINEAGE_MISMATCH, "global artifact '" + name + "' names run " + run.id()
                    + " and flow '" + flow.name() + "' version " + flow.version() + " in its lineage, but that run ran version "
                    + run.flowVersion() + " of " + (run.flowId().equals(flow.flowId()) ? "that flow" : "another flow"));
        }
    }

    private static void checkSize(String name, PublishRequest request) {
        Path file = request.blobFile();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw Checks.invalid("the file of global artifact '" + name + "' cannot be read: " + file + " (" + e + ")");
        }
        if (size != request.sizeBytes()) {
            throw new CatalogException(CatalogErrorCode.CHECKSUM_MISMATCH, "the file of global artifact '" + name + "' has " + size
                    + " bytes, but the publisher said " + request.sizeBytes() + ": " + file);
        }
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
