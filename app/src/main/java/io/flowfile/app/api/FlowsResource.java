package io.flowfile.app.api;

import io.flowfile.app.api.Dtos.DiffDto;
import io.flowfile.app.api.Dtos.FlowChange;
import io.flowfile.app.api.Dtos.FlowDto;
import io.flowfile.app.api.Dtos.DraftView;
import io.flowfile.app.api.Dtos.RunDto;
import io.flowfile.app.api.Dtos.RunRequest;
import io.flowfile.app.api.Dtos.SettingChange;
import io.flowfile.app.api.Dtos.VersionDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.DraftsService;
import io.flowfile.app.service.RunsService;
import io.flowfile.catalog.api.FlowRecord;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.engine.flow.FlowDiff;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowFormat;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Registered flows and their immutable versions: documents, exports, diffs, drafts from versions, runs. */
@Path("/api/flows")
@Tag(name = "flows", description = "Registered flows and their versions")
public class FlowsResource {

    @Inject
    FlowService flows;

    @Inject
    DraftsService drafts;

    @Inject
    RunsService runs;

    @Inject
    CurrentUser current;

    @GET
    @Operation(summary = "Every registered flow with its latest version")
    public List<FlowDto> list() {
        current.get();
        return flows.list().stream().map(FlowsResource::dto).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One registered flow")
    public FlowDto get(@PathParam("name") String name) {
        current.get();
        return dto(flows.get(name));
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "Every version of a flow, oldest first")
    public List<VersionDto> versions(@PathParam("name") String name) {
        current.get();
        return flows.versions(name).stream().map(FlowsResource::dto).toList();
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(summary = "A version's document (as JSON)")
    public Response version(@PathParam("name") String name,
            @Parameter(schema = @Schema(implementation = int.class)) @PathParam("version") String version) {
        current.get();
        FlowDocument document = drafts.version(name, versionNumber(version));
        return Response.ok(drafts.engineCodec().toTree(document)).type("application/json").build();
    }

    @GET
    @Path("/{name}/versions/{version}/export")
    @Operation(summary = "A version as a flow file in the stable form (format yaml or json)")
    public Response export(@PathParam("name") String name,
            @Parameter(schema = @Schema(implementation = int.class)) @PathParam("version") String version,
            @QueryParam("format") String format) {
        current.get();
        FlowFormat chosen = DraftsResource.format(format);
        String text = drafts.engineCodec().write(drafts.version(name, versionNumber(version)), chosen);
        return Response.ok(text).type(chosen == FlowFormat.JSON ? "application/json" : "application/yaml")
                .header("Content-Disposition", "attachment; filename=\"" + DraftsResource.safeFileName(name) + "-v" + version
                        + (chosen == FlowFormat.JSON ? ".json" : ".yaml") + "\"")
                .build();
    }

    @POST
    @Path("/{name}/versions/{version}/draft")
    @Operation(summary = "Open a version as a new draft of mine")
    @APIResponse(responseCode = "201", content = @Content(mediaType = "application/json", schema = @Schema(implementation = DraftView.class)))
    public Response openAsDraft(@PathParam("name") String name,
            @Parameter(schema = @Schema(implementation = int.class)) @PathParam("version") String version) {
        var user = current.get();
        var draft = drafts.create(user, drafts.version(name, versionNumber(version)));
        return Response.status(201).entity(drafts.view(user, draft)).build();
    }

    @GET
    @Path("/{name}/diff")
    @Operation(summary = "What changed from version 'from' to version 'to' (positions ignored)")
    public DiffDto diff(@PathParam("name") String name, @Parameter(schema = @Schema(implementation = Integer.class)) @QueryParam("from") String from,
                        @Parameter(schema = @Schema(implementation = Integer.class)) @QueryParam("to") String to) {
        current.get();
        if (from == null || to == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "query parameters 'from' and 'to' (version numbers) are required");
        }
        int before = Params.positive(from, "query parameter 'from'");
        int after = Params.positive(to, "query parameter 'to'");
        return dto(FlowDiff.between(drafts.version(name, before), drafts.version(name, after)));
    }

    @POST
    @Path("/{name}/versions/{version}/runs")
    @Operation(summary = "Run a version; recorded in the catalog's run history; events at GET /api/runs/{run}/events")
    @APIResponse(responseCode = "202", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunDto.class)))
    public Response run(@PathParam("name") String name,
            @Parameter(schema = @Schema(implementation = int.class)) @PathParam("version") String version, RunRequest request) {
        var run = runs.startVersion(current.get(), name, versionNumber(version), request == null ? null : request.parameters(),
                request == null ? null : request.mode(), RunTrigger.API);
        return Response.status(202).entity(run.dto()).build();
    }

    static int versionNumber(String version) {
        return Params.positive(version, "version");
    }

    static FlowDto dto(FlowRecord flow) {
        return new FlowDto(flow.name(), flow.description(), flow.createdAt(), flow.updatedAt(), flow.latest() == null ? null : dto(flow.latest()));
    }

    static VersionDto dto(FlowVersionRecord version) {
        return new VersionDto(version.name(), version.version(), version.contentSha256(), version.format(), version.sizeBytes(),
                version.createdAt(), version.createdBy());
    }

    static DiffDto dto(FlowDiff diff) {
        return new DiffDto(diff.nodesAdded(), diff.nodesRemoved(),
                diff.nodesChanged().stream().map(change -> new SettingChange(change.nodeId(), change.path(), change.before(), change.after())).toList(),
                diff.edgesAdded().stream().map(FlowsResource::edge).toList(),
                diff.edgesRemoved().stream().map(FlowsResource::edge).toList(),
                diff.inputsReordered().stream().map(Object::toString).toList(),
                diff.documentChanges().stream().map(change -> new FlowChange(change.path(), change.before(), change.after())).toList());
    }

    private static String edge(io.flowfile.engine.flow.Edge edge) {
        return edge.from() + " -> " + edge.to();
    }
}
