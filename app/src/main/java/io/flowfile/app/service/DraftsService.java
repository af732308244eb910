package io.flowfile.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.app.api.ApiError;
import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.Dtos.ColumnDto;
import io.flowfile.app.api.Dtos.DraftView;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.config.FileRoots;
import io.flowfile.app.security.Access;
import io.flowfile.catalog.StaleRevisionException;
import io.flowfile.catalog.api.DraftRecord;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.draft.DraftService;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.cache.Memo;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowEdit;
import io.flowfile.engine.flow.FlowEditCodec;
import io.flowfile.engine.flow.FlowEdits;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.validate.ValidatedFlow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Drafts: flow documents the server keeps while someone designs them. A draft changes only through
 * batches of edits based on its current revision; every answer carries the new revision, every
 * node's predicted columns and every problem, so the UI needs no second round trip.
 */
@ApplicationScoped
public class DraftsService {

    @Inject
    DraftService drafts;

    @Inject
    FlowService flows;

    @Inject
    FlowEngine engine;

    @Inject
    UserEngines engines;

    @Inject
    FileRoots roots;

    @Inject
    Access access;

    /** The application's mapper (java.time as ISO-8601, like every answer of the API). */
    @Inject
    ObjectMapper json;

    @Inject
    io.flowfile.engine.registry.NodeRegistry registry;

    private final FlowEditCodec editCodec = new FlowEditCodec();

    public List<DraftRecord> list(UserRecord user) {
        return drafts.list(access.ownerFilter(user));
    }

    /** The draft if {@code user} may see it; a 404 otherwise (also for another user's draft). */
    public DraftRecord get(UserRecord user, UUID id) {
        DraftRecord draft = drafts.find(id).orElseThrow(() -> ApiException.notFound("draft " + id));
        return access.check(user, draft.owner(), draft, "draft " + id);
    }

    public DraftRecord create(UserRecord user, FlowDocument document) {
        return drafts.create(user.username(), document.name(), toJson(pinned(document)));
    }

    /** Every node of a custom type without a version built with the newest published one (a flow never changes by itself). */
    private FlowDocument pinned(FlowDocument document) {
        var nodes = document.nodes().stream().map(node -> {
            List<Integer> published = node.typeVersion() == null ? registry.versions(node.type()) : List.of();
            return published.isEmpty() ? node : node.withTypeVersion(published.getLast());
        }).toList();
        return new FlowDocument(document.formatVersion(), document.name(), document.description(), document.parameters(), nodes,
                document.edges());
    }

    /** Reads a document sent as a JSON object, or as text in {@code format} (json or yaml). */
    public FlowDocument read(JsonNode document, String format) {
        if (document == null || document.isNull()) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'document' is missing");
        }
        if (document.isTextual()) {
            FlowFormat parsed = switch (format == null ? "yaml" : format.toLowerCase(java.util.Locale.ROOT)) {
                case "yaml", "yml" -> FlowFormat.YAML;
                case "json" -> FlowFormat.JSON;
                default -> throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "format must be json or yaml, was '" + format + "'");
            };
            return engine.flowCodec().read(document.textValue(), parsed);
        }
        if (!document.isObject()) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'document' must be a flow document (a JSON object) or its text");
        }
        return engine.flowCodec().read(document.toString(), FlowFormat.JSON);
    }

    /** The draft's document; each revision of a draft is one document, read from its text once. */
    public FlowDocument document(DraftRecord draft) {
        Parsed known = documents.get(draft.id());
        if (known != null && known.revision() == draft.revision()) {
            return known.document();
        }
        FlowDocument document = engine.flowCodec().read(draft.document(), FlowFormat.JSON);
        documents.put(draft.id(), new Parsed(draft.revision(), document, draft.document().length()));
        return document;
    }

    /** A draft's document at one revision (a revision's document never changes: a change makes the next revision). */
    private record Parsed(long revision, FlowDocument document, int jsonLength) {
    }

    /**
     * The newest document read of recently used drafts, one per draft (an edit is made on the current
     * revision only), weighed by their JSON's length (a document in memory takes about ten times it).
     */
    private final Memo<UUID, Parsed> documents = new Memo<>(64L << 20,
            (draft, parsed) -> 10L * parsed.jsonLength());

    /** Applies a batch of edits made on {@code revision}; a stale revision is a 409 carrying the current one. */
    public DraftRecord edit(UserRecord user, UUID id, long revision, JsonNode editsJson) {
        DraftRecord draft = get(user, id);
        List<FlowEdit> edits = editCodec.fromTree(editsJson).stream().map(this::withTypeVersion).toList();
        if (draft.revision() != revision) {
            throw new StaleRevisionException(id, revision, draft.revision());
        }
        FlowDocument edited = FlowEdits.apply(document(draft), edits);
        String json = toJson(edited);
        DraftRecord saved = drafts.save(id, revision, edited.name(), json);
        documents.put(id, new Parsed(saved.revision(), edited, json.length())); // what was saved, not read back
        return saved;
    }

    /** A node of a custom type added without a version is built with the newest published one, and keeps it. */
    private FlowEdit withTypeVersion(FlowEdit edit) {
        if (edit instanceof FlowEdit.AddNode add && add.node().typeVersion() == null) {
            List<Integer> versions = registry.versions(add.node().type());
            if (!versions.isEmpty()) {
                return new FlowEdit.AddNode(add.node().withTypeVersion(versions.getLast()));
            }
        }
        return edit;
    }

    public DraftRecord undo(UserRecord user, UUID id, long revision) {
        get(user, id);
        return drafts.undo(id, revision);
    }

    public DraftRecord redo(UserRecord user, UUID id, long revision) {
        get(user, id);
        return drafts.redo(id, revision);
    }

    public void delete(UserRecord user, UUID id) {
        get(user, id);
        drafts.delete(id);
    }

    /**
     * Registers the draft as the next immutable version of its flow (or the latest, when equal). Only
     * the flow's owner (who registered its first version) or an admin adds versions: a 403 otherwise.
     */
    public FlowVersionRecord register(UserRecord user, UUID id, String description) {
        FlowDocument document = pinned(document(get(user, id)));
        byte[] yaml = engine.flowCodec().write(document, FlowFormat.YAML).getBytes(StandardCharsets.UTF_8);
        return flows.register(document.name(), description == null ? document.description() : description, yaml, "yaml", user);
    }

    /** A version of a registered flow as its document. */
    public FlowDocument version(String flow, int version) {
        var stored = flows.document(flow, version);
        FlowFormat format = "json".equalsIgnoreCase(stored.version().format()) ? FlowFormat.JSON : FlowFormat.YAML;
        return engine.flowCodec().read(new String(stored.content(), StandardCharsets.UTF_8), format);
    }

    /** Validates the draft's document for {@code user}: every node's predicted columns and every problem. */
    public DraftView view(UserRecord user, DraftRecord draft) {
        FlowDocument document = document(draft);
        ValidatedFlow validated = validate(user.username(), document, Map.of());
        Map<String, Map<String, List<ColumnDto>>> schemas = new LinkedHashMap<>();
        validated.nodes().forEach(node -> {
            Map<String, List<ColumnDto>> ports = new LinkedHashMap<>();
            node.outputs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(port -> ports.put(port.getKey(), ColumnDto.of(port.getValue())));
            schemas.put(node.id(), ports);
        });
        return new DraftView(draft.id(), draft.name(), draft.owner(), draft.revision(), engine.flowCodec().toTree(document), schemas,
                ApiError.problems(validated.problems()), draft.canUndo(), draft.canRedo(), draft.created(), draft.updated(),
                draft.lastRun().map(this::parse).orElse(null));
    }

    /**
     * Validation as the server runs flows for {@code username}: relative paths resolve against the
     * first file root; code nodes reach the user's own kernels only (any other is missing).
     */
    public ValidatedFlow validate(String username, FlowDocument document, Map<String, String> parameters) {
        return engines.of(username).validate(document, roots.primary(), parameters);
    }

    public io.flowfile.engine.flow.FlowCodec engineCodec() {
        return engine.flowCodec();
    }

    public String toJson(FlowDocument document) {
        return engine.flowCodec().write(document, FlowFormat.JSON);
    }

    public void setLastRun(UUID draftId, Object summary) {
        try {
            drafts.setLastRun(draftId, json.writeValueAsString(summary));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a run summary: " + e.getMessage(), e);
        }
    }

    public Optional<DraftRecord> find(UUID id) {
        return drafts.find(id);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
