package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.CatalogDtos.FlowArtifactDto;
import io.flowfile.app.api.CatalogDtos.GlobalArtifactDto;
import io.flowfile.app.api.CatalogDtos.GlobalReadDto;
import io.flowfile.app.api.CatalogDtos.LineageDto;
import io.flowfile.app.api.CatalogDtos.NodeArtifactsDto;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.security.Access;
import io.flowfile.catalog.api.ArtifactFormat;
import io.flowfile.catalog.api.FlowArtifactRecord;
import io.flowfile.catalog.api.GlobalArtifactRecord;
import io.flowfile.catalog.api.KernelRecord;
import io.flowfile.catalog.api.StoredGlobalArtifact;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.artifact.FlowArtifactService;
import io.flowfile.catalog.artifact.GlobalArtifactService;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.kernel.KernelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Artifacts over HTTP. Global artifacts are shared: every user sees them, only an admin deletes
 * them. Flow-scoped artifacts live on kernels: a user sees those on their own kernels, an admin all.
 */
@ApplicationScoped
public class ArtifactsService {

    @Inject
    GlobalArtifactService globals;

    @Inject
    FlowArtifactService flowArtifacts;

    @Inject
    KernelCatalog kernels;

    @Inject
    FlowService flows;

    @Inject
    Access access;

    @Inject
    DraftsService drafts;

    @Inject
    KernelsService kernelsService;

    /**
     * The artifacts around code node {@code nodeId} of a draft: flow-scoped ones on its kernel
     * published by the nodes it reads from (directly or further up) and by itself, and global ones it
     * published or read. Taken from the draft as drawn, so a node that does not validate yet (one after
     * a code node that has not run) has its panel too.
     */
    public NodeArtifactsDto ofNode(UserRecord user, java.util.UUID draftId, String nodeId) {
        io.flowfile.engine.flow.FlowDocument document = drafts.document(drafts.get(user, draftId));
        io.flowfile.engine.flow.FlowNode node = document.nodes().stream().filter(candidate -> candidate.id().equals(nodeId)).findFirst()
                .orElseThrow(() -> new ApiException(ServerErrorCode.NOT_FOUND, "no node '" + nodeId + "' in the draft"));
        com.fasterxml.jackson.databind.JsonNode kernel = node.settings().get("kernel_id");
        if (kernel == null || !kernel.isTextual() || kernel.asText().isBlank()) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "node '" + nodeId + "' is a " + node.type()
                    + " node without a kernel: artifacts belong to code nodes on kernels");
        }
        String kernelId = kernel.asText();
        kernelsService.get(user, kernelId); // 404 when the kernel is not the user's
        String scope = io.flowfile.engine.exec.FlowRun.flowId(drafts.validate(user.username(), document, Map.of()));
        Set<String> before = upstreamOf(document, nodeId);
        List<FlowArtifactRecord> onKernel = flowArtifacts.list(scope, kernelId);
        List<FlowArtifactDto> upstream = onKernel.stream().filter(record -> before.contains(record.spec().nodeId()))
                .map(ArtifactsService::dto).toList();
        List<FlowArtifactDto> published = onKernel.stream().filter(record -> record.spec().nodeId().equals(nodeId))
                .map(ArtifactsService::dto).toList();
        List<GlobalArtifactDto> globalPublished = globals.publishedBy(document.name(), nodeId).stream().map(ArtifactsService::dto).toList();
        List<GlobalReadDto> globalRead = globals.readBy(scope, nodeId, kernelId).stream()
                .map(read -> new GlobalReadDto(dto(read.artifact()), read.count(), read.lastReadAt())).toList();
        return new NodeArtifactsDto(kernelId, scope, upstream, published, globalPublished, globalRead);
    }

    /** Every node {@code nodeId} reads from, directly or through others, by the draft's edges. */
    private static Set<String> upstreamOf(io.flowfile.engine.flow.FlowDocument document, String nodeId) {
        Set<String> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<String> next = new java.util.ArrayDeque<>(List.of(nodeId));
        while (!next.isEmpty()) {
            String to = next.pop();
            document.edges().stream().filter(edge -> edge.to().node().equals(to)).forEach(edge -> {
                if (seen.add(edge.from().node())) {
                    next.push(edge.from().node());
                }
            });
        }
        return seen;
    }

    /** The latest version of every global artifact whose latest version carries all {@code tags}. */
    public List<GlobalArtifactDto> latest(Set<String> tags) {
        return globals.list(tags).stream().map(ArtifactsService::dto).toList();
    }

    /** Every version of global artifact {@code name}, oldest first. */
    public List<GlobalArtifactDto> versions(String name) {
        return globals.versions(name).stream().map(ArtifactsService::dto).toList();
    }

    /** A version and its blob, read through and checked against its SHA-256. */
    public StoredGlobalArtifact download(String name, int version) {
        return globals.get(name, Optional.of(version));
    }

    /** The most rows {@link #rows} shows. */
    public static final int MAX_ROWS = 1000;

    /**
     * The first {@code limit} (1-1000) rows of a version that is a table (Parquet: a DataFrame), read
     * with DuckDB from its blob (checked against its SHA-256 first), with its columns and row count.
     * Another format (a model, any pickled object) is a 409.
     */
    public io.flowfile.app.api.ArtifactRowsDto rows(String name, int version, int limit) {
        if (limit > MAX_ROWS) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "limit must be between 1 and " + MAX_ROWS + ", was " + limit);
        }
        StoredGlobalArtifact stored = globals.get(name, Optional.of(version));
        GlobalArtifactRecord artifact = stored.artifact();
        if (artifact.format() != io.flowfile.catalog.api.ArtifactFormat.PARQUET) {
            throw new ApiException(ServerErrorCode.CONFLICT, "artifact '" + name + "' v" + version + " is "
                    + artifact.format().name().toLowerCase(java.util.Locale.ROOT) + " (" + artifact.pythonType()
                    + "), not a table: only DataFrames (stored as Parquet) have rows to show");
        }
        String file = "'" + stored.blob().toAbsolutePath().toString().replace("'", "''") + "'";
        try (java.sql.Connection connection = io.flowfile.engine.duckdb.DuckDb.connect(new java.util.Properties());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SET threads = 1");
            statement.execute("SET memory_limit = '256MB'");
            // the file's content came from a kernel: whatever it holds, this database reads that file alone
            statement.execute("SET allowed_paths = [" + file + "]");
            statement.execute("SET enable_external_access = false");
            statement.execute("SET lock_configuration = true");
            long total;
            try (java.sql.ResultSet count = statement.executeQuery("SELECT count(*) FROM read_parquet(" + file + ")")) {
                count.next();
                total = count.getLong(1);
            }
            var columns = new java.util.ArrayList<io.flowfile.app.api.Dtos.ColumnDto>();
            var rows = new java.util.ArrayList<List<Object>>();
            try (java.sql.ResultSet result = statement.executeQuery("SELECT * FROM read_parquet(" + file + ") LIMIT " + limit)) {
                java.sql.ResultSetMetaData meta = result.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new io.flowfile.app.api.Dtos.ColumnDto(meta.getColumnName(i), meta.getColumnTypeName(i)));
                }
                while (result.next()) {
                    var row = new java.util.ArrayList<Object>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(JsonValues.of(result.getObject(i)));
                    }
                    rows.add(row);
                }
            }
            return new io.flowfile.app.api.ArtifactRowsDto(columns, rows, total, limit);
        } catch (java.sql.SQLException e) {
            throw new ApiException(ServerErrorCode.CONFLICT, "artifact '" + name + "' v" + version + " cannot be read as Parquet: "
                    + e.getMessage());
        }
    }

    /** Deletes one version of {@code name}, or all of them; admins only (a 404 for anyone else). */
    public int delete(UserRecord user, String name, Optional<Integer> version) {
        access.requireAdmin(user);
        return globals.delete(name, version);
    }

    /**
     * The artifacts of flow {@code flow} on the kernels {@code user} may see, or on kernel
     * {@code kernel} only. A kernel the user may not see is a 404, as is a flow nothing knows (neither
     * registered nor holding artifacts the user may see); a flow being edited has artifacts before it
     * is registered.
     */
    public List<FlowArtifactDto> flowScoped(UserRecord user, String flow, Optional<String> kernel) {
        List<FlowArtifactRecord> found;
        if (kernel.isPresent()) {
            KernelRecord record = kernels.find(kernel.get()).orElse(null);
            if (record == null || !access.maySee(user, record.spec().owner())) {
                throw ApiException.notFound("kernel '" + kernel.get() + "'");
            }
            found = flowArtifacts.list(flow, kernel.get());
        } else {
            Map<String, Boolean> visible = new HashMap<>();
            found = flowArtifacts.list(flow).stream().filter(artifact -> visible.computeIfAbsent(artifact.spec().kernelId(),
                    id -> kernels.find(id).map(record -> access.maySee(user, record.spec().owner())).orElse(false))).toList();
        }
        if (found.isEmpty() && flows.find(flow).isEmpty()) {
            throw ApiException.notFound("flow '" + flow + "' (it is not registered and no kernel of yours holds artifacts of it)");
        }
        return found.stream().map(ArtifactsService::dto).toList();
    }

    /** The file name a download suggests: name, version and the format's usual extension. */
    public static String fileName(GlobalArtifactRecord artifact) {
        String extension = switch (artifact.format()) {
            case PARQUET -> "parquet";
            case JOBLIB -> "joblib";
            case CLOUDPICKLE -> "pkl";
        };
        return artifact.name() + "-v" + artifact.version() + "." + extension;
    }

    static GlobalArtifactDto dto(GlobalArtifactRecord artifact) {
        var lineage = artifact.lineage();
        return new GlobalArtifactDto(artifact.name(), artifact.version(), artifact.pythonType(), format(artifact.format()),
                artifact.sizeBytes(), artifact.sha256(), artifact.description(), artifact.tags(),
                new LineageDto(artifact.flowName(), lineage.flowVersion(), lineage.flowId() != null, lineage.runId(), lineage.nodeId(),
                        lineage.kernelId()),
                artifact.createdAt(), "/api/artifacts/" + artifact.name() + "/versions/" + artifact.version() + "/download");
    }

    static FlowArtifactDto dto(FlowArtifactRecord artifact) {
        var spec = artifact.spec();
        return new FlowArtifactDto(spec.flowName(), spec.kernelId(), spec.name(), spec.nodeId(), spec.pythonType(), format(spec.format()),
                spec.sizeBytes(), spec.sha256(), artifact.createdAt());
    }

    private static String format(ArtifactFormat format) {
        return format.name().toLowerCase(java.util.Locale.ROOT);
    }
}
