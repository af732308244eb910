package io.flowfile.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowfile.node.Column;
import io.flowfile.node.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The records the API takes and answers (the OpenAPI document is made from them). */
public final class Dtos {

    private Dtos() {
    }

    public record ColumnDto(String name, String type) {
        public static List<ColumnDto> of(Schema schema) {
            return schema.columns().stream().map(column -> new ColumnDto(column.name(), column.type())).toList();
        }

        public static ColumnDto of(Column column) {
            return new ColumnDto(column.name(), column.type());
        }
    }

    /** A draft with what the UI needs to draw it: every node's predicted output columns and every problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DraftView(UUID id, String name, String owner, long revision, JsonNode document,
                            Map<String, Map<String, List<ColumnDto>>> schemas, List<ApiError.ProblemDto> problems,
                            boolean canUndo, boolean canRedo, Instant created, Instant updated, JsonNode lastRun) {
    }

    public record DraftSummary(UUID id, String name, String owner, long revision, Instant updated) {
    }

    /**
     * A new draft: an empty flow named {@code name}, or an imported document (JSON object, or text
     * in {@code format} json or yaml).
     */
    public record NewDraft(String name, JsonNode document, String format) {
    }

    /** A batch of edits based on {@code revision} (see the edit operations in the README). */
    public record EditBatch(Long revision, JsonNode edits) {
    }

    public record RevisionRequest(Long revision) {
    }

    public record RegisterRequest(String description) {
    }

    public record VersionDto(String flow, int version, String sha256, String format, long sizeBytes, Instant created, String createdBy) {
    }

    public record FlowDto(String name, String description, Instant created, Instant updated, VersionDto latest) {
    }

    /** Start a run with parameter values and a mode (performance, the default, or development). */
    public record RunRequest(Map<String, String> parameters, String mode) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunDto(UUID id, String state, String owner, String source, UUID draft, String flow, Integer version,
                         String trigger, String mode, Map<String, String> parameters, Instant queued, Instant started,
                         Instant finished, Long durationMillis, Map<String, NodeOutcome> nodes, List<ApiError.ProblemDto> errors,
                         Long lastEventId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeOutcome(String state, Long rows, Long millis, Boolean cached, String fusedInto, String error) {
    }

    public record PreviewRequest(String node, String port, Integer limit) {
    }

    public record PreviewDto(String node, String port, List<ColumnDto> columns, List<List<Object>> rows, int limit, boolean truncated) {
    }

    /** A cell to run on a code node's kernel. */
    public record CellRequest(String code) {
    }

    /** Code and a cursor position in it, for completion and inspection. */
    public record CodeAtCursor(String code, Integer cursor) {
    }

    public record Completions(List<String> matches, int cursorStart, int cursorEnd) {
    }

    public record Inspection(boolean found, Map<String, Object> data) {
    }

    public record LoginRequest(String username, String password) {
    }

    public record UserDto(UUID id, String username, String role, Instant created) {
    }

    public record Me(UserDto user, String csrfToken) {
    }

    public record NewUser(String username, String password, String role) {
    }

    public record NewToken(String name, Instant expires) {
    }

    /** A secret as listed: its name and when it was set, never its value. */
    public record SecretDto(String name, Instant created, Instant updated) {
    }

    /** The value to set a secret to. */
    public record SecretValue(String value) {
        /** Without the value, so that a log line never shows it. */
        @Override
        public String toString() {
            return "SecretValue[value=***]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenDto(UUID id, String name, Instant created, Instant expires, Instant lastUsed, boolean revoked, String secret) {
    }

    /** What changed between two documents; positions are ignored. */
    public record DiffDto(List<String> nodesAdded, List<String> nodesRemoved, List<SettingChange> nodesChanged,
                          List<String> edgesAdded, List<String> edgesRemoved, List<String> inputsReordered,
                          List<FlowChange> flowChanged) {
    }

    public record FlowChange(String path, String before, String after) {
    }

    public record SettingChange(String node, String path, JsonNode before, JsonNode after) {
    }

    /**
     * A node type of the palette.
     *
     * @param version  a custom type's newest published version (null for a built-in)
     * @param versions a custom type's published versions, oldest first (empty for a built-in)
     * @param custom   a custom type's document (its form and implementation), null for a built-in
     */
    public record NodeTypeDto(String type, String title, String category, String description, JsonNode settingsSchema,
                              List<String> inputs, List<String> outputs, Integer version, List<Integer> versions, String icon,
                              JsonNode custom) {
    }
}
