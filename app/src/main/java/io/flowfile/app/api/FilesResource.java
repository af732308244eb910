package io.flowfile.app.api;

import io.flowfile.app.api.CatalogDtos.FileEntry;
import io.flowfile.app.api.CatalogDtos.FileListing;
import io.flowfile.app.api.CatalogDtos.FileRootDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.FilesService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The file picker: what is under the server's file roots, and uploads into them. */
@Path("/api/files")
@Tag(name = "files", description = "Directories and files under the server's file roots; uploads")
public class FilesResource {

    @Inject
    FilesService files;

    @Inject
    CurrentUser current;

    @GET
    @Operation(summary = "A directory's directories and files (?path= relative to the primary root; default the root)")
    public FileListing list(@QueryParam("path") String path) {
        current.get();
        return files.list(path);
    }

    @GET
    @Path("/roots")
    @Operation(summary = "The directories the server lets users reach; relative paths start at the primary one")
    public List<FileRootDto> roots() {
        current.get();
        return files.roots();
    }

    /**
     * The request body, streamed to disk (never held in memory). Past {@code flowfile.server.upload-max-bytes}
     * it is a 413 that leaves nothing behind; an existing file is a 409 unless {@code overwrite=true}.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload the request body (application/octet-stream) to ?path=dir/name.csv; ?overwrite=true replaces a file")
    public Response upload(@QueryParam("path") String path, @QueryParam("overwrite") String overwrite, InputStream body,
                           @Context HttpServerRequest request) {
        try {
            current.get();
            FileEntry written = files.upload(path, Params.flag(overwrite, "overwrite"), body);
            return Response.status(201).entity(written).build();
        } catch (RuntimeException e) {
            BodyLimits.drain(body, request); // what the refusal left unread, so that the client gets the answer
            throw e;
        }
    }
}
