package io.flowfile.app.api;

import io.flowfile.app.api.ScheduleDtos.TriggerPreviewDto;
import io.flowfile.app.api.ScheduleDtos.TriggerPreviewRequest;
import io.flowfile.app.api.ScheduleDtos.ScheduleDto;
import io.flowfile.app.api.ScheduleDtos.ScheduleRequest;
import io.flowfile.app.api.ScheduleDtos.TickDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.SchedulesService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Schedules of registered flows: cron, interval or after another flow; their policies, fire times and ticks. */
@Path("/api/schedules")
@Tag(name = "schedules", description = "Schedules of registered flows, their next fire times and tick history")
public class SchedulesResource {

    static final int DEFAULT_TICKS = 50;

    @Inject
    SchedulesService schedules;

    @Inject
    CurrentUser current;

    @GET
    @Operation(summary = "My schedules (an admin's: all), oldest first, each with its next fire time and last tick")
    public List<ScheduleDto> list() {
        return schedules.list(current.get());
    }

    @POST
    @Operation(summary = "Create a schedule of a registered flow: flow, version (null: latest at fire time), trigger, parameters, policies, paused")
    @APIResponse(responseCode = "201", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ScheduleDto.class)))
    public Response create(ScheduleRequest request) {
        return Response.status(201).entity(schedules.create(current.get(), request)).build();
    }

    @POST
    @Path("/preview")
    @Operation(summary = "What a trigger (not saved) means and its next fire times (count 1-100, default 5), in its zone and UTC")
    public TriggerPreviewDto preview(TriggerPreviewRequest request) {
        return schedules.preview(request);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One schedule")
    public ScheduleDto get(@PathParam("id") String id) {
        return schedules.detail(current.get(), Params.uuid(id, "a schedule id"));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a schedule's flow, version, trigger, parameters and policies")
    public ScheduleDto update(@PathParam("id") String id, ScheduleRequest request) {
        return schedules.update(current.get(), Params.uuid(id, "a schedule id"), request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a schedule with its tick history (its runs stay in the run history)")
    @APIResponse(responseCode = "204")
    public Response delete(@PathParam("id") String id) {
        schedules.delete(current.get(), Params.uuid(id, "a schedule id"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause: no tick fires until it is resumed")
    public ScheduleDto pause(@PathParam("id") String id) {
        return schedules.pause(current.get(), Params.uuid(id, "a schedule id"));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume from now on (fire times that passed while paused do not run); the failure count starts again")
    public ScheduleDto resume(@PathParam("id") String id) {
        return schedules.resume(current.get(), Params.uuid(id, "a schedule id"));
    }

    @POST
    @Path("/{id}/run")
    @Operation(summary = "Run now (whatever runs already): a tick of kind run_now with its run")
    @APIResponse(responseCode = "202", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TickDto.class)))
    public Response runNow(@PathParam("id") String id) {
        return Response.status(202).entity(schedules.runNow(current.get(), Params.uuid(id, "a schedule id"))).build();
    }

    @GET
    @Path("/{id}/ticks")
    @Operation(summary = "The schedule's ticks, newest first (limit 1-1000, default 50): fired run, skipped, queued, missed, retried, failed")
    public List<TickDto> ticks(@PathParam("id") String id, @QueryParam("limit") String limit) {
        return schedules.ticks(current.get(), Params.uuid(id, "a schedule id"), Params.optionalPositive(limit, "limit", DEFAULT_TICKS));
    }

    @GET
    @Path("/{id}/next")
    @Operation(summary = "The schedule's next fire times (count 1-100, default 5), in its zone and UTC; none while paused")
    public TriggerPreviewDto next(@PathParam("id") String id, @QueryParam("count") String count) {
        return schedules.next(current.get(), Params.uuid(id, "a schedule id"),
                Params.optionalPositive(count, "count", SchedulesService.DEFAULT_FIRE_TIMES));
    }
}
