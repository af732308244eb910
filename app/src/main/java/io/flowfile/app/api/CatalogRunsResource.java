package io.flowfile.app.api;

import io.flowfile.app.api.CatalogDtos.CatalogRunDetail;
import io.flowfile.app.api.CatalogDtos.DisplayDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.RunHistoryService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs in the catalog's history: detail with every node's result, and what the nodes displayed. */
@Path("/api/catalog/runs")
@Tag(name = "catalog", description = "Run history, displays and artifacts the catalog keeps")
public class CatalogRunsResource {

    /**
     * Displays are the output of user code: served in a sandbox (an opaque origin that the session
     * cookie, SameSite=Strict, is not sent from), so a display's HTML may run its scripts (charts)
     * but never as the user.
     */
    static final String SANDBOX = "sandbox allow-scripts";

    @Inject
    RunHistoryService history;

    @Inject
    CurrentUser current;

    @GET
    @Path("/{id}")
    @Operation(summary = "A recorded run with every node's result")
    public CatalogRunDetail get(@PathParam("id") String id) {
        return history.detail(current.get(), Params.uuid(id, "a run id"));
    }

    @GET
    @Path("/{id}/displays")
    @Operation(summary = "What the run's nodes displayed, in order, each display with its MIME representations")
    public List<DisplayDto> displays(@PathParam("id") String id) {
        return history.displays(current.get(), Params.uuid(id, "a run id"));
    }

    @GET
    @Path("/{id}/displays/{seq}/{part}/content")
    @Operation(summary = "One representation of a display, with its MIME type as the content type")
    public Response content(@PathParam("id") String id, @PathParam("seq") String seq, @PathParam("part") String part) {
        RunHistoryService.Content content = history.content(current.get(), Params.uuid(id, "a run id"),
                Params.positive(seq, "display number"), Params.positive(part, "representation number"));
        Object entity = switch (content) {
            case RunHistoryService.Content.Inline inline -> inline.bytes();
            case RunHistoryService.Content.Blob blob -> blob.file();
        };
        String type = content.mimeType() + (RunHistoryService.isText(content.mimeType()) ? "; charset=utf-8" : "");
        return Response.ok(entity).type(type).header("Content-Security-Policy", SANDBOX).header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
