package io.flowfile.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowfile.app.api.ApiError.ProblemDto;
import io.flowfile.app.api.Dtos.ColumnDto;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Node Designer's bodies: custom node types, their versions, and test runs. */
public final class NodeTypeDtos {

    private NodeTypeDtos() {
    }

    /** One saved version of a custom node type. */
    public record NodeTypeVersionDto(String name, int version, String title, String implementation, String contentSha256,
                                     Instant createdAt, String createdBy, boolean published, Instant publishedAt, String publishedBy) {
    }

    /** A custom node type with every saved version, oldest first. */
    public record CustomNodeTypeDto(String name, String title, String category, String implementation, Integer publishedVersion,
                                    List<NodeTypeVersionDto> versions) {
    }

    /** One version with its document (as JSON, in its stable form). */
    public record NodeTypeVersionDetailDto(NodeTypeVersionDto version, JsonNode document) {
    }

    /** A document to save (JSON form of the YAML file), and whether to publish the saved version at once. */
    public record SaveNodeTypeRequest(@Schema(required = true, description = "the node type document (flowfile_node: 1)") JsonNode document,
                                      Boolean publish) {
    }

    /** A sample table for one input port of a test run. */
    public record SampleTableDto(@Schema(required = true) List<ColumnDto> columns,
                                 @Schema(required = true, description = "rows, each one JSON value per column") List<List<JsonNode>> rows) {
    }

    /**
     * A test of a node type document (saved or not) on sample inputs.
     *
     * @param settings the node's settings (for a Python type with kernel_id)
     * @param inputs   per input port its sample table
     * @param limit    rows to return (default 100, at most 1,000)
     */
    public record NodeTypeTestRequest(@Schema(required = true) JsonNode document, JsonNode settings, Map<String, SampleTableDto> inputs,
                                      Integer limit) {
    }

    /**
     * What a test gave: the output's predicted and actual columns and its first rows, or the problems
     * that stopped it (settings, inputs, the query or the code); what the code printed.
     */
    public record NodeTypeTestResultDto(boolean ok, List<ColumnDto> predicted, List<ColumnDto> columns, List<List<Object>> rows,
                                        boolean truncated, List<ProblemDto> problems, List<String> logs, long millis) {
    }
}
