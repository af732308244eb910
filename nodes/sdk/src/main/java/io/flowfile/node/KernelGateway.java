package io.flowfile.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the engine reaches the kernel plane for nodes that run code on a kernel (Python Script).
 * The engine depends on this interface only; the application implements it over the kernel
 * runtime (Docker + Jupyter), so the engine needs neither Docker nor ZeroMQ.
 */
public interface KernelGateway {

    /**
     * Whether a kernel can run code: READY; STOPPED (it can be started); MISSING (not defined);
     * UNAVAILABLE (the kernel plane cannot be reached, e.g. Docker is down: the message says why).
     */
    enum Availability { READY, STOPPED, MISSING, UNAVAILABLE }

    /** @param message what is wrong and what to do, empty when READY */
    record KernelStatus(Availability availability, String message) {
        public KernelStatus {
            Objects.requireNonNull(availability, "availability is null");
            Objects.requireNonNull(message, "message is null");
        }
    }

    /**
     * A directory the engine and the kernel both see: {@code hostDirectory} on the engine's side,
     * {@code kernelDirectory} inside the kernel's container. Inputs go to {@link #inputs()}, the
     * code publishes to {@link #outputs()}. The engine touches its files only through
     * {@code files}, relative to the opened area (the kernel may plant links in it).
     */
    record ExchangeArea(Path hostDirectory, String kernelDirectory, AreaFiles files) {
        public ExchangeArea {
            Objects.requireNonNull(hostDirectory, "hostDirectory is null");
            Objects.requireNonNull(kernelDirectory, "kernelDirectory is null");
            Objects.requireNonNull(files, "files is null");
        }

        /** An area no kernel writes in (tests, benchmarks): plain file operations. */
        public ExchangeArea(Path hostDirectory, String kernelDirectory) {
            this(hostDirectory, kernelDirectory, AreaFiles.trusted(hostDirectory));
        }

        public Path inputs() {
            return hostDirectory.resolve("inputs");
        }

        public Path outputs() {
            return hostDirectory.resolve("outputs");
        }

        /** The kernel's path of a file or directory under {@link #hostDirectory}. */
        public String kernelPath(Path hostFile) {
            Path relative = hostDirectory.relativize(hostFile);
            if (relative.startsWith("..")) {
                throw new IllegalArgumentException(hostFile + " is not under " + hostDirectory);
            }
            return relative.toString().isEmpty() ? kernelDirectory : kernelDirectory + "/" + relative.toString().replace('\\', '/');
        }
    }

    /**
     * One node's code to run.
     *
     * @param flowId      the flow's identity: its namespace on the kernel and the scope of its artifacts
     * @param inputs      input name → the kernel's paths of its Arrow IPC files
     * @param outputs     the output names the code may publish (into {@code area.outputs()})
     * @param startKernel start the kernel if it is stopped
     * @param interactive a cell run from the notebook editor, not a run of the flow: what the code
     *                    publishes is not taken, and global artifacts cannot be published
     */
    record ScriptCall(String kernelId, String flowId, String runId, String nodeId, List<String> cells,
                      Map<String, List<String>> inputs, List<String> outputs, ExchangeArea area, boolean startKernel,
                      boolean interactive) {
        /** A call of a flow's run. */
        public ScriptCall(String kernelId, String flowId, String runId, String nodeId, List<String> cells,
                          Map<String, List<String>> inputs, List<String> outputs, ExchangeArea area, boolean startKernel) {
            this(kernelId, flowId, runId, nodeId, cells, inputs, outputs, area, startKernel, false);
        }

        public ScriptCall {
            Objects.requireNonNull(kernelId, "kernelId is null");
            Objects.requireNonNull(flowId, "flowId is null");
            Objects.requireNonNull(runId, "runId is null");
            Objects.requireNonNull(nodeId, "nodeId is null");
            cells = List.copyOf(cells);
            inputs = Map.copyOf(inputs);
            outputs = List.copyOf(outputs);
            Objects.requireNonNull(area, "area is null");
        }
    }

    /** What the code prints, logs and displays while it runs. */
    interface ScriptListener {
        void stream(String name, String text);

        void log(String level, String message);

        void display(Map<String, Object> data, Map<String, Object> metadata);
    }

    KernelStatus status(String kernelId);

    /**
     * The packages of a kernel's locked environment (name → version), or empty when unknown (an
     * unknown kernel, an environment not built yet).
     */
    default Optional<Map<String, String>> packages(String kernelId) {
        return Optional.empty();
    }

    /** A fresh exchange directory for one node of one run, with empty {@code inputs/} and {@code outputs/}. */
    ExchangeArea openExchange(String kernelId, String runId, String nodeId) throws IOException;

    /** Removes an exchange directory (and its run's directory once empty). */
    void closeExchange(ExchangeArea area) throws IOException;

    /**
     * Runs the cells in order on the kernel, in the flow's own namespace, and returns when the last
     * one finished. Interrupting the calling thread cancels the call: a cell still queued behind
     * other work never runs, a running one gets KeyboardInterrupt.
     *
     * @throws NodeException with {@link NodeErrorCode#SCRIPT_FAILED} and the Python traceback when the code fails
     */
    void run(ScriptCall call, ScriptListener listener) throws Exception;
}
