package io.flowfile.app.api;

import io.flowfile.app.api.ScheduleDtos.ScheduleDto;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.SchedulesService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A registered flow's schedules (its own class path, as {@link FlowRunsResource}). */
@Path("/api/flows/{name}/schedules")
@Tag(name = "schedules", description = "Schedules of registered flows, their next fire times and tick history")
public class FlowSchedulesResource {

    @Inject
    SchedulesService schedules;

    @Inject
    CurrentUser current;

    @GET
    @Operation(summary = "The flow's schedules: mine (all for an admin)")
    public List<ScheduleDto> list(@PathParam("name") String name) {
        return schedules.listForFlow(current.get(), name);
    }
}
