package io.flowfile.app.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.ArtifactFormat;
import io.flowfile.catalog.api.FlowArtifactSpec;
import io.flowfile.catalog.api.GlobalArtifactRecord;
import io.flowfile.catalog.api.Lineage;
import io.flowfile.catalog.api.PublishRequest;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.StoredGlobalArtifact;
import io.flowfile.node.AreaFiles;
import io.flowfile.node.KernelGateway.ScriptCall;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Answers what a running cell asks the engine over the {@code flowfile.engine} comm: the global
 * artifacts of the catalog ({@code publish_global}, {@code get_global}, {@code list_global},
 * {@code delete_global}), and the secrets of the kernel's owner ({@code get_secret}); and records what it tells: flow-scoped artifacts published or deleted
 * ({@code artifact_published}, {@code artifact_deleted} events, kept as the catalog's metadata of
 * the artifacts the kernel holds). The answer is a JSON file, {@code <exchange>/replies/<request_id>.json},
 * written under a temporary name and renamed, because a kernel busy running the cell reads no
 * shell messages. Every field of a request is checked: a forged or malformed request gets an
 * answer saying what is wrong, and a file it names outside the node's exchange directory is refused.
 * {@code delete_global} is an admin's, as {@code DELETE /api/artifacts} is: code acting for a user of
 * the server deletes only on a kernel of an admin's.
 */
public final class EngineRequests {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EngineRequests.class);

    /** The {@code protocol} field of the kernel package's messages. */
    public static final String PROTOCOL = "flowfile.engine";
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** Where answered artifacts are placed for the kernel, beside (not in) the kernel's own staging directory. */
    private static final String FROM_ENGINE = "from-engine";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Revealed values shorter than this are not masked in output (a mask of every "a" would say more than it hides). */
    private static final int MASKED_LENGTH = 4;
    private static final String MASK = "**********";

    private final Optional<Catalog> catalog;
    private final ScriptCall call;
    private final AreaFiles exchange;
    private final Optional<String> kernelOwner;
    private final Set<String> revealed;
    private final Acting acting;

    /** Whom the code's requests act for. */
    public enum Acting {
        /** The command line's user, who holds the data directory and its catalog: every global artifact is theirs to delete. */
        COMMAND_LINE,
        /** A user of the server, the kernel's owner: they delete global artifacts only as an admin (as the REST API lets them). */
        SERVER_USER
    }

    /** Requests of the node of {@code call}, in its exchange area ({@code call.area().files()}). */
    public EngineRequests(Optional<Catalog> catalog, ScriptCall call) {
        this(catalog, call, Optional.empty(), ConcurrentHashMap.newKeySet());
    }

    /**
     * @param kernelOwner the user the kernel belongs to: whose secrets its code may ask for (none when empty)
     * @param revealed    the secret values the kernel's code was given so far (by this call and earlier ones: a
     *                    flow's variables outlive a cell), masked in what it prints; this call adds to it
     */
    public EngineRequests(Optional<Catalog> catalog, ScriptCall call, Optional<String> kernelOwner, Set<String> revealed) {
        this(catalog, call, kernelOwner, revealed, Acting.SERVER_USER);
    }

    /** @param acting whom the requests act for: what they may change in the catalog */
    public EngineRequests(Optional<Catalog> catalog, ScriptCall call, Optional<String> kernelOwner, Set<String> revealed, Acting acting) {
        this.acting = java.util.Objects.requireNonNull(acting, "acting is null");
        this.catalog = catalog;
        this.call = call;
        this.exchange = call.area().files();
        this.kernelOwner = kernelOwner;
        this.revealed = revealed;
    }

    /**
     * {@code text} with the values of the secrets this node asked for replaced by a mask: what the
     * node prints and the traceback it raises are shown in logs and to other readers of the run.
     * Best effort: a value split across two outputs is not found.
     */
    public String mask(String text) {
        if (text == null || revealed.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String value : revealed) {
            masked = masked.replace(value, MASK);
        }
        return masked;
    }

    /** A display's MIME bundle with its texts masked ({@link #mask}); other values as they are. */
    public Map<String, Object> mask(Map<String, Object> bundle) {
        if (bundle == null || revealed.isEmpty()) {
            return bundle;
        }
        var masked = new LinkedHashMap<String, Object>();
        bundle.forEach((type, value) -> masked.put(type, value instanceof String text ? mask(text) : value));
        return masked;
    }

    /** The catalog's record of this run, when the run is one of a registered flow. */
    public Optional<RunRecord> registeredRun() {
        Optional<UUID> id = uuid(call.runId());
        return id.flatMap(runId -> catalog.flatMap(found -> found.runs().find(runId)));
    }

    /**
     * Handles one comm message's data. Messages of another protocol are ignored; an event is
     * recorded and gets no answer.
     *
     * @return the answer written, or empty when none was due
     * @throws IllegalArgumentException naming what is wrong with an event (there is no answer to say it in)
     */
    public Optional<Map<String, Object>> handle(Map<String, Object> data) throws IOException {
        if (data == null || !PROTOCOL.equals(data.get("protocol"))) {
            return Optional.empty();
        }
        Object requestId = data.get("request_id");
        Object action = data.get("action");
        if ("artifact_published".equals(action) || "artifact_deleted".equals(action)) {
            record((String) action, data);
            return Optional.empty();
        }
        if (!(requestId instanceof String id) || !REQUEST_ID.matcher(id).matches() || !(action instanceof String name)
                || !isRequest(name)) {
            return Optional.empty(); // an event, or nothing a reply could be addressed to
        }
        Map<String, Object> answer;
        try {
            answer = answer(name, data);
        } catch (CatalogException | IllegalArgumentException e) {
            answer = failure(e.getMessage());
        }
        write(id, answer);
        return Optional.of(answer);
    }

    private static boolean isRequest(String action) {
        return switch (action) {
            case "publish_global", "get_global", "list_global", "delete_global", "get_secret" -> true;
            default -> false;
        };
    }

    /**
     * A flow-scoped artifact event of this node: recorded for the node's flow and kernel (the event
     * must name those, and the node, as the engine ran them).
     */
    private void record(String action, Map<String, Object> data) {
        if (catalog.isEmpty()) {
            return; // no catalog to keep the metadata in; the kernel holds the artifacts all the same
        }
        same(action, "flow_id", data.get("flow_id"), call.flowId());
        same(action, "kernel_id", data.get("kernel_id"), call.kernelId());
        var artifacts = catalog.get().flowArtifacts();
        if (action.equals("artifact_deleted")) {
            same(action, "node_id", data.get("node_id"), call.nodeId());
            try {
                artifacts.delete(call.flowId(), call.kernelId(), text(data, "name"));
            } catch (CatalogException e) {
                if (e.code() != CatalogErrorCode.ARTIFACT_NOT_FOUND) {
                    throw e;
                } // published before the catalog heard of it: nothing to forget
            }
            return;
        }
        if (!(data.get("artifact") instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("artifact_published: 'artifact' must be an object, was " + data.get("artifact"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> artifact = (Map<String, Object>) map;
        same(action, "artifact.node_id", artifact.get("node_id"), call.nodeId());
        if (!(artifact.get("size") instanceof Number size)) {
            throw new IllegalArgumentException("artifact_published: 'artifact.size' must be a number, was " + artifact.get("size"));
        }
        artifacts.record(new FlowArtifactSpec(call.flowId(), call.kernelId(), text(artifact, "name"), call.nodeId(),
                text(artifact, "python_type"), format(text(artifact, "format")), size.longValue(), text(artifact, "sha256")));
    }

    /** An event's claim about who sent it must be what the engine ran. */
    private static void same(String action, String field, Object claimed, String actual) {
        if (!actual.equals(claimed)) {
            throw new IllegalArgumentException(action + ": '" + field + "' is " + claimed + ", but the engine ran this cell as " + actual);
        }
    }

    private Map<String, Object> answer(String action, Map<String, Object> data) throws IOException {
        if (action.equals("get_secret")) {
            return secret(text(data, "name"));
        }
        if (catalog.isEmpty()) {
            return failure("global artifacts live in the catalog, and this engine runs without one: run the flow with ./flowfile");
        }
        var globals = catalog.get().globals();
        return switch (action) {
            case "publish_global" -> publish(data);
            case "get_global" -> get(text(data, "name"), version(data));
            case "list_global" -> {
                var artifacts = new ArrayList<Map<String, Object>>();
                globals.list(new LinkedHashSet<>(tags(data))).forEach(record -> artifacts.add(describe(record)));
                yield success(Map.of("artifacts", artifacts));
            }
            case "delete_global" -> deleteGlobal(text(data, "name"), version(data));
            default -> throw new IllegalStateException("not a request: " + action);
        };
    }

    /** Deletes a global artifact (or one version) when the kernel's owner may: an admin, or the command line's user. */
    private Map<String, Object> deleteGlobal(String name, Optional<Integer> version) {
        if (acting == Acting.SERVER_USER) {
            boolean admin = kernelOwner.flatMap(owner -> catalog.orElseThrow().users().find(owner))
                    .map(user -> user.role() == io.flowfile.catalog.api.Role.ADMIN).orElse(false);
            if (!admin) {
                return failure("delete_global: only admins delete global artifacts (as DELETE /api/artifacts), and kernel '"
                        + call.kernelId() + "' belongs to " + kernelOwner.map(owner -> "'" + owner + "', who is not an admin")
                        .orElse("no user") + ": global artifact '" + name + "' is kept; ask an admin to delete it");
            }
        }
        return success(Map.of("deleted", catalog.orElseThrow().globals().delete(name, version)));
    }

    /** The value of a secret of the kernel's owner (the answer file is the kernel's to read and delete). */
    private Map<String, Object> secret(String name) {
        if (catalog.isEmpty()) {
            return failure("secrets are kept per user in the catalog, and this engine runs without one: run the flow on the server (./flowfile serve)");
        }
        if (kernelOwner.isEmpty()) {
            return failure("kernel '" + call.kernelId() + "' has no owner whose secrets it could read");
        }
        var user = catalog.get().users().find(kernelOwner.get()).orElse(null);
        if (user == null) {
            return failure("kernel '" + call.kernelId() + "' belongs to '" + kernelOwner.get() + "', who is no user of this server: "
                    + "secrets are kept per user; run the node on a kernel of your own");
        }
        String value = catalog.get().secrets().reveal(user.id(), name);
        if (value.length() >= MASKED_LENGTH) {
            revealed.add(value);
        }
        LOG.infof("node '%s' of run %s on kernel '%s' read secret '%s' of user '%s'", call.nodeId(), call.runId(), call.kernelId(), name,
                user.username());
        return success(Map.of("value", value));
    }

    private Map<String, Object> publish(Map<String, Object> data) throws IOException {
        RunRecord run = registeredRun().orElse(null);
        if (run == null) {
            return failure("publish_global needs a run of a registered flow, and run " + call.runId()
                    + " is not recorded in the catalog: register the flow (flowfile register FLOW) and run that version");
        }
        Object size = data.get("size");
        if (!(size instanceof Number number)) {
            throw new IllegalArgumentException("publish_global: 'size' must be a number, was " + size);
        }
        Path file = copyStaged(text(data, "relative_path"));
        try {
            var request = new PublishRequest(text(data, "python_type"), format(text(data, "format")), number.longValue(),
                    optionalText(data, "sha256"), optionalText(data, "description"), tags(data),
                    new Lineage(run.flowId(), run.flowVersion(), run.id(), call.nodeId(), call.kernelId()), file);
            GlobalArtifactRecord record = catalog.orElseThrow().globals().publish(text(data, "name"), request);
            return success(Map.of("id", record.id().toString(), "version", record.version()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Map<String, Object> get(String name, Optional<Integer> version) throws IOException {
        StoredGlobalArtifact stored = catalog.orElseThrow().globals().get(name, version);
        GlobalArtifactRecord record = stored.artifact();
        exchange.createDirectories(FROM_ENGINE);
        forgetCopies();
        String fileName = UUID.randomUUID() + "." + extension(record.format());
        String temporary = FROM_ENGINE + "/." + fileName + ".tmp";
        try (SeekableByteChannel out = exchange.create(temporary); // never over an existing file or link
             FileChannel blob = FileChannel.open(stored.blob(), StandardOpenOption.READ)) {
            for (long at = 0, size = blob.size(); at < size; ) {
                at += blob.transferTo(at, size - at, out);
            }
        }
        exchange.rename(temporary, FROM_ENGINE + "/" + fileName);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("path", FROM_ENGINE + "/" + fileName);
        answer.put("format", formatName(record.format()));
        answer.put("python_type", record.pythonType());
        answer.put("sha256", record.sha256());
        answer.put("version", record.version());
        try {
            catalog.orElseThrow().globals().recordRead(record.id(), call.flowId(), call.nodeId(), call.kernelId());
        } catch (RuntimeException e) {
            // the node has its artifact; only the record of who read it is missing
            LOG.warnf("the read of global artifact '%s' v%d by node '%s' was not recorded: %s", record.name(), record.version(),
                    call.nodeId(), e.getMessage());
        }
        return success(answer);
    }

    private static Map<String, Object> describe(GlobalArtifactRecord record) {
        var item = new LinkedHashMap<String, Object>();
        item.put("id", record.id().toString());
        item.put("name", record.name());
        item.put("version", record.version());
        item.put("python_type", record.pythonType());
        item.put("format", formatName(record.format()));
        item.put("size", record.sizeBytes());
        item.put("sha256", record.sha256());
        item.put("description", record.description());
        item.put("tags", record.tags());
        item.put("flow", record.flowName());
        item.put("created_at", record.createdAt().toString());
        return item;
    }

    /**
     * A private copy of a file the kernel staged in the node's exchange area, read once, opened
     * relative to the area without following links (the kernel can plant them: a host file must
     * not be read). What the catalog then verifies and stores is this copy, which the kernel cannot touch.
     */
    private Path copyStaged(String relative) throws IOException {
        Path copy = Files.createTempFile("flowfile-publish-", ".tmp");
        try (SeekableByteChannel staged = exchange.read(relative);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            for (long at = 0, moved; (moved = out.transferFrom(staged, at, 1L << 30)) > 0; ) {
                at += moved;
            }
        } catch (IllegalArgumentException | FileSystemException e) {
            Files.deleteIfExists(copy);
            throw new IllegalArgumentException("publish_global: the staged file '" + relative + "' "
                    + (e instanceof IllegalArgumentException ? "is not inside the node's exchange directory"
                    : e instanceof NoSuchFileException ? "does not exist"
                    : "is not a plain file inside the node's exchange directory (" + ((FileSystemException) e).getReason() + ")"));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    /**
     * Deletes the copies placed for earlier get_global calls of this node. The kernel cannot (the
     * directory is the engine's, so that it cannot plant links there), and it has read them: its
     * requests wait for their answers, one at a time. A loop of get_global keeps one copy, not all.
     */
    private void forgetCopies() throws IOException {
        for (String copy : exchange.list(FROM_ENGINE)) {
            exchange.delete(FROM_ENGINE + "/" + copy);
        }
    }

    /** Writes {@code answer} as {@code replies/<requestId>.json}, created new under a temporary name and renamed. */
    private void write(String requestId, Map<String, Object> answer) throws IOException {
        exchange.createDirectories("replies");
        String temporary = "replies/." + requestId + "." + UUID.randomUUID() + ".tmp";
        try (var out = Channels.newOutputStream(exchange.create(temporary))) {
            JSON.writeValue(out, answer);
        }
        exchange.rename(temporary, "replies/" + requestId + ".json");
    }

    private static String text(Map<String, Object> data, String field) {
        if (!(data.get(field) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string, was " + data.get(field));
        }
        return value;
    }

    private static String optionalText(Map<String, Object> data, String field) {
        Object value = data.get(field);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("'" + field + "' must be a string or null, was " + value);
        }
        return (String) value;
    }

    private static Optional<Integer> version(Map<String, Object> data) {
        Object version = data.get("version");
        if (version == null) {
            return Optional.empty();
        }
        if (!(version instanceof Integer number) || number < 1) {
            throw new IllegalArgumentException("'version' must be a positive integer or null, was " + version);
        }
        return Optional.of(number);
    }

    private static List<String> tags(Map<String, Object> data) {
        Object tags = data.get("tags");
        if (tags == null) {
            return List.of();
        }
        if (!(tags instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException("'tags' must be a list of strings, was " + tags);
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** The kernel package's format names: parquet, joblib, pickle (cloudpickle). */
    private static ArtifactFormat format(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "parquet" -> ArtifactFormat.PARQUET;
            case "joblib" -> ArtifactFormat.JOBLIB;
            case "pickle", "cloudpickle" -> ArtifactFormat.CLOUDPICKLE;
            default -> throw new IllegalArgumentException("unknown artifact format '" + name + "': parquet, joblib or pickle");
        };
    }

    private static String formatName(ArtifactFormat format) {
        return format == ArtifactFormat.CLOUDPICKLE ? "pickle" : format.name().toLowerCase(Locale.ROOT);
    }

    private static String extension(ArtifactFormat format) {
        return switch (format) {
            case PARQUET -> "parquet";
            case JOBLIB -> "joblib";
            case CLOUDPICKLE -> "pkl";
        };
    }

    private static Map<String, Object> success(Map<String, Object> fields) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("ok", true);
        answer.putAll(fields);
        return answer;
    }

    private static Map<String, Object> failure(String message) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("ok", false);
        answer.put("error", message);
        return answer;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
