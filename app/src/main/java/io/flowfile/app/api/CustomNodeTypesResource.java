package io.flowfile.app.api;

import io.flowfile.app.api.NodeTypeDtos.CustomNodeTypeDto;
import io.flowfile.app.api.NodeTypeDtos.NodeTypeTestRequest;
import io.flowfile.app.api.NodeTypeDtos.NodeTypeTestResultDto;
import io.flowfile.app.api.NodeTypeDtos.NodeTypeVersionDetailDto;
import io.flowfile.app.api.NodeTypeDtos.NodeTypeVersionDto;
import io.flowfile.app.api.NodeTypeDtos.SaveNodeTypeRequest;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.NodeTypeTester;
import io.flowfile.app.service.NodeTypesService;
import io.flowfile.catalog.api.NodeTypeVersionRecord;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.engine.custom.Implementation;
import io.flowfile.engine.custom.NodeTypeDocument;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.registry.NodeRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The Node Designer's API: custom node types, their versions, publishing, files and test runs. */
@Path("/api/custom-node-types")
@Tag(name = "custom node types", description = "Node types authors build: versions, publish to the palette, import/export, test runs")
public class CustomNodeTypesResource {

    private static final String YAML = "application/yaml";

    @Inject
    NodeTypesService nodeTypes;

    @Inject
    NodeTypeTester tester;

    @Inject
    NodeRegistry registry;

    @Inject
    CurrentUser current;

    @Inject
    io.flowfile.app.security.Access access;

    @GET
    @Operation(summary = "Every custom node type with its versions")
    public List<CustomNodeTypeDto> list() {
        current.get();
        var byName = new LinkedHashMap<String, List<NodeTypeVersionRecord>>();
        nodeTypes.all().forEach(record -> byName.computeIfAbsent(record.name(), name -> new ArrayList<>()).add(record));
        return byName.values().stream().map(this::type).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a document as the next version of its node type (and publish it with publish: true)")
    @APIResponse(responseCode = "201", content = @Content(mediaType = "application/json", schema = @Schema(implementation = NodeTypeVersionDto.class)))
    public Response save(SaveNodeTypeRequest request) {
        UserRecord user = current.get();
        if (request == null || request.document() == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'document' is missing: the node type document to save");
        }
        return saved(user, NodeTypeDocument.fromTree(request.document()), Boolean.TRUE.equals(request.publish()));
    }

    @POST
    @Path("/import")
    @Consumes({YAML, "text/yaml", MediaType.TEXT_PLAIN, "application/octet-stream"})
    @Operation(summary = "Import a node type file (YAML or JSON text) as the next version of its type, published")
    @APIResponse(responseCode = "201", content = @Content(mediaType = "application/json", schema = @Schema(implementation = NodeTypeVersionDto.class)))
    public Response importFile(String text) {
        UserRecord user = current.get();
        if (text == null || text.isBlank()) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "the body is empty: send a node type file");
        }
        FlowFormat format = text.stripLeading().startsWith("{") ? FlowFormat.JSON : FlowFormat.YAML;
        return saved(user, nodeTypes.parse(text, format), true);
    }

    private Response saved(UserRecord user, NodeTypeDocument document, boolean publish) {
        NodeTypeVersionRecord saved = nodeTypes.save(user, document, registry);
        if (publish) {
            saved = nodeTypes.publish(user, saved.name(), saved.version(), registry);
        }
        return Response.status(201).entity(version(saved)).build();
    }

    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a document (saved or not) on sample inputs with chosen settings: the output's columns and rows, or its problems")
    public NodeTypeTestResultDto test(NodeTypeTestRequest request) {
        UserRecord user = current.get();
        if (request == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "the body is missing: {document, settings, inputs}");
        }
        return tester.test(user, request);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One custom node type with its versions")
    public CustomNodeTypeDto get(@PathParam("name") String name) {
        current.get();
        return type(nodeTypes.versions(name));
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete every version of a custom node type (admins only); flows that use it no longer validate")
    @APIResponse(responseCode = "204")
    public Response delete(@PathParam("name") String name) {
        access.requireAdmin(current.get());
        nodeTypes.delete(name, registry);
        return Response.noContent().build();
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(summary = "One version with its document")
    public NodeTypeVersionDetailDto version(@PathParam("name") String name,
            @Parameter(schema = @Schema(implementation = int.class)) @PathParam("version") String version) {
        current.get();
        NodeTypeVersionRecord record = nodeTypes.get(name, Params.positive(version, "version"));
        return new NodeTypeVersionDetailDto(version(record), nodeTypes.document(record).toTree());
    }

    @POST
    @Path("/{name}/versions/{version}/publish")
    @Operation(summary = "Publish a version to the palette")
    public NodeTypeVersionDto publish(@PathParam("name") String name,
            @Parameter(schema = @Schema(implementation = int.class)) @PathParam("version") String version) {
        return version(nodeTypes.publish(current.get(), name, Params.positive(version, "version"), registry));
    }

    @GET
    @Path("/{name}/versions/{version}/export")
    @Produces(YAML)
    @Operation(summary = "A version as a node type file (YAML), to keep in git or import elsewhere")
    public Response export(@PathParam("name") String name,
            @Parameter(schema = @Schema(implementation = int.class)) @PathParam("version") String version,
            @QueryParam("download") boolean download) {
        current.get();
        NodeTypeVersionRecord record = nodeTypes.get(name, Params.positive(version, "version"));
        Response.ResponseBuilder response = Response.ok(record.document(), YAML);
        if (download) {
            response.header("Content-Disposition", "attachment; filename=\"" + name + ".yaml\"");
        }
        return response.build();
    }

    private CustomNodeTypeDto type(List<NodeTypeVersionRecord> versions) {
        NodeTypeVersionRecord newest = versions.getLast();
        NodeTypeDocument document = nodeTypes.document(newest);
        Integer published = versions.stream().filter(NodeTypeVersionRecord::published).map(NodeTypeVersionRecord::version)
                .reduce((a, b) -> b).orElse(null);
        return new CustomNodeTypeDto(newest.name(), document.title(), document.category().name().toLowerCase(Locale.ROOT),
                implementation(document), published, versions.stream().map(this::version).toList());
    }

    private NodeTypeVersionDto version(NodeTypeVersionRecord record) {
        NodeTypeDocument document = nodeTypes.document(record);
        return new NodeTypeVersionDto(record.name(), record.version(), document.title(), implementation(document), record.contentSha256(),
                record.createdAt(), record.createdBy(), record.published(), record.publishedAt(), record.publishedBy());
    }

    private static String implementation(NodeTypeDocument document) {
        return document.implementation() instanceof Implementation.SqlImplementation ? "sql" : "python";
    }
}
