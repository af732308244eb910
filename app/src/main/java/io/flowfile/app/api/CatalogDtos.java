package io.flowfile.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the catalog's endpoints (run history, displays, artifacts) and the file picker answer. */
public final class CatalogDtos {

    private CatalogDtos() {
    }

    /** Why a run or a node failed, as the module that failed numbered it. */
    public record ErrorDto(int code, String name, String message) {
    }

    /**
     * A run of a registered flow version as the catalog keeps it.
     *
     * @param startedBy the user who started it; absent when not known (the command line, runs from before users)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CatalogRunDto(UUID id, String flow, int version, String trigger, String state, String startedBy,
                                Map<String, String> parameters, Instant queued, Instant started, Instant finished,
                                Long durationMillis, ErrorDto error,
                                @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "the schedule that started it (trigger SCHEDULE), else null")
                                UUID scheduleId) {
    }

    /** What one node of a run did; rows and millis are absent when not known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** @param started when it started (null when not known); {@code finished} when it ended (null while it runs or not known) */
    public record NodeResultDto(String node, String type, String state, Long rows, Long millis, boolean cached, ErrorDto error,
                                java.time.Instant started, java.time.Instant finished) {
    }

    /** A run with every node's result and how many displays it kept. */
    public record CatalogRunDetail(CatalogRunDto run, List<NodeResultDto> nodes, int displays) {
    }

    /** One display of a node during a run, with each of its MIME representations. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DisplayDto(int seq, String node, String title, Instant created, List<RepresentationDto> representations) {
    }

    /**
     * One MIME representation of a display.
     *
     * @param sizeBytes decoded bytes for a base64 image, UTF-8 bytes otherwise
     * @param content   where to get it (GET), answered with {@code mimeType} as its content type
     */
    public record RepresentationDto(int part, String mimeType, long sizeBytes, boolean inline, String content) {
    }

    /**
     * One version of a global artifact.
     *
     * @param download where to get its bytes (GET)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GlobalArtifactDto(String name, int version, String pythonType, String format, long sizeBytes, String sha256,
                                    String description, List<String> tags, LineageDto lineage, Instant created, String download) {
    }

    /**
     * Where a global artifact came from.
     *
     * @param flowRegistered false once that flow was deleted (its name and version number stay)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineageDto(String flow, int flowVersion, boolean flowRegistered, UUID run, String node, String kernel) {
    }

    /** A flow-scoped artifact a kernel holds (its bytes stay with the kernel). */
    public record FlowArtifactDto(String flow, String kernel, String name, String node, String pythonType, String format,
                                  long sizeBytes, String sha256, Instant created) {
    }

    /** A version of a global artifact a node read: how often, and when last. */
    public record GlobalReadDto(GlobalArtifactDto artifact, long count, Instant lastRead) {
    }

    /**
     * The artifacts around a code node of a draft: the flow-scoped ones on its kernel that nodes
     * before it published (it can read them) and those it published itself, and the global ones it
     * published (in runs of the registered flow of the same name) or read.
     *
     * @param scope the flow's identity on the kernel (its flow-scoped artifacts live under it)
     */
    public record NodeArtifactsDto(String kernel, String scope, List<FlowArtifactDto> upstream, List<FlowArtifactDto> published,
                                   List<GlobalArtifactDto> globalPublished, List<GlobalReadDto> globalRead) {
    }

    /**
     * A directory or file under the file roots.
     *
     * @param path      as a request or a node's settings name it: relative to the primary root, absolute in another root
     * @param kind      {@code directory} or {@code file}
     * @param sizeBytes a file's size; absent for a directory
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileEntry(String name, String path, String kind, Long sizeBytes, Instant modified) {
    }

    /**
     * A directory's entries, directories first, then by name.
     *
     * @param truncated whether the directory has more entries than a listing gives
     */
    public record FileListing(String path, List<FileEntry> entries, boolean truncated) {
    }

    /** A directory the server lets users reach; relative paths resolve against the primary one. */
    public record FileRootDto(String path, boolean primary) {
    }
}
