package io.flowfile.app.api;

import io.flowfile.app.api.CatalogDtos.CatalogRunDetail;
import io.flowfile.app.api.CatalogDtos.DisplayDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.RunHistoryService;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs in the catalog's history: the list with filters, detail with every node's result, and what the nodes displayed. */
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
    @Operation(summary = "Recorded runs of every flow, newest first: mine (all for an admin); filters flow (name), state "
            + "(queued, running, succeeded, failed, cancelled), trigger (manual, schedule, api, cli), since and until (ISO-8601 "
            + "instants, on the queued time: since inclusive, until exclusive); limit 1-1000, default 50")
    public List<CatalogDtos.CatalogRunDto> list(@QueryParam("flow") String flow, @QueryParam("state") String state,
                                                @QueryParam("trigger") String trigger, @QueryParam("since") String since,
                                                @QueryParam("until") String until, @QueryParam("limit") String limit) {
        return history.list(current.get(), Optional.ofNullable(flow).filter(name -> !name.isBlank()),
                choice(state, "state", RunState.class), choice(trigger, "trigger", RunTrigger.class), instant(since, "since"),
                instant(until, "until"), Params.optionalPositive(limit, "limit", FlowRunsResource.DEFAULT_LIMIT));
    }

    private static <E extends Enum<E>> Optional<E> choice(String text, String name, Class<E> type) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(value -> value.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", was '" + text + "'");
        }
    }

    private static Optional<Instant> instant(String text, String name) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, name + " must be an ISO-8601 instant such as 2026-01-31T08:00:00Z, was '"
                    + text + "'");
        }
    }

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
