package io.flowfile.app.kernel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.manager.KernelInfo;
import io.flowfile.kernel.manager.KernelManager;
import io.flowfile.kernel.manager.KernelState;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The engine's {@link KernelGateway} over the kernel runtime: the exchange directory lives in the
 * kernel owner's mounted exchange area, and each cell runs as
 * {@code flowfile._kernel.run_cell_b64(context, source, index)} so it executes in the flow's own
 * namespace with the run context set.
 */
public final class KernelGatewayAdapter implements KernelGateway {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final String LOG_MIME = "application/vnd.flowfile.log+json";

    private final KernelManager manager;
    private final Duration cellTimeout;

    public KernelGatewayAdapter(KernelManager manager, Duration cellTimeout) {
        this.manager = requireNonNull(manager, "manager is null");
        this.cellTimeout = requireNonNull(cellTimeout, "cellTimeout is null");
    }

    @Override
    public KernelStatus status(String kernelId) {
        Optional<KernelInfo> info = manager.info(kernelId);
        if (info.isEmpty()) {
            return new KernelStatus(Availability.MISSING, "kernel '" + kernelId + "' does not exist; define it with "
                    + "'flowfile kernel define " + kernelId + "'" + known());
        }
        KernelState state = info.get().state();
        if (state == KernelState.READY || state == KernelState.EXECUTING) {
            return new KernelStatus(Availability.READY, "");
        }
        return new KernelStatus(Availability.STOPPED, "kernel '" + kernelId + "' is " + state
                + (info.get().reason().isEmpty() ? "" : " (" + info.get().reason() + ")")
                + "; start it with 'flowfile kernel start " + kernelId + "'");
    }

    private String known() {
        var ids = manager.list().stream().map(KernelInfo::id).toList();
        return ids.isEmpty() ? " (no kernel is defined)" : " (defined: " + String.join(", ", ids) + ")";
    }

    @Override
    public ExchangeArea openExchange(String kernelId, String runId, String nodeId) throws IOException {
        KernelInfo info = manager.info(kernelId).orElseThrow(() -> new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE,
                "kernel '" + kernelId + "' does not exist"));
        var directories = manager.provisioner().directories();
        Path root = directories.owner(info.definition().owner()).exchange();
        Path area = directories.createForKernel(root.resolve(runId).resolve(nodeId));
        for (String sub : new String[] {"inputs", "outputs", "replies"}) {
            directories.createForKernel(area.resolve(sub));
        }
        return new ExchangeArea(area, "/flowfile/exchange/" + runId + "/" + nodeId);
    }

    @Override
    public void run(ScriptCall call, ScriptListener listener) throws Exception {
        if (call.startKernel() && status(call.kernelId()).availability() == Availability.STOPPED) {
            manager.start(call.kernelId()).get(5, TimeUnit.MINUTES);
        }
        for (int i = 0; i < call.cells().size(); i++) {
            ExecutionResult result = runCell(call, i, listener);
            if (!result.ok()) {
                String traceback = ANSI.matcher(String.join("\n", result.traceback())).replaceAll("");
                throw new NodeException(NodeErrorCode.SCRIPT_FAILED, "cell " + (i + 1) + " of node '" + call.nodeId()
                        + "' raised " + result.errorName() + ": " + result.errorValue() + "\n" + traceback);
            }
        }
    }

    private ExecutionResult runCell(ScriptCall call, int index, ScriptListener listener) throws Exception {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("flow_id", call.flowId());
        context.put("run_id", call.runId());
        context.put("node_id", call.nodeId());
        context.put("kernel_id", call.kernelId());
        context.put("inputs", call.inputs());
        context.put("outputs", call.outputs());
        context.put("output_dir", call.outputDirectory());
        context.put("shared_dir", "/flowfile/shared");
        context.put("artifact_dir", "/flowfile/artifacts/" + call.kernelId());
        context.put("exchange_dir", call.area().kernelDirectory());
        context.put("flow_registered", false);
        context.put("flow_version", null);
        context.put("interactive", false);
        String code = "import flowfile._kernel as _fk; _fk.run_cell_b64(\"" + base64(JSON.writeValueAsString(context))
                + "\", \"" + base64(call.cells().get(index)) + "\", " + index + ")";
        // No stop_on_error: cells are awaited one by one, and an interrupted cell must not make the
        // kernel abort the next run's first cell. Not stored in the kernel's history either.
        var request = new Content.ExecuteRequest(code, false, false, Map.of(), false, false);
        CompletableFuture<ExecutionResult> result = manager.execute(call.kernelId(), request, forward(listener), Optional.empty(), cellTimeout);
        try {
            return result.get(cellTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // The run was cancelled: stop the cell too, then report the cancellation.
            try {
                manager.interrupt(call.kernelId());
                result.get(10, TimeUnit.SECONDS); // the cell ends with KeyboardInterrupt: the kernel is free again
            } catch (KernelException | ExecutionException | TimeoutException | InterruptedException ignored) {
                // the kernel is gone, or slow to stop: the run is cancelled either way
            }
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KernelException kernel) {
                throw new NodeException(NodeErrorCode.KERNEL_UNAVAILABLE, "kernel '" + call.kernelId() + "' failed while running node '"
                        + call.nodeId() + "': " + kernel.getMessage());
            }
            throw e;
        } catch (TimeoutException e) {
            throw new NodeException(NodeErrorCode.SCRIPT_FAILED, "cell " + (index + 1) + " of node '" + call.nodeId()
                    + "' did not finish within " + cellTimeout.toSeconds() + " s");
        }
    }

    private static ExecutionListener forward(ScriptListener listener) {
        return new ExecutionListener() {
            @Override
            public void onStream(Content.Stream stream) {
                listener.stream(stream.name(), stream.text());
            }

            @Override
            public void onDisplayData(Content.DisplayData display) {
                Object log = display.data() == null ? null : display.data().get(LOG_MIME);
                if (log instanceof Map<?, ?> line) {
                    listener.log(String.valueOf(line.get("level")), String.valueOf(line.get("message")));
                } else if (display.data() != null) {
                    listener.display(display.data(), display.metadata() == null ? Map.of() : display.metadata());
                }
            }
        };
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
