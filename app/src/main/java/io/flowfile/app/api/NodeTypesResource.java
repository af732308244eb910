package io.flowfile.app.api;

import io.flowfile.app.api.Dtos.NodeTypeDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.engine.custom.CustomNodeType;
import io.flowfile.engine.registry.JsonSchemas;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The node types the palette shows, each with its settings' JSON Schema. */
@Path("/api/node-types")
@Tag(name = "node types", description = "The palette: node types, ports and settings schemas")
public class NodeTypesResource {

    private static final JsonSchemas SCHEMAS = new JsonSchemas();

    @Inject
    NodeRegistry registry;

    @Inject
    CurrentUser current;

    /**
     * Each type's answer, made once: a built-in by its name, a custom version by its identity (type,
     * version, document) and the versions published beside it, so publishing again adds nothing.
     */
    private final java.util.Map<String, NodeTypeDto> made = new java.util.concurrent.ConcurrentHashMap<>();

    private NodeTypeDto answer(NodeType<?> type) {
        String key = type instanceof CustomNodeType custom ? custom.identity() + " " + registry.versions(type.descriptor().type())
                : type.descriptor().type();
        return made.computeIfAbsent(key, ignored -> dto(type));
    }

    @GET
    @Operation(summary = "Every node type by category (custom types at their newest published version)")
    public List<NodeTypeDto> list() {
        current.get();
        return registry.types().stream()
                .sorted(Comparator.comparing((NodeType<?> type) -> type.descriptor().category()).thenComparing(type -> type.descriptor().type()))
                .map(this::answer).toList();
    }

    @GET
    @Path("/{type}/versions/{version}")
    @Operation(summary = "One published version of a custom node type (what a node built with it shows)")
    public NodeTypeDto version(@PathParam("type") String type,
            @Parameter(schema = @Schema(implementation = int.class)) @PathParam("version") String version) {
        current.get();
        int number = Params.positive(version, "version");
        NodeType<?> found = registry.find(type, number).orElseThrow(() -> new ApiException(ServerErrorCode.NOT_FOUND,
                "node type '" + type + "' has no published version " + number));
        return answer(found);
    }

    @GET
    @Path("/{type}")
    @Operation(summary = "One node type")
    public NodeTypeDto get(@PathParam("type") String type) {
        current.get();
        return list().stream().filter(known -> known.type().equals(type)).findFirst()
                .orElseThrow(() -> new ApiException(ServerErrorCode.NOT_FOUND, "unknown node type '" + type + "'; known types: "
                        + String.join(", ", registry.names())));
    }

    private NodeTypeDto dto(NodeType<?> type) {
        NodeDescriptor descriptor = type.descriptor();
        CustomNodeType custom = type instanceof CustomNodeType customType ? customType : null;
        return new NodeTypeDto(descriptor.type(), descriptor.label(), descriptor.category().name().toLowerCase(Locale.ROOT),
                descriptor.description(), SCHEMAS.settings(type),
                descriptor.ports().inputs().stream().map(port -> switch (port.arity()) {
                    case ONE -> port.name();
                    case OPTIONAL -> port.name() + "?";
                    case MANY -> port.name() + "*";
                }).toList(),
                descriptor.ports().outputs(),
                custom == null ? null : custom.version(),
                custom == null ? List.of() : registry.versions(descriptor.type()),
                custom == null || custom.document().icon().isEmpty() ? null : custom.document().icon(),
                custom == null ? null : custom.document().toTree());
    }
}
