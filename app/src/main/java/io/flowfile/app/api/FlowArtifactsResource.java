package io.flowfile.app.api;

import io.flowfile.app.api.CatalogDtos.FlowArtifactDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.ArtifactsService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A flow's flow-scoped artifacts, per kernel (their bytes stay with the kernel). */
@Path("/api/flows/{name}/artifacts")
@Tag(name = "catalog", description = "Run history, displays and artifacts the catalog keeps")
public class FlowArtifactsResource {

    @Inject
    ArtifactsService artifacts;

    @Inject
    CurrentUser current;

    @GET
    @Operation(summary = "The flow's artifacts on my kernels (all for an admin), or on ?kernel= only; by kernel and name")
    public List<FlowArtifactDto> list(@PathParam("name") String name, @QueryParam("kernel") String kernel) {
        return artifacts.flowScoped(current.get(), name, Optional.ofNullable(kernel).filter(id -> !id.isBlank()));
    }
}
