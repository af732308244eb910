package io.flowfile.app.api;

import io.flowfile.app.api.Dtos.NodeTypeDto;
import io.flowfile.app.security.CurrentUser;
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

/** The node types the palette shows, each with its settings' JSON Schema. */
@Path("/api/node-types")
@Tag(name = "node types", description = "The palette: node types, ports and settings schemas")
public class NodeTypesResource {

    private static final JsonSchemas SCHEMAS = new JsonSchemas();

    @Inject
    NodeRegistry registry;

    @Inject
    CurrentUser current;

    /** The node types never change while the server runs: their schemas are made once. */
    private volatile List<NodeTypeDto> types;

    @GET
    @Operation(summary = "Every node type by category")
    public List<NodeTypeDto> list() {
        current.get();
        List<NodeTypeDto> known = types;
        if (known == null) {
            known = registry.types().stream()
                    .sorted(Comparator.comparing((NodeType<?> type) -> type.descriptor().category()).thenComparing(type -> type.descriptor().type()))
                    .map(NodeTypesResource::dto).toList();
            types = known;
        }
        return known;
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

    private static NodeTypeDto dto(NodeType<?> type) {
        NodeDescriptor descriptor = type.descriptor();
        return new NodeTypeDto(descriptor.type(), descriptor.label(), descriptor.category().name().toLowerCase(Locale.ROOT),
                descriptor.description(), SCHEMAS.settings(type),
                descriptor.ports().inputs().stream().map(port -> switch (port.arity()) {
                    case ONE -> port.name();
                    case OPTIONAL -> port.name() + "?";
                    case MANY -> port.name() + "*";
                }).toList(),
                descriptor.ports().outputs());
    }
}
