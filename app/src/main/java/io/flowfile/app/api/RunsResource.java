package io.flowfile.app.api;

import io.flowfile.app.api.Dtos.RunDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.LiveRun;
import io.flowfile.app.service.RunsService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The runs this server started: list, detail, cancel, and their live events. */
@Path("/api/runs")
@Tag(name = "runs", description = "Runs of drafts and versions, with live events")
public class RunsResource {

    @Inject
    RunsService runs;

    @Inject
    CurrentUser current;

    @Inject
    SseStreams streams;

    @GET
    @Operation(summary = "The runs I may see that this server holds (running and recent), newest first")
    public List<RunDto> list() {
        return runs.list(current.get()).stream().map(LiveRun::dto).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run: state, each node's outcome, errors")
    public RunDto get(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id) {
        return runs.get(current.get(), runId(id)).dto();
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a run; its end event says cancelled")
    public RunDto cancel(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id) {
        return runs.cancel(current.get(), runId(id)).dto();
    }

    /**
     * Server-sent events: {@code run} (queued, running), one per node event ({@code queued},
     * {@code running}, {@code output}, {@code display}, {@code exchanged}, {@code succeeded},
     * {@code failed}, {@code skipped}, {@code cancelled}), then {@code end}. Each event has an id; a
     * client that reconnects with {@code Last-Event-ID} (or {@code ?after=}) gets what it missed.
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The run's events as server-sent events, from the first (or after Last-Event-ID) to its end")
    public void events(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(schema = @Schema(implementation = Long.class)) @QueryParam("after") String after, @Context SseEventSink sink,
            @Context Sse sse) {
        long from = after != null && !after.isBlank() ? Params.eventId(after, "query parameter 'after'") : parse(lastEventId);
        LiveRun run = runs.get(current.get(), runId(id));
        streams.stream(run.events(), from, entry -> true, sink, sse);
    }

    private static UUID runId(String id) {
        return Params.uuid(id, "a run id");
    }

    private static long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "Last-Event-ID must be an event id (a number), was '" + lastEventId + "'");
        }
    }
}
