package io.flowfile.engine.validate;

import static io.flowfile.engine.EngineErrorCode.UNKNOWN_NODE_TYPE;

import io.flowfile.engine.EngineErrorCode;
import static io.flowfile.engine.EngineErrorCode.UNKNOWN_PARAMETER;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowfile.engine.Problem;
import io.flowfile.engine.cache.Memo;
import io.flowfile.engine.duckdb.BindBatcher;
import io.flowfile.engine.duckdb.BindCache;
import io.flowfile.engine.duckdb.DuckDb;
import io.flowfile.engine.custom.CustomNodeType;
import io.flowfile.engine.duckdb.SqlShape;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowNode;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.engine.registry.SettingsCodec;
import io.flowfile.node.DynamicPorts;
import io.flowfile.node.Input;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.Ports;
import io.flowfile.node.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a flow and propagates schemas: binds every node's settings, checks the graph, then
 * plans the nodes in topological order, each against its inputs' predicted schemas. Every problem
 * is reported, not just the first; a node downstream of an invalid node is not planned (its
 * upstream problem is the one to fix).
 */
public final class FlowValidator {

    private final NodeRegistry registry;
    private final java.util.Optional<List<Path>> fileRoots;
    private final SettingsCodec codec;
    private final BindBatcher batcher;
    private final BindCache binder;
    private final SqlShape sqlShape;
    private final java.util.Optional<io.flowfile.node.KernelGateway> kernels;
    private final ScriptSchemas scriptSchemas;

    public FlowValidator(NodeRegistry registry, SettingsCodec codec, DuckDb duckDb) {
        this(registry, codec, duckDb, java.util.Optional.empty(), ScriptSchemas.inMemory());
    }

    public FlowValidator(NodeRegistry registry, SettingsCodec codec, DuckDb duckDb,
                         java.util.Optional<io.flowfile.node.KernelGateway> kernels, ScriptSchemas scriptSchemas) {
        this(registry, codec, duckDb, kernels, scriptSchemas, java.util.Optional.empty(), List.of());
    }

    /**
     * @param fileRoots         when present, the only directories a node's paths and a user's SQL may name (the server's file roots)
     * @param engineDirectories the engine's own directories (result cache, spill files), which a user's SQL may never name
     */
    public FlowValidator(NodeRegistry registry, SettingsCodec codec, DuckDb duckDb,
                         java.util.Optional<io.flowfile.node.KernelGateway> kernels, ScriptSchemas scriptSchemas,
                         java.util.Optional<List<Path>> fileRoots, List<Path> engineDirectories) {
        this.fileRoots = Objects.requireNonNull(fileRoots, "fileRoots is null");
        this.registry = Objects.requireNonNull(registry, "registry is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.batcher = new BindBatcher(Objects.requireNonNull(duckDb, "duckDb is null"));
        this.binder = new BindCache(duckDb, batcher, 10_000);
        this.bindings = new Memo<>(32L << 20, (key, settings) -> 2L * key.settings().length() + 4L * key.parameters().toString().length() + 256);
        this.plans = new Memo<>(64L << 20, (key, remembered) -> 4L * remembered.canonical().length() + 2L * sqlLength(remembered.plan()) + 512);
        this.sqlShape = new SqlShape(duckDb, fileRoots.map(roots -> new io.flowfile.engine.duckdb.SqlReach(roots, engineDirectories,
                duckDb.catalogViewNames())));
        this.kernels = Objects.requireNonNull(kernels, "kernels is null");
        this.scriptSchemas = Objects.requireNonNull(scriptSchemas, "scriptSchemas is null");
    }

    private FlowValidator(FlowValidator base, io.flowfile.node.KernelGateway kernels) {
        this.registry = base.registry;
        this.fileRoots = base.fileRoots;
        this.codec = base.codec;
        this.batcher = base.batcher;
        this.binder = base.binder;
        this.sqlShape = base.sqlShape;
        this.bindings = base.bindings;
        this.plans = base.plans;
        this.kernels = java.util.Optional.of(Objects.requireNonNull(kernels, "kernels is null"));
        this.scriptSchemas = base.scriptSchemas;
    }

    /**
     * This validator (its DuckDB binds and their cache) with code nodes asking {@code kernels} instead:
     * e.g. the kernels of the one user the flow is validated for.
     */
    public FlowValidator withKernels(io.flowfile.node.KernelGateway kernels) {
        return new FlowValidator(this, kernels);
    }

    private record BoundNode(FlowNode node, NodeType<?> type, Record settings, Ports ports) {
    }

    /** What decides a node's bound settings: its type (the registry's object), its settings as written and the flow's parameters. */
    private record BindKey(NodeType<?> type, String settings, Map<String, String> parameters) {
    }

    /** What decides a node's plan: its id, type and bound settings, its inputs (refs and schemas) and the base directory. */
    private record PlanKey(String id, NodeType<?> type, Record settings, Map<String, List<Input>> inputs, Path baseDir) {
    }

    /** A node planned before, with the state of every file its plan reads as it was then. */
    private record Remembered(NodePlan plan, Map<String, Schema> outputs, String canonical, List<FileState> files) {
    }

    /**
     * Bound settings and plans of nodes validated before, so that validating a flow again after an
     * edit (or a preview or run of an unchanged draft) decodes and plans only the nodes that
     * changed: a node's plan depends only on its {@link PlanKey} and, for a source, on the files it
     * reads, which are compared by {@link FileState} (a changed, replaced or linked file is planned
     * again). Code nodes (their kernels answer), writers (their target directories), sources whose
     * settings hold a glob (a new file may match) and queries over no input that name no source file
     * (user SQL reading a file) are always planned. A user's SQL is still
     * checked every time ({@link SqlTexts#check}): what its paths lead to can change.
     */
    private final Memo<BindKey, Record> bindings;
    private final Memo<PlanKey, Remembered> plans;

    /**
     * @param parameterValues values that override the document's parameter defaults
     */
    public ValidatedFlow validate(FlowDocument document, Path baseDir, Map<String, String> parameterValues) {
        var problems = new ArrayList<Problem>();
        Map<String, String> parameters = parameters(document, parameterValues, problems);
        var bound = new LinkedHashMap<String, BoundNode>();
        var ports = new HashMap<String, Ports>();
        for (FlowNode node : document.nodes()) {
            BoundNode result = bind(node, parameters, problems);
            if (result != null) {
                bound.put(node.id(), result);
                ports.put(node.id(), result.ports());
            }
        }
        var graph = new GraphCheck(problems);
        List<String> order = graph.check(document.nodes(), ports, document.edges());
        int graphProblems = problems.size();
        var planned = new HashMap<String, PlannedNode>();
        var nodeProblems = new HashMap<String, List<Problem>>();
        for (List<String> level : levels(order, graph)) {
            // before any file of the level is read (a task runs again after each batch of binds)
            java.time.Instant levelStart = java.time.Instant.now();
            var tasks = new ArrayList<Runnable>();
            for (String id : level) {
                BoundNode node = bound.get(id);
                if (node == null || hasGraphProblem(problems, graphProblems, id)) {
                    continue;
                }
                Map<String, List<RelationId>> inputs = graph.inputsOf(id);
                boolean upstreamValid = inputs.values().stream().flatMap(List::stream)
                        .allMatch(relation -> planned.containsKey(relation.node()));
                if (upstreamValid) {
                    tasks.add(() -> {
                        var found = new ArrayList<Problem>();
                        PlannedNode result = plan(node, inputs, planned, baseDir, found, levelStart);
                        if (result != null) {
                            planned.put(id, result);
                        }
                        nodeProblems.put(id, found);
                    });
                }
            }
            batcher.runAll(tasks);
        }
        var ordered = new ArrayList<PlannedNode>();
        for (String id : order) {
            for (Problem problem : nodeProblems.getOrDefault(id, List.of())) {
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
            if (planned.containsKey(id)) {
                ordered.add(planned.get(id));
            }
        }
        duplicateOutputs(ordered, problems);
        return new ValidatedFlow(document, baseDir, parameters, List.copyOf(ordered), problems);
    }

    /** A problem for each output node that writes a file an earlier output node of the flow writes too. */
    private static void duplicateOutputs(List<PlannedNode> nodes, List<Problem> problems) {
        var writers = new HashMap<Path, String>();
        for (PlannedNode node : nodes) {
            if (node.plan() instanceof NodePlan.SinkPlan sink) {
                Path target = sink.target().toAbsolutePath().normalize();
                String first = writers.putIfAbsent(target, node.id());
                if (first != null) {
                    problems.add(new Problem(node.id(), "settings.path", EngineErrorCode.DUPLICATE_OUTPUT, "nodes '" + first
                            + "' and '" + node.id() + "' both write " + target + "; each output of a flow needs a file of its own"));
                }
            }
        }
    }

    /**
     * The nodes in waves: each node comes after every node it reads from, in the wave after the
     * last of them, so the nodes of a wave are independent and are planned together (their DuckDB
     * binds share statements, see {@link BindBatcher}). Within a wave, topological order.
     */
    private static List<List<String>> levels(List<String> order, GraphCheck graph) {
        var depth = new HashMap<String, Integer>();
        var levels = new ArrayList<List<String>>();
        for (String id : order) {
            int level = 0;
            for (List<RelationId> relations : graph.inputsOf(id).values()) {
                for (RelationId relation : relations) {
                    level = Math.max(level, depth.getOrDefault(relation.node(), -1) + 1);
                }
            }
            depth.put(id, level);
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(id);
        }
        return levels;
    }

    /** Whether the graph check found the node's inputs unusable (a dangling edge alone is dropped, not fatal). */
    private static boolean hasGraphProblem(List<Problem> problems, int count, String id) {
        for (int i = 0; i < count; i++) {
            Problem problem = problems.get(i);
            if (id.equals(problem.nodeId()) && (problem.code() == EngineErrorCode.MISSING_INPUT
                    || problem.code() == EngineErrorCode.EXTRA_INPUT || problem.code() == EngineErrorCode.CYCLE)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> parameters(FlowDocument document, Map<String, String> values, List<Problem> problems) {
        var parameters = new LinkedHashMap<>(document.parameters());
        values.forEach((name, value) -> {
            if (!parameters.containsKey(name)) {
                problems.add(Problem.ofDocument("parameters." + name, UNKNOWN_PARAMETER, "parameter '" + name
                        + "' is not declared by the flow; " + Parameters.list(document.parameters())));
            } else {
                parameters.put(name, value);
            }
        });
        return parameters;
    }

    private BoundNode bind(FlowNode node, Map<String, String> parameters, List<Problem> problems) {
        NodeType<?> type = registry.find(node.type(), node.typeVersion()).orElse(null);
        if (type == null && node.typeVersion() != null && registry.find(node.type()).isPresent()) {
            List<Integer> versions = registry.versions(node.type());
            problems.add(new Problem(node.id(), "type_version", UNKNOWN_NODE_TYPE, "node type '" + node.type() + "' has no version "
                    + node.typeVersion() + (versions.isEmpty() ? " (it is a built-in type, which has no versions)"
                    : "; its versions: " + versions.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")))));
            return null;
        }
        if (type == null) {
            problems.add(new Problem(node.id(), "type", UNKNOWN_NODE_TYPE, "unknown node type '" + node.type()
                    + "'; known types: " + String.join(", ", registry.names())));
            return null;
        }
        int before = problems.size();
        var key = new BindKey(type, node.settings().toString(), parameters);
        Record remembered = bindings.get(key);
        if (remembered != null) {
            return checked(node, type, remembered, problems, before);
        }
        JsonNode settings = Parameters.substitute(node.settings(), parameters, SqlTexts.of(type.settingsType()), new Parameters.Problems() {
            @Override
            public void unknown(String path, String name) {
                problems.add(new Problem(node.id(), "settings." + path, UNKNOWN_PARAMETER, "parameter '${" + name
                        + "}' is not defined; " + Parameters.list(parameters)));
            }

            @Override
            public void refused(String path, String message) {
                problems.add(new Problem(node.id(), "settings." + path, NodeErrorCode.INVALID_SETTING, message));
            }
        });
        SettingsCodec.Binding<? extends Record> binding = codec.bind(settings, type.settingsType());
        for (SettingsCodec.SettingProblem problem : binding.problems()) {
            problems.add(new Problem(node.id(), problem.path().isEmpty() ? "settings" : "settings." + problem.path(),
                    NodeErrorCode.INVALID_SETTING, problem.message()));
        }
        if (problems.size() > before) {
            return null;
        }
        bindings.put(key, binding.settings());
        return checked(node, type, binding.settings(), problems, before);
    }

    /** The node with its bound settings once its SQL texts pass (checked every time: what a path leads to can change). */
    private BoundNode checked(FlowNode node, NodeType<?> type, Record settings, List<Problem> problems, int before) {
        SqlTexts.check(node.id(), settings, sqlShape, problems);
        if (type instanceof CustomNodeType custom) {
            custom.queryShapeProblem(sqlShape::queryProblem).ifPresent(problem -> problems.add(new Problem(node.id(), "type",
                    NodeErrorCode.INVALID_SETTING, "the query of node type '" + custom.descriptor().type() + "' (version "
                    + custom.version() + ") " + problem)));
        }
        if (problems.size() > before) {
            return null;
        }
        return new BoundNode(node, type, settings, ports(type, settings));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Ports ports(NodeType<?> type, Record settings) {
        if (type instanceof DynamicPorts dynamic) {
            return dynamic.ports(settings);
        }
        return type.descriptor().ports();
    }

    private PlannedNode plan(BoundNode node, Map<String, List<RelationId>> inputs, Map<String, PlannedNode> planned,
                             Path baseDir, List<Problem> problems, java.time.Instant started) {
        var connected = new LinkedHashMap<String, List<Input>>();
        for (var entry : inputs.entrySet()) {
            var list = new ArrayList<Input>();
            for (RelationId relation : entry.getValue()) {
                Schema schema = planned.get(relation.node()).outputs().get(relation.port());
                if (schema == null) {
                    Problem unknown = new Problem(relation.node(), "settings.output_schemas." + relation.port(), EngineErrorCode.SCHEMA_UNKNOWN,
                            "the columns of output '" + relation.port() + "' are known only once the node has run, and the nodes "
                            + "after it need them to validate; declare them here, or run the node once in a flow of its own");
                    if (!problems.contains(unknown)) {
                        problems.add(unknown);
                    }
                    return null;
                }
                list.add(new Input(entry.getKey(), relation.ref(), schema, relation.node()));
            }
            connected.put(entry.getKey(), list);
        }
        var key = new PlanKey(node.node().id(), node.type(), node.settings(), connected, baseDir);
        Remembered remembered = plans.get(key);
        if (remembered != null && FileState.unchanged(remembered.files())) {
            return new PlannedNode(node.node(), node.type(), node.settings(), remembered.canonical(), node.ports(), inputs,
                    remembered.plan(), remembered.outputs());
        }
        var context = new NodePlanContext(node.node().id(), connected, binder, baseDir, kernels, fileRoots);
        try {
            NodePlan plan = planWith(node.type(), node.settings(), context);
            if (context.hasProblems()) {
                problems.addAll(context.problems());
                return null;
            }
            String canonical = canonical(node.settings());
            Map<String, Schema> outputs = plan instanceof NodePlan.ScriptPlan script
                    ? scriptSchemas.outputs(ScriptSchemas.key(node.type().descriptor().type(), canonical, schemas(connected)), script)
                    : outputSchemas(plan, context);
            if (rememberable(node, plan, context)) {
                // a file changed shortly before or while it was read may have been read half old: not remembered
                FileState.settled(plan.sourceFiles(), started.minusSeconds(1))
                        .ifPresent(files -> plans.put(key, new Remembered(plan, Map.copyOf(outputs), canonical, files)));
            }
            return new PlannedNode(node.node(), node.type(), node.settings(), canonical, node.ports(), inputs, plan, outputs);
        } catch (NodeException e) {
            problems.addAll(context.problems());
            problems.add(new Problem(node.node().id(), null, e.code(), e.getMessage()));
            return null;
        }
    }

    /** Whether a node's plan may be reused while its key and its files stay the same (see {@link #plans}). */
    private static boolean rememberable(BoundNode node, NodePlan plan, NodePlanContext context) {
        if (plan instanceof NodePlan.ScriptPlan || plan instanceof NodePlan.SinkPlan) {
            return false;
        }
        if (plan.sourceFiles().isEmpty()) {
            // a query over no input that names no file it reads (a custom SQL type's or an SQL node's
            // read_csv(...)) is bound again every time: what it reads may change
            return !context.boundOverNoInput();
        }
        return !hasGlob(node.node().settings());
    }

    /** The characters of a plan's queries, for the weight of a remembered plan. */
    private static long sqlLength(NodePlan plan) {
        return plan instanceof NodePlan.QueryPlan query
                ? query.outputs().values().stream().mapToLong(output -> output.sql() == null ? 0 : output.sql().length()).sum()
                : 0;
    }

    private static boolean hasGlob(JsonNode settings) {
        if (settings.isTextual()) {
            String text = settings.textValue();
            return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
        }
        for (JsonNode child : settings) {
            if (hasGlob(child)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<Schema>> schemas(Map<String, List<Input>> connected) {
        var schemas = new LinkedHashMap<String, List<Schema>>();
        connected.forEach((port, inputs) -> schemas.put(port, inputs.stream().map(Input::schema).toList()));
        return schemas;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static NodePlan planWith(NodeType type, Record settings, NodePlanContext context) {
        return type.plan(settings, context);
    }

    private static Map<String, Schema> outputSchemas(NodePlan plan, NodePlanContext context) {
        return switch (plan) {
            case NodePlan.QueryPlan query -> {
                var outputs = new LinkedHashMap<String, Schema>();
                query.outputs().forEach((port, output) -> outputs.put(port,
                        output.schema() != null ? output.schema() : context.describe(output.sql())));
                yield outputs;
            }
            case NodePlan.TablePlan table -> Map.of(Ports.MAIN, table.schema());
            case NodePlan.ScriptPlan script -> throw new IllegalStateException("script outputs come from ScriptSchemas");
            case NodePlan.SinkPlan sink -> {
                context.describe(sink.query());
                yield Map.of();
            }
        };
    }

    private String canonical(Record settings) {
        return codec.toJsonText(settings);
    }
}
