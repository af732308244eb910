package io.flowfile.engine.validate;

import io.flowfile.engine.Problem;
import io.flowfile.engine.duckdb.BindCache;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.Input;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Schema;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@link PlanContext} of one node during validation. */
final class NodePlanContext implements PlanContext {

    private boolean boundOverNoInput;
    private final String nodeId;
    private final Map<String, List<Input>> inputs;
    private final BindCache binder;
    private final Path baseDir;
    private final List<Problem> problems = new ArrayList<>();

    private final java.util.Optional<KernelGateway> kernels;

    /** When present, the only directories a path may name. */
    private final java.util.Optional<List<Path>> roots;

    NodePlanContext(String nodeId, Map<String, List<Input>> inputs, BindCache binder, Path baseDir,
                    java.util.Optional<KernelGateway> kernels) {
        this(nodeId, inputs, binder, baseDir, kernels, java.util.Optional.empty());
    }

    NodePlanContext(String nodeId, Map<String, List<Input>> inputs, BindCache binder, Path baseDir,
                    java.util.Optional<KernelGateway> kernels, java.util.Optional<List<Path>> roots) {
        this.roots = roots;
        this.nodeId = nodeId;
        this.inputs = inputs;
        this.binder = binder;
        this.baseDir = baseDir;
        this.kernels = kernels;
    }

    @Override
    public KernelGateway.KernelStatus kernelStatus(String kernelId) {
        return kernels.map(gateway -> gateway.status(kernelId)).orElseGet(() -> new KernelGateway.KernelStatus(
                KernelGateway.Availability.MISSING, "node '" + nodeId + "' needs kernel '" + kernelId
                        + "', and this engine runs without kernels (no Docker kernel plane was set up)"));
    }

    @Override
    public java.util.Optional<String> printedOnKernel(String kernelId, String code) {
        if (kernels.isEmpty() || kernels.get().status(kernelId).availability() != KernelGateway.Availability.READY) {
            return java.util.Optional.empty();
        }
        KernelGateway gateway = kernels.get();
        String runId = "plan-" + java.util.UUID.randomUUID();
        var printed = new StringBuilder();
        KernelGateway.ExchangeArea area = null;
        try {
            area = gateway.openExchange(kernelId, runId, nodeId);
            gateway.run(new KernelGateway.ScriptCall(kernelId, "flowfile-planning", runId, nodeId, List.of(code), Map.of(), List.of(),
                    area, false, true), new KernelGateway.ScriptListener() {
                        @Override
                        public void stream(String name, String text) {
                            if (name.equals("stdout") && printed.length() < 1_000_000) {
                                printed.append(text);
                            }
                        }

                        @Override
                        public void log(String level, String message) {
                        }

                        @Override
                        public void display(Map<String, Object> data, Map<String, Object> metadata) {
                        }
                    });
            return java.util.Optional.of(printed.toString());
        } catch (NodeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE, "interrupted while asking kernel '" + kernelId + "'");
        } catch (Exception e) {
            throw new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE, "kernel '" + kernelId + "' could not run the code: " + e.getMessage());
        } finally {
            if (area != null) {
                try {
                    gateway.closeExchange(area);
                } catch (java.io.IOException e) {
                    // an exchange directory left behind costs only space; the next start clears it
                }
            }
        }
    }

    @Override
    public java.util.Optional<java.util.Map<String, String>> kernelPackages(String kernelId) {
        return kernels.flatMap(gateway -> gateway.packages(kernelId));
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Input input(String port) {
        List<Input> connected = inputs(port);
        if (connected.size() != 1) {
            throw new IllegalStateException("node '" + nodeId + "' asked for the one input of port '" + port
                    + "', which has " + connected.size() + " connections");
        }
        return connected.getFirst();
    }

    @Override
    public List<Input> inputs(String port) {
        return inputs.getOrDefault(port, List.of());
    }

    @Override
    public Schema describe(String sql) {
        return describe(sql, allInputs());
    }

    /** Binds {@code sql} with an empty stand-in for each input ref. */
    Schema describe(String sql, List<Input> refs) {
        if (refs.isEmpty()) {
            boundOverNoInput = true;
        }
        try {
            return binder.describe(sql, refs.stream().map(input -> new BindCache.Ref(input.ref(), input.schema())).toList());
        } catch (SQLException e) {
            throw new NodeException(NodeErrorCode.INVALID_EXPRESSION, e.getMessage(), e);
        }
    }

    /**
     * Whether a query over no input was bound: its schema comes from what the query reads (a file, a
     * table function), which only the plan's source files, if it names them, tell about.
     */
    boolean boundOverNoInput() {
        return boundOverNoInput;
    }

    List<Input> allInputs() {
        return inputs.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public Path resolve(String path) {
        Path candidate = Path.of(path);
        Path resolved = (candidate.isAbsolute() ? candidate : baseDir.resolve(candidate)).normalize();
        if (roots.isPresent() && !FileRootCheck.inside(resolved, roots.get())) {
            throw new io.flowfile.node.NodeException(io.flowfile.node.NodeErrorCode.PATH_NOT_ALLOWED, "node '" + nodeId + "': path '"
                    + path + "' is outside the directories this server may read and write (" + String.join(", ",
                    roots.get().stream().map(Path::toString).toList()) + ")");
        }
        return resolved;
    }

    @Override
    public void problem(String settingPath, NodeErrorCode code, String message) {
        problems.add(new Problem(nodeId, settingPath == null ? "settings" : "settings." + settingPath, code, message));
    }

    @Override
    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    List<Problem> problems() {
        return problems;
    }
}
