package io.flowfile.catalog.flow;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.FlowDocument;
import io.flowfile.catalog.api.FlowRecord;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Sha256;
import io.flowfile.catalog.internal.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Registered flows and their immutable versions. Registering changed content makes the next version
 * (1, 2, 3, ...; concurrent registrations of one flow are served one at a time by a lock on the flow's
 * row); registering the latest version's content again makes none. A flow that has runs
 * cannot be deleted: delete its runs first ({@code RunService.deleteForFlow}).
 */
@ApplicationScoped
public class FlowService {

    /** Flow documents are settings, not data: 16 MiB is far more than any needs. */
    public static final int MAX_DOCUMENT_BYTES = 16 << 20;

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]{1,16}");

    private final FlowRepository flows;
    private final FlowVersionRepository versions;
    private final FlowRuns runs;

    public FlowService(FlowRepository flows, FlowVersionRepository versions, FlowRuns runs) {
        this.flows = flows;
        this.versions = versions;
        this.runs = runs;
    }

    /**
     * Registers {@code document} as the next version of flow {@code name}, creating the flow on its
     * first registration.
     *
     * @param description the flow's description; null keeps the current one
     * @param format      the document's format, e.g. {@code json} or {@code yaml}
     * @return the new version, or the latest one when its content equals {@code document}
     */
    public FlowVersionRecord register(String name, String description, byte[] document, String format) {
        return register(name, description, document, format, null);
    }

    /**
     * Registers {@code document} as {@link #register(String, String, byte[], String)} does, for
     * {@code registrant}, whom the version names. A flow belongs to the user who registered its first
     * version: only they or an admin add versions (FLOW_NOT_OWNED otherwise, checked under the flow's
     * lock), as another user's version would change what the owner's schedules run as the owner. A
     * flow whose first version names no user (registered from the command line) takes versions from
     * admins only. The latest version returned again for unchanged content keeps the user who
     * registered it first.
     *
     * @param registrant the registering user, or null for the operator (the command line): no check
     */
    public FlowVersionRecord register(String name, String description, byte[] document, String format, UserRecord registrant) {
        Checks.flowName(name);
        String createdBy = registrant == null ? null : registrant.username();
        if (createdBy != null) {
            Checks.username(createdBy, "user who registered flow '" + name + "'");
        }
        Checks.optionalText(description, "description of flow '" + name + "'", Checks.MAX_TEXT);
        Checks.notNull(document, "document of flow '" + name + "'");
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw Checks.invalid("document of flow '" + name + "' has " + document.length + " bytes; at most "
                    + MAX_DOCUMENT_BYTES + " are allowed");
        }
        String normalizedFormat = Checks.matching(format == null ? null : format.toLowerCase(Locale.ROOT), FORMAT,
                "format of flow '" + name + "'", "1-16 letters or digits such as 'json' or 'yaml'");
        String sha256 = Sha256.of(document);
        Instant now = Times.now();
        return Conflicts.withParent("flow '" + name + "'",
                () -> flows.persistAndFlush(new FlowEntity(name, description, now)),
                () -> flows.findForNextVersion(name)
                        .map(flow -> registerVersion(flow, description, document, normalizedFormat, sha256, registrant, now)));
    }

    private FlowVersionRecord registerVersion(FlowEntity flow, String description, byte[] document, String format, String sha256,
            UserRecord registrant, Instant now) {
        requireOwner(flow, registrant);
        String createdBy = registrant == null ? null : registrant.username();
        if (description != null) {
            flow.describe(description, now);
        }
        if (flow.lastVersion() > 0) {
            FlowVersionEntity latest = versions.find(flow.id(), flow.lastVersion()).orElseThrow(() -> missingLatest(flow));
            if (latest.contentSha256().equals(sha256)) {
                return latest.toRecord(flow.name());
            }
        }
        FlowVersionEntity created = new FlowVersionEntity(flow.id(), flow.nextVersion(now), sha256, format, document, createdBy, now);
        versions.persist(created);
        return created.toRecord(flow.name());
    }

    /** FLOW_NOT_OWNED unless the flow is new, or {@code registrant} is the operator, an admin or the flow's owner. */
    private void requireOwner(FlowEntity flow, UserRecord registrant) {
        if (registrant == null || registrant.role() == Role.ADMIN || flow.lastVersion() == 0) {
            return;
        }
        String owner = versions.first(flow.id()).orElseThrow(() -> missingLatest(flow)).toRecord(flow.name()).createdBy();
        if (!registrant.username().equals(owner)) {
            throw new CatalogException(CatalogErrorCode.FLOW_NOT_OWNED, "flow '" + flow.name() + "' is "
                    + (owner == null ? "registered from the command line" : owner + "'s")
                    + ": only " + (owner == null ? "" : "its owner or ") + "an admin can register its versions; register yours under another name");
        }
    }

    /** The flow and its latest version; FLOW_NOT_FOUND when no flow has that name. */
    @Transactional
    public FlowRecord get(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    @Transactional
    public Optional<FlowRecord> find(String name) {
        Checks.notNull(name, "flow name");
        return flows.findByName(name).map(this::toRecord);
    }

    /** The flow with this id and its latest version, if it exists (schedules name flows by id). */
    @Transactional
    public Optional<FlowRecord> find(UUID flowId) {
        Checks.notNull(flowId, "flow id");
        return flows.findByIdOptional(flowId).filter(flow -> flow.lastVersion() > 0).map(this::toRecord);
    }

    /** The name of the flow with this id, if it exists with a version (without reading the version). */
    @Transactional
    public Optional<String> name(UUID flowId) {
        Checks.notNull(flowId, "flow id");
        return flows.findByIdOptional(flowId).filter(flow -> flow.lastVersion() > 0).map(FlowEntity::name);
    }

    /** Every registered flow with its latest version, by name. */
    @Transactional
    public List<FlowRecord> list() {
        return flows.listWithLatest().stream().map(row -> toRecord(row.flow(), row.latest())).toList();
    }

    /** The flow's versions, oldest first. */
    @Transactional
    public List<FlowVersionRecord> versions(String name) {
        Checks.notNull(name, "flow name");
        FlowEntity flow = flows.findByName(name).orElseThrow(() -> notFound(name));
        return versions.listForFlow(flow.id()).stream().map(version -> version.toRecord(flow.name())).toList();
    }

    @Transactional
    public FlowVersionRecord version(String name, int version) {
        return versionEntity(name, version).toRecord(name);
    }

    /** A version by its own id (as runs name it). */
    @Transactional
    public FlowVersionRecord version(UUID flowVersionId) {
        return toRecord(versionEntity(flowVersionId));
    }

    /**
     * The version of flow {@code name} whose document is exactly {@code document} (the newest, should
     * an older content have been registered again), if the flow and such a version exist.
     */
    @Transactional
    public Optional<FlowVersionRecord> findVersion(String name, byte[] document) {
        Checks.flowName(name);
        Checks.notNull(document, "document of flow '" + name + "'");
        String sha256 = Sha256.of(document);
        return flows.findByName(name).flatMap(flow -> versions.findByContent(flow.id(), sha256).map(found -> found.toRecord(flow.name())));
    }

    /** Version {@code version} of the flow with id {@code flowId}, if both exist. */
    @Transactional
    public Optional<FlowVersionRecord> findVersion(UUID flowId, int version) {
        Checks.notNull(flowId, "flow id");
        return flows.findByIdOptional(flowId)
                .flatMap(flow -> versions.find(flowId, version).map(found -> found.toRecord(flow.name())));
    }

    /** The document of a version, exactly the bytes registered. */
    @Transactional
    public FlowDocument document(String name, int version) {
        FlowVersionEntity entity = versionEntity(name, version);
        return new FlowDocument(entity.toRecord(name), entity.document());
    }

    @Transactional
    public FlowDocument document(UUID flowVersionId) {
        FlowVersionEntity entity = versionEntity(flowVersionId);
        return new FlowDocument(toRecord(entity), entity.document());
    }

    /**
     * Deletes the flow and all its versions. Refused (FLOW_HAS_RUNS) while runs of the flow exist: run
     * history names exact versions, so it goes first and on purpose. Global artifacts published by the
     * flow stay; their lineage keeps the flow's name and version number.
     */
    @Transactional
    public void delete(String name) {
        Checks.notNull(name, "flow name");
        FlowEntity flow = Conflicts.locked("flow '" + name + "'", () -> flows.findByNameForUpdate(name)).orElseThrow(() -> notFound(name));
        long count = runs.countForFlow(flow.id());
        if (count > 0) {
            throw hasRuns(name, count + " run(s)", null);
        }
        Conflicts.withReferences(() -> {
            flows.delete(flow);
            flows.flush();
            return null;
        }, started -> hasRuns(name, "a run started just now", started));
    }

    private static CatalogException hasRuns(String name, String runs, Throwable cause) {
        return new CatalogException(CatalogErrorCode.FLOW_HAS_RUNS, "flow '" + name + "' has " + runs
                + " in its history: delete them first (RunService.deleteForFlow) to delete the flow", cause);
    }

    private FlowVersionEntity versionEntity(String name, int version) {
        Checks.notNull(name, "flow name");
        FlowEntity flow = flows.findByName(name).orElseThrow(() -> notFound(name));
        return versions.find(flow.id(), version).orElseThrow(() -> new CatalogException(CatalogErrorCode.FLOW_VERSION_NOT_FOUND,
                "flow '" + name + "' has no version " + version + "; its versions are 1 to " + flow.lastVersion()));
    }

    private FlowVersionEntity versionEntity(UUID flowVersionId) {
        Checks.notNull(flowVersionId, "flow version id");
        return versions.findByIdOptional(flowVersionId).orElseThrow(() -> new CatalogException(
                CatalogErrorCode.FLOW_VERSION_NOT_FOUND, "no registered flow version has id " + flowVersionId));
    }

    /** A version found by its own id, with its flow's name. */
    private FlowVersionRecord toRecord(FlowVersionEntity version) {
        return version.toRecord(flows.findById(version.flowId()).name());
    }

    private FlowRecord toRecord(FlowEntity flow) {
        return toRecord(flow, versions.find(flow.id(), flow.lastVersion()).orElseThrow(() -> missingLatest(flow)));
    }

    private static FlowRecord toRecord(FlowEntity flow, FlowVersionEntity latest) {
        return new FlowRecord(flow.id(), flow.name(), flow.description(), flow.createdAt(), flow.updatedAt(), latest.toRecord(flow.name()));
    }

    private static CatalogException notFound(String name) {
        return new CatalogException(CatalogErrorCode.FLOW_NOT_FOUND,
                "no flow named '" + name + "' is registered: register the flow in the catalog");
    }

    private static CatalogException missingLatest(FlowEntity flow) {
        return new CatalogException(CatalogErrorCode.INTERNAL,
                "flow '" + flow.name() + "' says its latest version is " + flow.lastVersion() + " but that version is missing");
    }
}
