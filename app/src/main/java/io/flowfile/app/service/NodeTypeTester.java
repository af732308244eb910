package io.flowfile.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.app.api.ApiError.ProblemDto;
import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.Dtos.ColumnDto;
import io.flowfile.app.api.NodeTypeDtos.NodeTypeTestRequest;
import io.flowfile.app.api.NodeTypeDtos.NodeTypeTestResultDto;
import io.flowfile.app.api.NodeTypeDtos.SampleTableDto;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.config.FileRoots;
import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.app.kernel.LazyKernelGateway;
import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import io.flowfile.engine.custom.CustomNodeType;
import io.flowfile.engine.custom.NodeTypeDocument;
import io.flowfile.engine.exec.NodeEvent;
import io.flowfile.engine.exec.Table;
import io.flowfile.engine.flow.Edge;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowNode;
import io.flowfile.engine.flow.PortRef;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a node type document (saved or not) on sample inputs, as the Node Designer's Test tab does: a
 * flow of one Manual Input node per input port and the node, on an engine of its own (so an unsaved
 * type never reaches the palette and its results never reach the server's cache), with the server's
 * file roots and kernels.
 */
@ApplicationScoped
public class NodeTypeTester {

    public static final int MAX_ROWS = 1000;
    private static final String NODE = "node";

    @Inject
    FlowfileConfig config;

    @Inject
    FileRoots roots;

    @Inject
    LazyKernelGateway kernels;

    @Inject
    NodeRegistry serverRegistry;

    @Inject
    KernelOwnership kernelOwnership;

    public NodeTypeTestResultDto test(UserRecord user, NodeTypeTestRequest request) {
        long started = System.nanoTime();
        if (request.document() == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'document' is missing: the node type document to test");
        }
        int limit = request.limit() == null ? 100 : request.limit();
        if (limit < 1 || limit > MAX_ROWS) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "limit must be between 1 and " + MAX_ROWS + ", was " + limit);
        }
        NodeTypeDocument document = NodeTypeDocument.fromTree(request.document());
        CustomNodeType type = CustomNodeType.of(document);
        NodeRegistry registry = serverRegistry.fixedOnly();
        if (registry.isFixed(document.type())) {
            throw new ApiException(ServerErrorCode.CONFLICT, "'" + document.type() + "' is the name of a built-in node type; choose another name");
        }
        registry.publish(type);
        if (request.settings() != null && request.settings().path("kernel_id").isTextual()) {
            String kernel = request.settings().get("kernel_id").asText();
            // another user's kernel is as good as missing (the kernels API answers 404 for it too); admins run on their own
            kernelOwnership.require(user.username(), kernel);
        }
        FlowDocument flow = flow(document, request);
        Path work = workDirectory();
        var logs = new CopyOnWriteArrayList<String>();
        try (FlowEngine engine = FlowEngine.create(EngineConfig.defaults(work).withFileRoots(roots.all()), registry,
                kernels.forOwner(user.username()))) {
            ValidatedFlow validated = engine.validate(flow, roots.all().getFirst(), Map.of());
            if (!validated.valid()) {
                return failed(validated.problems(), logs, started);
            }
            var relation = new RelationId(NODE, document.outputs().getFirst());
            List<ColumnDto> predicted = validated.schema(relation).map(ColumnDto::of).orElse(null);
            try {
                Table table = engine.preview(validated, relation, limit + 1, ExecutionMode.DEVELOPMENT, false, event -> {
                    if (event instanceof NodeEvent.Output output && logs.size() < 1000) {
                        logs.add(output.text());
                    }
                });
                List<List<Object>> rows = new ArrayList<>();
                for (List<Object> row : table.rows().subList(0, Math.min(limit, table.rows().size()))) {
                    rows.add(row.stream().map(JsonValues::of).toList());
                }
                return new NodeTypeTestResultDto(true, predicted, ColumnDto.of(table.schema()), rows, table.rows().size() > limit, List.of(),
                        List.copyOf(logs), millis(started));
            } catch (FlowException e) {
                return failed(e.problems(), logs, started);
            }
        } finally {
            delete(work);
        }
    }

    /** Manual Input nodes ({@code input_PORT}) with the samples, and the node of the type under test. */
    private static FlowDocument flow(NodeTypeDocument document, NodeTypeTestRequest request) {
        Map<String, SampleTableDto> samples = request.inputs() == null ? Map.of() : request.inputs();
        for (String port : samples.keySet()) {
            if (!document.inputs().contains(port)) {
                throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "inputs." + port + ": '" + port
                        + "' is no input of this node type; inputs: " + document.inputs());
            }
        }
        var json = JsonNodeFactory.instance;
        var nodes = new ArrayList<FlowNode>();
        var edges = new ArrayList<Edge>();
        for (String port : document.inputs()) {
            SampleTableDto sample = samples.get(port);
            if (sample == null || sample.columns() == null || sample.columns().isEmpty()) {
                throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "inputs." + port + ": a sample table with at least one column is "
                        + "needed for input '" + port + "'");
            }
            ObjectNode settings = json.objectNode();
            ArrayNode columns = settings.putArray("columns");
            sample.columns().forEach(column -> columns.addObject().put("name", column.name()).put("type", column.type()));
            ArrayNode rows = settings.putArray("rows");
            if (sample.rows() != null) {
                sample.rows().forEach(row -> {
                    ArrayNode out = rows.addArray();
                    if (row != null) {
                        row.forEach(value -> out.add(value == null ? json.nullNode() : value));
                    }
                });
            }
            String id = "input_" + port;
            nodes.add(new FlowNode(id, "manual_input", settings, null, null, false));
            edges.add(new Edge(PortRef.main(id), new PortRef(NODE, port)));
        }
        JsonNode settings = request.settings() == null ? json.objectNode() : request.settings();
        if (!settings.isObject()) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "settings must be an object");
        }
        nodes.add(new FlowNode(NODE, document.type(), (ObjectNode) settings, null, null, false));
        return new FlowDocument(FlowDocument.FORMAT_VERSION, "test of " + document.type(), "", Map.of(), nodes, edges);
    }

    private static NodeTypeTestResultDto failed(List<Problem> problems, List<String> logs, long started) {
        return new NodeTypeTestResultDto(false, null, null, List.of(), false, problems.stream().map(ProblemDto::of).toList(),
                List.copyOf(logs), millis(started));
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private Path workDirectory() {
        try {
            Path parent = Files.createDirectories(config.dataDirectory().resolve("node-type-tests"));
            return Files.createTempDirectory(parent, "test-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the test under the data directory: " + e.getMessage(), e);
        }
    }

    private static void delete(Path directory) {
        try {
            FileTrees.delete(directory);
        } catch (IOException e) {
            // a leftover test directory costs only space; the next start of a test does not need it
        }
    }
}
