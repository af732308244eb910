package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.CatalogDtos.CatalogRunDetail;
import io.flowfile.app.api.CatalogDtos.CatalogRunDto;
import io.flowfile.app.api.CatalogDtos.DisplayDto;
import io.flowfile.app.api.CatalogDtos.ErrorDto;
import io.flowfile.app.api.CatalogDtos.NodeResultDto;
import io.flowfile.app.api.CatalogDtos.RepresentationDto;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.security.Access;
import io.flowfile.catalog.api.DisplayOutput;
import io.flowfile.catalog.api.NodeResult;
import io.flowfile.catalog.api.RunError;
import io.flowfile.catalog.api.RunOutputRecord;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.blob.BlobStore;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.run.RunOutputService;
import io.flowfile.catalog.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The catalog's run history over HTTP: runs of registered flows with their node results and what
 * their nodes displayed. A user sees the runs they started, an admin every run (also those nobody
 * is known to have started, e.g. from the command line); any other run does not exist for them.
 */
@ApplicationScoped
public class RunHistoryService {

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    @Inject
    RunOutputService outputs;

    @Inject
    BlobStore blobs;

    @Inject
    Access access;

    /** A display representation's content: bytes kept inline, or the blob file checked against its SHA-256. */
    public sealed interface Content {
        String mimeType();

        record Inline(String mimeType, byte[] bytes) implements Content {
        }

        record Blob(String mimeType, Path file) implements Content {
        }
    }

    /** The newest {@code limit} runs of flow {@code flow} that {@code user} may see, newest first. */
    public List<CatalogRunDto> listForFlow(UserRecord user, String flow, int limit) {
        return runs.listForFlow(flow, limit, access.ownerFilter(user)).stream().map(run -> dto(run, flow)).toList();
    }

    /**
     * The newest {@code limit} runs of every flow (or of {@code flow}) that {@code user} may see, newest
     * first, filtered by state, trigger and queued time ({@code since} inclusive, {@code until} exclusive).
     */
    public List<CatalogRunDto> list(UserRecord user, java.util.Optional<String> flow, java.util.Optional<io.flowfile.catalog.api.RunState> state,
                                    java.util.Optional<io.flowfile.catalog.api.RunTrigger> trigger, java.util.Optional<java.time.Instant> since,
                                    java.util.Optional<java.time.Instant> until, int limit) {
        var filter = new io.flowfile.catalog.api.RunFilter(flow, state, trigger, since, until, access.ownerFilter(user));
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        return runs.list(filter, limit).stream()
                .map(run -> dto(run, names.computeIfAbsent(run.flowId(), id -> flows.find(id).map(io.flowfile.catalog.api.FlowRecord::name).orElse(null))))
                .toList();
    }

    public CatalogRunDetail detail(UserRecord user, UUID runId) {
        RunRecord run = run(user, runId);
        List<NodeResultDto> nodes = runs.nodes(runId).stream().map(RunHistoryService::dto).toList();
        int displays = displays(outputs.list(runId)).size();
        return new CatalogRunDetail(dto(run, flows.version(run.flowVersionId()).name()), nodes, displays);
    }

    /** The run's displays in order, each with its representations. */
    public List<DisplayDto> displays(UserRecord user, UUID runId) {
        run(user, runId);
        List<DisplayDto> displays = new ArrayList<>();
        for (List<RunOutputRecord> display : displays(outputs.list(runId))) {
            RunOutputRecord first = display.getFirst();
            List<RepresentationDto> representations = new ArrayList<>();
            for (int part = 1; part <= display.size(); part++) {
                RunOutputRecord output = display.get(part - 1);
                representations.add(new RepresentationDto(part, output.mimeType(), output.sizeBytes(), output.inline(),
                        "/api/catalog/runs/" + runId + "/displays/" + first.seq() + "/" + part + "/content"));
            }
            displays.add(new DisplayDto(first.seq(), first.nodeId(), first.title(), first.createdAt(), representations));
        }
        return displays;
    }

    /** Representation {@code part} of display {@code seq} of the run. */
    public Content content(UserRecord user, UUID runId, int seq, int part) {
        run(user, runId);
        List<RunOutputRecord> display = displays(outputs.list(runId)).stream().filter(parts -> parts.getFirst().seq() == seq)
                .findFirst().orElseThrow(() -> ApiException.notFound("display " + seq + " of run " + runId));
        if (part > display.size()) {
            throw ApiException.notFound("representation " + part + " of display " + seq + " of run " + runId
                    + " (it has " + display.size() + ")");
        }
        RunOutputRecord output = display.get(part - 1);
        if (output.inline()) {
            return new Content.Inline(output.mimeType(), outputs.content(output));
        }
        // the blob holds exactly what RunOutputService.content answers (a base64 image decoded): stream it from disk
        return new Content.Blob(output.mimeType(), blobs.verified(output.blobSha256()));
    }

    /** Whether the content is text (answered with charset UTF-8) rather than bytes such as a PNG. */
    public static boolean isText(String mimeType) {
        return !DisplayOutput.isBase64(mimeType);
    }

    private RunRecord run(UserRecord user, UUID runId) {
        RunRecord run = runs.find(runId).orElse(null);
        if (run == null || !access.maySee(user, run.startedBy())) {
            throw new ApiException(ServerErrorCode.RUN_NOT_FOUND, "run " + runId + " not found in the catalog's run history");
        }
        return run;
    }

    /** The outputs grouped by display: consecutive records of one seq, in part order (as the catalog lists them). */
    private static List<List<RunOutputRecord>> displays(List<RunOutputRecord> outputs) {
        List<List<RunOutputRecord>> displays = new ArrayList<>();
        for (RunOutputRecord output : outputs) {
            if (displays.isEmpty() || displays.getLast().getFirst().seq() != output.seq()) {
                displays.add(new ArrayList<>());
            }
            displays.getLast().add(output);
        }
        return displays;
    }

    static CatalogRunDto dto(RunRecord run, String flow) {
        Long duration = run.startedAt() == null || run.finishedAt() == null ? null
                : Duration.between(run.startedAt(), run.finishedAt()).toMillis();
        return new CatalogRunDto(run.id(), flow, run.flowVersion(), run.trigger().name(), run.state().name(), run.startedBy(),
                run.parameters(), run.queuedAt(), run.startedAt(), run.finishedAt(), duration, dto(run.error()), run.scheduleId());
    }

    private static NodeResultDto dto(NodeResult node) {
        return new NodeResultDto(node.nodeId(), node.nodeType(), node.state().name(), node.rows() < 0 ? null : node.rows(),
                node.durationMillis() < 0 ? null : node.durationMillis(), node.cached(), dto(node.error()), node.startedAt(), node.finishedAt());
    }

    private static ErrorDto dto(RunError error) {
        return error == null ? null : new ErrorDto(error.code(), error.name(), error.message());
    }
}
