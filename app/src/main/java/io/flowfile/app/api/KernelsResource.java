package io.flowfile.app.api;

import io.flowfile.app.api.KernelDtos.Connection;
import io.flowfile.app.api.KernelDtos.DockerStatus;
import io.flowfile.app.api.KernelDtos.KernelDto;
import io.flowfile.app.api.KernelDtos.KernelEnvironment;
import io.flowfile.app.api.KernelDtos.KernelRequest;
import io.flowfile.app.events.EventLog;
import io.flowfile.app.security.Access;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.app.service.KernelsService;
import io.flowfile.catalog.api.UserRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Kernels: definitions, lifecycle, live state and statistics, connection files, Docker status. */
@Path("/api")
@Tag(name = "kernels", description = "Python kernels: Docker containers speaking the Jupyter protocol")
public class KernelsResource {

    @Inject
    KernelsService kernels;

    @Inject
    CurrentUser current;

    @Inject
    Access access;

    @Inject
    SseStreams streams;

    @GET
    @Path("/kernels")
    @Operation(summary = "My kernels (an admin's: all) with state, reason and live memory/CPU")
    public List<KernelDto> list() {
        return kernels.list(current.get());
    }

    @POST
    @Path("/kernels")
    @Operation(summary = "Define a kernel of mine: id, name, packages, memoryGb (0.5-64), cpus (0.5-32), gpus, recoveryMode, idleTimeout, maxLifetime")
    public Response create(KernelRequest request) {
        return Response.status(201).entity(kernels.create(current.get(), request)).build();
    }

    @GET
    @Path("/kernels/{id}")
    @Operation(summary = "One kernel")
    public KernelDto get(@PathParam("id") String id) {
        return kernels.get(current.get(), id);
    }

    @PUT
    @Path("/kernels/{id}")
    @Operation(summary = "Change a kernel's definition (takes effect at its next start)")
    public KernelDto change(@PathParam("id") String id, KernelRequest request) {
        return kernels.change(current.get(), id, request);
    }

    @DELETE
    @Path("/kernels/{id}")
    @Operation(summary = "Stop and delete a kernel")
    public Response delete(@PathParam("id") String id) {
        kernels.delete(current.get(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/kernels/{id}/start")
    @Operation(summary = "Start a kernel (answers Starting or Pending at once; follow /api/kernels/events)")
    public KernelDto start(@PathParam("id") String id) {
        return kernels.start(current.get(), id);
    }

    @POST
    @Path("/kernels/{id}/stop")
    @Operation(summary = "Stop a kernel")
    public KernelDto stop(@PathParam("id") String id) {
        return kernels.stop(current.get(), id);
    }

    @POST
    @Path("/kernels/{id}/restart")
    @Operation(summary = "Restart a kernel")
    public KernelDto restart(@PathParam("id") String id) {
        return kernels.restart(current.get(), id);
    }

    @POST
    @Path("/kernels/{id}/interrupt")
    @Operation(summary = "Interrupt the cell a kernel runs (KeyboardInterrupt)")
    public KernelDto interrupt(@PathParam("id") String id) {
        return kernels.interrupt(current.get(), id);
    }

    @GET
    @Path("/kernels/{id}/environment")
    @Operation(summary = "A kernel's packages with their locked versions (its own resolved at its first start)")
    public KernelEnvironment environment(@PathParam("id") String id) {
        return kernels.environment(current.get(), id);
    }

    @GET
    @Path("/kernels/{id}/connection")
    @Operation(summary = "A running kernel's connection file, for its owner: attach any Jupyter client")
    public Connection connection(@PathParam("id") String id) {
        return kernels.connection(current.get(), id);
    }

    @GET
    @Path("/docker")
    @Operation(summary = "Docker reachable? kernel image present? and the command that fixes it")
    public DockerStatus docker() {
        current.get();
        return kernels.docker();
    }

    @POST
    @Path("/docker/image/build")
    @Operation(summary = "Build the kernel image (admins); follow GET /api/docker/image/build/events")
    public Response buildImage() {
        kernels.buildImage(current.get());
        return Response.accepted(Map.of("events", "/api/docker/image/build/events")).build();
    }

    /** The image build's output lines ({@code output}) and its {@code end}, from the first line. */
    @GET
    @Path("/docker/image/build/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The kernel image build's progress as server-sent events, from its first line to its end")
    public void imageBuildEvents(@Context SseEventSink sink, @Context Sse sse) {
        stream(kernels.imageBuild(current.get()), 0, entry -> true, sink, sse);
    }

    /** Server-sent events {@code state} (every change of a kernel I may see) and {@code stats} (every 2 s). */
    @GET
    @Path("/kernels/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "State changes and memory/CPU of the kernels I may see, as server-sent events")
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        UserRecord user = current.get();
        kernels.list(user); // opens the kernel plane (or answers 503 saying why it cannot)
        EventLog log = kernels.events();
        stream(log, log.lastId(), entry -> {
            Object owner = entry.data() instanceof Map<?, ?> data ? data.get("owner") : null;
            return owner == null ? user.role() == io.flowfile.catalog.api.Role.ADMIN : access.maySee(user, owner.toString());
        }, sink, sse);
    }

    private void stream(EventLog log, long after, java.util.function.Predicate<EventLog.Entry> visible, SseEventSink sink, Sse sse) {
        streams.stream(log, after, visible, sink, sse);
    }
}
