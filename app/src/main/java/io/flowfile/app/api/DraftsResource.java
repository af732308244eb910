package io.flowfile.app.api;

import io.flowfile.app.api.Dtos.DiffDto;
import io.flowfile.app.api.Dtos.DraftSummary;
import io.flowfile.app.api.Dtos.DraftView;
import io.flowfile.app.api.Dtos.EditBatch;
import io.flowfile.app.api.Dtos.NewDraft;
import io.flowfile.app.api.Dtos.PreviewDto;
import io.flowfile.app.api.Dtos.PreviewRequest;
import io.flowfile.app.api.Dtos.RegisterRequest;
import io.flowfile.app.api.Dtos.RevisionRequest;
import io.flowfile.app.api.Dtos.RunDto;
import io.flowfile.app.api.Dtos.RunRequest;
import io.flowfile.app.api.Dtos.VersionDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.DraftsService;
import io.flowfile.app.service.PreviewService;
import io.flowfile.app.service.RunsService;
import io.flowfile.catalog.api.DraftRecord;
import io.flowfile.engine.exec.ColumnStatistics;
import io.flowfile.engine.flow.FlowDiff;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowFormat;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Drafts: create or import, edit by batches of edits, undo and redo, export, register, run, preview. */
@Path("/api/drafts")
@Tag(name = "drafts", description = "Flows being designed")
public class DraftsResource {

    @Inject
    DraftsService drafts;

    @Inject
    RunsService runs;

    @Inject
    PreviewService previews;

    @Inject
    io.flowfile.app.service.CellsService cells;

    @Inject
    io.flowfile.app.service.ArtifactsService artifacts;

    @Inject
    CurrentUser current;

    @GET
    @Operation(summary = "My drafts (an admin's: everyone's)")
    public List<DraftSummary> list() {
        return drafts.list(current.get()).stream()
                .map(draft -> new DraftSummary(draft.id(), draft.name(), draft.owner(), draft.revision(), draft.updated())).toList();
    }

    @POST
    @Operation(summary = "A new draft: an empty flow named 'name', or an imported document (JSON object, or JSON/YAML text with 'format')")
    @APIResponse(responseCode = "201", content = @Content(mediaType = "application/json", schema = @Schema(implementation = DraftView.class)))
    public Response create(NewDraft request) {
        if (request == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send {\"name\": ...} or {\"document\": ..., \"format\": \"yaml\"}");
        }
        FlowDocument document;
        if (request.document() != null && !request.document().isNull()) {
            document = drafts.read(request.document(), request.format());
            if (request.name() != null && !request.name().isBlank()) {
                document = new FlowDocument(document.formatVersion(), request.name(), document.description(), document.parameters(),
                        document.nodes(), document.edges());
            }
        } else {
            if (request.name() == null || request.name().isBlank()) {
                throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "a new draft needs a 'name' (or a 'document' to import)");
            }
            document = new FlowDocument(FlowDocument.FORMAT_VERSION, request.name(), "", java.util.Map.of(), List.of(), List.of());
        }
        DraftRecord draft = drafts.create(current.get(), document);
        return Response.status(201).entity(drafts.view(current.get(), draft)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A draft with every node's predicted columns and every problem")
    public DraftView get(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id) {
        return drafts.view(current.get(), drafts.get(current.get(), draftId(id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a draft")
    public Response delete(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id) {
        drafts.delete(current.get(), draftId(id));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/edits")
    @Operation(summary = "Apply a batch of edits made on 'revision'; a stale revision is a 409 carrying the current one")
    public DraftView edit(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id, EditBatch batch) {
        if (batch == null || batch.revision() == null || batch.edits() == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send {\"revision\": N, \"edits\": [...]}");
        }
        return drafts.view(current.get(), drafts.edit(current.get(), draftId(id), batch.revision(), batch.edits()));
    }

    @POST
    @Path("/{id}/undo")
    @Operation(summary = "Undo the last change (based on 'revision')")
    public DraftView undo(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id, RevisionRequest request) {
        return drafts.view(current.get(), drafts.undo(current.get(), draftId(id), revision(request)));
    }

    @POST
    @Path("/{id}/redo")
    @Operation(summary = "Redo the last undone change (based on 'revision')")
    public DraftView redo(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id, RevisionRequest request) {
        return drafts.view(current.get(), drafts.redo(current.get(), draftId(id), revision(request)));
    }

    @GET
    @Path("/{id}/export")
    @Operation(summary = "The draft as a flow file in the stable form (format yaml or json)")
    public Response export(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @QueryParam("format") String format) {
        FlowFormat chosen = format(format);
        DraftRecord draft = drafts.get(current.get(), draftId(id));
        FlowDocument document = drafts.document(draft);
        String extension = chosen == FlowFormat.JSON ? "json" : "yaml";
        return Response.ok(drafts.engineCodec().write(document, chosen))
                .type(chosen == FlowFormat.JSON ? "application/json" : "application/yaml")
                .header("Content-Disposition", "attachment; filename=\"" + safeFileName(document.name()) + "." + extension + "\"")
                .build();
    }

    @POST
    @Path("/{id}/register")
    @Operation(summary = "Register the draft as the next immutable version of its flow (the latest, when unchanged)")
    @APIResponse(responseCode = "201", content = @Content(mediaType = "application/json", schema = @Schema(implementation = VersionDto.class)))
    public Response register(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            RegisterRequest request) {
        var version = drafts.register(current.get(), draftId(id), request == null ? null : request.description());
        return Response.status(201).entity(FlowsResource.dto(version)).build();
    }

    @GET
    @Path("/{id}/diff")
    @Operation(summary = "What changed from version 'version' of the flow named 'flow' (default: the draft's name) to the draft")
    public DiffDto diff(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @QueryParam("flow") String flow,
            @Parameter(schema = @Schema(implementation = Integer.class)) @QueryParam("version") String version) {
        DraftRecord draft = drafts.get(current.get(), draftId(id));
        if (version == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "query parameter 'version' is missing");
        }
        FlowDocument before = drafts.version(flow == null ? draft.name() : flow, Params.positive(version, "query parameter 'version'"));
        return FlowsResource.dto(FlowDiff.between(before, drafts.document(draft)));
    }

    @POST
    @Path("/{id}/runs")
    @Operation(summary = "Run the draft as it is now; events at GET /api/runs/{run}/events")
    @APIResponse(responseCode = "202", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunDto.class)))
    public Response run(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id, RunRequest request) {
        RunDto run = runs.startDraft(current.get(), draftId(id), request == null ? null : request.parameters(),
                request == null ? null : request.mode()).dto();
        return Response.status(202).entity(run).build();
    }

    @POST
    @Path("/{id}/preview")
    @Operation(summary = "The first rows of a node's output port (default 100, at most the configured maximum)")
    public PreviewDto preview(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            PreviewRequest request) {
        if (request == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send {\"node\": ..., \"port\": optional, \"limit\": optional}");
        }
        return previews.preview(current.get(), draftId(id), request.node(), request.port(), request.limit());
    }

    @GET
    @Path("/{id}/nodes/{node}/statistics")
    @Operation(summary = "Statistics of every column of a node's output port over all its rows")
    public List<ColumnStatistics> statistics(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @PathParam("node") String node, @QueryParam("port") String port) {
        return previews.statistics(current.get(), draftId(id), node, port);
    }

    @POST
    @Path("/{id}/nodes/{node}/cells")
    @Operation(summary = "Run a cell of a Python Script node on its kernel, in the flow's namespace, with the node's inputs; output at GET /api/runs/{run}/events, interrupt with POST /api/runs/{run}/cancel")
    @APIResponse(responseCode = "202", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunDto.class)))
    public Response cell(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @PathParam("node") String node, Dtos.CellRequest request) {
        var run = cells.execute(current.get(), draftId(id), node, request == null ? null : request.code());
        return Response.status(202).entity(run.dto()).build();
    }

    @POST
    @Path("/{id}/nodes/{node}/namespace/restart")
    @Operation(summary = "Forget every variable of the flow's namespace on the node's kernel")
    public Response restartNamespace(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @PathParam("node") String node) {
        cells.restartNamespace(current.get(), draftId(id), node);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/nodes/{node}/artifacts")
    @Operation(summary = "A code node's artifacts: flow-scoped ones from the nodes before it and its own, global ones it published or read")
    public CatalogDtos.NodeArtifactsDto artifacts(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @PathParam("node") String node) {
        return artifacts.ofNode(current.get(), draftId(id), node);
    }

    @POST
    @Path("/{id}/nodes/{node}/complete")
    @Operation(summary = "Completions from the node's kernel at a cursor position")
    public Dtos.Completions complete(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @PathParam("node") String node, Dtos.CodeAtCursor request) {
        var reply = cells.complete(current.get(), draftId(id), node, request == null ? null : request.code(),
                request == null || request.cursor() == null ? -1 : request.cursor());
        return new Dtos.Completions(reply.matches() == null ? List.of() : reply.matches(), reply.cursorStart(), reply.cursorEnd());
    }

    @POST
    @Path("/{id}/nodes/{node}/inspect")
    @Operation(summary = "Help on the name at a cursor position, from the node's kernel (MIME bundle)")
    public Dtos.Inspection inspect(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @PathParam("node") String node, Dtos.CodeAtCursor request) {
        var reply = cells.inspect(current.get(), draftId(id), node, request == null ? null : request.code(),
                request == null || request.cursor() == null ? -1 : request.cursor());
        return new Dtos.Inspection(reply.found(), reply.data() == null ? java.util.Map.of() : reply.data());
    }

    private static UUID draftId(String id) {
        return Params.uuid(id, "a draft id");
    }

    private static long revision(RevisionRequest request) {
        if (request == null || request.revision() == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send {\"revision\": N}");
        }
        return request.revision();
    }

    static FlowFormat format(String format) {
        return switch (format == null ? "yaml" : format.toLowerCase(Locale.ROOT)) {
            case "yaml", "yml" -> FlowFormat.YAML;
            case "json" -> FlowFormat.JSON;
            default -> throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "format must be yaml or json, was '" + format + "'");
        };
    }

    static String safeFileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "flow" : safe;
    }

}
