package io.flowfile.app.api;

import io.flowfile.app.api.CatalogDtos.CatalogRunDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.RunHistoryService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A registered flow's run history from the catalog (its own class path: {@link FlowsResource} has
 * {@code /api/flows}, and the more specific class path is matched first).
 */
@Path("/api/flows/{name}/runs")
@Tag(name = "catalog", description = "Run history, displays and artifacts the catalog keeps")
public class FlowRunsResource {

    static final int DEFAULT_LIMIT = 50;

    @Inject
    RunHistoryService history;

    @Inject
    CurrentUser current;

    @GET
    @Operation(summary = "The flow's recorded runs, newest first: mine (all for an admin); limit 1-1000, default 50")
    public List<CatalogRunDto> list(@PathParam("name") String name, @QueryParam("limit") String limit) {
        return history.listForFlow(current.get(), name, Params.optionalPositive(limit, "limit", DEFAULT_LIMIT));
    }
}
