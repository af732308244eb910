package io.flowfile.app.kernel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.app.catalog.Catalog;
import io.flowfile.app.catalog.EngineRequests;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.docker.KernelDirectories;
import io.flowfile.kernel.docker.SafeDirectory;
import io.flowfile.kernel.manager.ArtifactRecovery;
import io.flowfile.kernel.manager.KernelInfo;
import io.flowfile.kernel.manager.KernelManager;
import io.flowfile.kernel.manager.KernelState;
import io.flowfile.kernel.manager.QueuedExecution;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.kernel.protocol.JupyterMessage;
import io.flowfile.node.AreaFiles;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The engine's {@link KernelGateway} over the kernel runtime: the exchange directory lives in the
 * kernel owner's mounted exchange area, and each cell runs as
 * {@code flowfile._kernel.run_cell_b64(context, source, index)} so it executes in the flow's own
 * namespace with the run context set. {@link #forOwner} gives the view of one user: the kernels the
 * manager records as theirs, every other kernel as good as missing.
 */
public final class KernelGatewayAdapter implements KernelGateway {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final String LOG_MIME = "application/vnd.flowfile.log+json";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final KernelManager manager;
    private final Duration cellTimeout;
    private final Optional<Catalog> catalog;
    /** Per kernel, the secret values its code was given: masked in what any later cell prints too. */
    private final Map<String, java.util.Set<String>> revealed;
    /** When present, the one user whose kernels this view reaches (as the manager records their owner). */
    private final Optional<String> owner;

    /** @param cellTimeout longest a cell may run once it started (queue time not counted); then it is interrupted */
    /** @param catalog where kernels' requests (global artifacts, flow-scoped artifact records) go; empty without one */
    public KernelGatewayAdapter(KernelManager manager, Duration cellTimeout, Optional<Catalog> catalog) {
        this.manager = requireNonNull(manager, "manager is null");
        this.cellTimeout = requireNonNull(cellTimeout, "cellTimeout is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.revealed = new java.util.concurrent.ConcurrentHashMap<>();
        this.owner = Optional.empty();
    }

    private KernelGatewayAdapter(KernelGatewayAdapter all, String owner) {
        this.manager = all.manager;
        this.cellTimeout = all.cellTimeout;
        this.catalog = all.catalog;
        this.revealed = all.revealed;
        this.owner = Optional.of(requireNonNull(owner, "owner is null"));
    }

    /**
     * The kernels of {@code owner} only, as the kernel manager records their owner (the one code runs
     * as): another user's kernel is MISSING to its status, has no packages, and runs nothing.
     */
    public KernelGateway forOwner(String owner) {
        return new KernelGatewayAdapter(this, owner);
    }

    /** The kernel, when it exists and this gateway reaches it. */
    private Optional<KernelInfo> info(String kernelId) {
        return manager.info(kernelId).filter(this::reaches);
    }

    private boolean reaches(KernelInfo info) {
        return owner.isEmpty() || owner.get().equals(info.definition().owner());
    }

    /** Another user's kernel is refused in the very words of a missing one. */
    private KernelInfo required(String kernelId) {
        return info(kernelId).orElseThrow(() -> new NodeException(NodeErrorCode.KERNEL_NOT_FOUND, "kernel '" + kernelId + "' does not exist"));
    }

    @Override
    public Optional<java.util.Map<String, String>> packages(String kernelId) {
        return info(kernelId).isPresent() ? manager.packages(kernelId) : Optional.empty();
    }

    @Override
    public KernelStatus status(String kernelId) {
        Optional<KernelInfo> info = info(kernelId);
        if (info.isEmpty()) {
            var ids = manager.list().stream().filter(this::reaches).map(KernelInfo::id).sorted().toList();
            String defined = owner.isPresent() ? "your kernels" : "defined";
            return new KernelStatus(Availability.MISSING, "kernel '" + kernelId + "' does not exist; define it with "
                    + "'flowfile kernel define " + kernelId + "'"
                    + (ids.isEmpty() ? " (no kernel is defined" + (owner.isPresent() ? " for you" : "") + ")"
                    : " (" + defined + ": " + String.join(", ", ids) + ")"));
        }
        KernelState state = info.get().state();
        if (state == KernelState.READY || state == KernelState.EXECUTING) {
            return new KernelStatus(Availability.READY, "");
        }
        return new KernelStatus(Availability.STOPPED, "kernel '" + kernelId + "' is " + state
                + (info.get().reason().isEmpty() ? "" : " (" + info.get().reason() + ")")
                + "; start it with 'flowfile kernel start " + kernelId + "'");
    }

    @Override
    public ExchangeArea openExchange(String kernelId, String runId, String nodeId) throws IOException {
        KernelInfo info = required(kernelId);
        // The kernel writes in its exchange directory too: every name below it is opened without following links.
        try (SafeDirectory exchange = manager.provisioner().directories().openExchange(info.definition().owner());
             SafeDirectory run = exchange.directoryOrCreate(runId)) {
            SafeDirectory node = run.directoryOrCreate(nodeId);
            AreaFiles files = new KernelAreaFiles(node, info.definition().owner(), runId, nodeId);
            try {
                for (String directory : new String[] {"inputs", "outputs", "replies"}) { // replies: answers to the kernel's engine requests
                    files.createDirectories(directory);
                }
            } catch (IOException | RuntimeException e) {
                files.close();
                throw e;
            }
            return new ExchangeArea(exchange.path().resolve(runId).resolve(nodeId),
                    KernelDirectories.CONTAINER_EXCHANGE + "/" + runId + "/" + nodeId, files);
        }
    }

    @Override
    public void closeExchange(ExchangeArea area) throws IOException {
        area.files().close();
        if (!(area.files() instanceof KernelAreaFiles files)) {
            throw new IllegalArgumentException("not an exchange area of this gateway: " + area.hostDirectory());
        }
        if (owner.isPresent() && !owner.get().equals(files.owner())) {
            throw new IllegalArgumentException("not an exchange area of " + owner.get() + "'s kernels: " + area.hostDirectory());
        }
        try (SafeDirectory exchange = manager.provisioner().directories().openExchange(files.owner());
             SafeDirectory run = exchange.directory(files.runId())) {
            run.delete(files.nodeId());
            exchange.deleteIfEmpty(files.runId()); // the run's directory, once its last node is done
        } catch (java.nio.file.NoSuchFileException gone) {
            // already removed
        }
    }

    @Override
    public void run(ScriptCall call, ScriptListener listener) throws Exception {
        required(call.kernelId());
        if (call.startKernel() && status(call.kernelId()).availability() == Availability.STOPPED) {
            start(call.kernelId());
        }
        var requests = new EngineRequests(catalog, call,
                manager.info(call.kernelId()).map(info -> info.definition().owner()),
                revealed.computeIfAbsent(call.kernelId(), kernel -> java.util.concurrent.ConcurrentHashMap.newKeySet()),
                owner.isEmpty() ? EngineRequests.Acting.COMMAND_LINE : EngineRequests.Acting.SERVER_USER);
        Optional<RunRecord> registered = requests.registeredRun();
        for (int i = 0; i < call.cells().size(); i++) {
            ExecutionResult result = runCell(call, i, listener, requests, registered);
            if (!result.ok()) {
                String traceback = ANSI.matcher(String.join("\n", result.traceback())).replaceAll("");
                throw new NodeException(NodeErrorCode.SCRIPT_FAILED, requests.mask("cell " + (i + 1) + " of node '" + call.nodeId()
                        + "' raised " + result.errorName() + ": " + result.errorValue() + "\n" + traceback));
            }
        }
    }

    private void start(String kernelId) throws InterruptedException {
        try {
            manager.start(kernelId).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE, "kernel '" + kernelId + "' could not start: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage());
        } catch (TimeoutException e) {
            throw new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE, "kernel '" + kernelId + "' did not start within "
                    + START_TIMEOUT.toMinutes() + " min");
        }
    }

    private ExecutionResult runCell(ScriptCall call, int index, ScriptListener listener, EngineRequests requests,
                                    Optional<RunRecord> registered) throws Exception {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("flow_id", call.flowId());
        context.put("run_id", call.runId());
        context.put("node_id", call.nodeId());
        context.put("kernel_id", call.kernelId());
        context.put("inputs", call.inputs());
        context.put("outputs", call.outputs());
        context.put("output_dir", call.area().kernelPath(call.area().outputs()));
        context.put("shared_dir", KernelDirectories.CONTAINER_SHARED);
        context.put("artifact_dir", ArtifactRecovery.artifactDirectory(call.kernelId()));
        context.put("exchange_dir", call.area().kernelDirectory());
        context.put("flow_registered", registered.isPresent());
        context.put("flow_version", registered.map(RunRecord::flowVersion).orElse(null));
        context.put("interactive", call.interactive());
        String code = "import flowfile._kernel as _fk; _fk.run_cell_b64(\"" + base64(JSON.writeValueAsString(context))
                + "\", \"" + base64(call.cells().get(index)) + "\", " + index + ")";
        // No stop_on_error: cells are awaited one by one, and an interrupted cell must not make the
        // kernel abort the next run's first cell. Not stored in the kernel's history either.
        var request = new Content.ExecuteRequest(code, false, false, Map.of(), false, false);
        QueuedExecution execution = manager.submit(call.kernelId(), request, forward(listener, requests), Optional.empty(), cellTimeout);
        try {
            // No deadline here: the manager fails the cell (and interrupts it) once it ran cellTimeout,
            // and time spent queued behind other work on the kernel is not the cell's.
            return execution.result().get();
        } catch (InterruptedException e) {
            // The run was cancelled: cancel this cell only (dropped if still queued, interrupted if running).
            execution.cancel().run();
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KernelException kernel) {
                throw new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE, "kernel '" + call.kernelId() + "' failed while running node '"
                        + call.nodeId() + "': " + kernel.getMessage());
            }
            throw e;
        }
    }

    private static ExecutionListener forward(ScriptListener listener, EngineRequests requests) {
        return new ExecutionListener() {
            @Override
            public void onComm(JupyterMessage message) {
                if (!message.messageType().equals("comm_msg")) {
                    return;
                }
                try {
                    requests.handle(message.content(Content.CommMsg.class).data());
                } catch (IOException | RuntimeException e) {
                    listener.log("ERROR", "the engine could not handle the kernel's message: " + (e.getMessage() != null ? e.getMessage() : e));
                }
            }

            @Override
            public void onStream(Content.Stream stream) {
                listener.stream(stream.name(), requests.mask(stream.text()));
            }

            @Override
            public void onDisplayData(Content.DisplayData display) {
                Object log = display.data() == null ? null : display.data().get(LOG_MIME);
                if (log instanceof Map<?, ?> line) {
                    listener.log(String.valueOf(line.get("level")), requests.mask(String.valueOf(line.get("message"))));
                } else if (display.data() != null) {
                    listener.display(requests.mask(display.data()), display.metadata() == null ? Map.of() : display.metadata());
                }
            }
        };
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
