package io.flowfile.app.api;

import io.flowfile.app.api.CatalogDtos.GlobalArtifactDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.ArtifactsService;
import io.flowfile.catalog.api.StoredGlobalArtifact;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Global artifacts: what registered flows published with {@code publish_global}, every version kept. */
@Path("/api/artifacts")
@Tag(name = "catalog", description = "Run history, displays and artifacts the catalog keeps")
public class ArtifactsResource {

    @Inject
    ArtifactsService artifacts;

    @Inject
    CurrentUser current;

    @GET
    @Operation(summary = "The latest version of every global artifact (only those whose latest version has every ?tag=)")
    public List<GlobalArtifactDto> list(@QueryParam("tag") List<String> tags) {
        current.get();
        return artifacts.latest(tags == null ? Set.of() : Set.copyOf(tags));
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "Every version of a global artifact, oldest first, with its lineage")
    public List<GlobalArtifactDto> versions(@PathParam("name") String name) {
        current.get();
        return artifacts.versions(name);
    }

    @GET
    @Path("/{name}/versions/{version}/download")
    @Operation(summary = "A version's bytes (checked against its SHA-256 first)")
    public Response download(@PathParam("name") String name, @PathParam("version") String version) {
        current.get();
        StoredGlobalArtifact stored = artifacts.download(name, Params.positive(version, "version"));
        return Response.ok(stored.blob()).type(MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + ArtifactsService.fileName(stored.artifact()) + "\"")
                .header("ETag", "\"" + stored.artifact().sha256() + "\"")
                .build();
    }

    @GET
    @Path("/{name}/versions/{version}/rows")
    @Operation(summary = "The first rows of a version that is a DataFrame (Parquet), with its columns and row count; limit 1-1000, "
            + "default 20; another format is a 409")
    public ArtifactRowsDto rows(@PathParam("name") String name, @PathParam("version") String version, @QueryParam("limit") String limit) {
        current.get();
        return artifacts.rows(name, Params.positive(version, "version"), Params.optionalPositive(limit, "limit", 20));
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a global artifact with every version (admins only)")
    public Response delete(@PathParam("name") String name) {
        artifacts.delete(current.get(), name, Optional.empty());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{name}/versions/{version}")
    @Operation(summary = "Delete one version of a global artifact (admins only); its last version takes the name with it")
    public Response deleteVersion(@PathParam("name") String name, @PathParam("version") String version) {
        artifacts.delete(current.get(), name, Optional.of(Params.positive(version, "version")));
        return Response.noContent().build();
    }
}
