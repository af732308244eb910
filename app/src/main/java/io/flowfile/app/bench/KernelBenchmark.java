package io.flowfile.app.bench;

import io.flowfile.app.cli.EngineOptions;
import io.flowfile.app.kernel.KernelPlane;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.client.KernelClient;
import io.flowfile.kernel.manager.KernelDefinition;
import io.flowfile.kernel.manager.KernelInfo;
import io.flowfile.kernel.manager.KernelManager;
import io.flowfile.kernel.protocol.Content;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowfile bench kernels}: cold start against a plain {@code docker run} of the same image,
 * pooled start, {@code 1+1} round trips through our client against Python's jupyter_client on the
 * same kernel, and interrupt latency. Everything runs against the local Docker engine.
 */
@Command(name = "kernels", description = "Kernel start (cold vs docker run; pooled), execute round trips vs jupyter_client, interrupt latency.")
public final class KernelBenchmark implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int WARM_UP = 300;

    @Option(names = "--starts", defaultValue = "5", description = "Cold and pooled starts to time (default: 5).")
    int starts;

    @Option(names = "--executions", defaultValue = "1000", description = "1+1 round trips per client (default: 1,000).")
    int executions;

    @Option(names = "--interrupts", defaultValue = "10", description = "Interrupts to time (default: 10).")
    int interrupts;

    @Option(names = "--image", defaultValue = KernelRuntimeConfig.DEFAULT_IMAGE, description = "The kernel image.")
    String image;

    @Option(names = "--python", defaultValue = "build/python-venv/bin/python",
            description = "A Python with jupyter_client (default: build/python-venv/bin/python, made by scripts/setup).")
    Path python;

    @Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createDirectories(engine.dataDirectory().resolve("kernels"));
        KernelRuntimeConfig config = KernelRuntimeConfig.defaults(work, KernelPlane.kernelBuildContext(),
                "bench-" + UUID.randomUUID().toString().substring(0, 8)).withImage(image).withPoolSize(0);
        KernelDefinition definition = KernelDefinition.of("bench", "bench");
        out.printf(Locale.ROOT, "Kernel benchmark — image %s, %d cores, Java %s%n", image,
                Runtime.getRuntime().availableProcessors(), Runtime.version().feature());
        coldStart(out, config, definition);
        pooledStart(out, config.withPoolSize(1), definition);
        try (KernelManager manager = new KernelManager(config)) {
            manager.define(definition);
            KernelInfo info = manager.start("bench").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            roundTrips(out, manager.client("bench"), info.connectionFile().orElseThrow());
            interruptLatency(out, manager);
        }
        return 0;
    }

    private void coldStart(PrintWriter out, KernelRuntimeConfig config, KernelDefinition definition) throws Exception {
        List<Double> ours = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        try (KernelManager manager = new KernelManager(config)) {
            manager.define(definition);
            dockerRun(); // warm-up: page cache for the image's layers
            manager.start("bench").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            manager.stop("bench", "warm-up");
            for (int i = 0; i < starts; i++) {
                long start = System.nanoTime();
                dockerRun();
                floor.add(Stats.millis(start));
                start = System.nanoTime();
                manager.start("bench").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                ours.add(Stats.millis(start));
                manager.stop("bench", "benchmark");
            }
        }
        double ratio = Stats.median(ours) / Stats.median(floor);
        out.printf(Locale.ROOT, "cold start (create -> READY, kernel_info answered): median %.0f ms %s%n", Stats.median(ours), Stats.list(ours));
        out.printf(Locale.ROOT, "docker run --rm IMAGE python3 -c \"import ipykernel, polars\": median %.0f ms %s%n",
                Stats.median(floor), Stats.list(floor));
        out.printf(Locale.ROOT, "  ratio cold start / docker run floor: %.2f (goal <= 1.5, and <= 1,000 ms)%n", ratio);
        out.flush();
    }

    private void dockerRun() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("docker", "run", "--rm", "--network", "none", "--pull", "never", image,
                "python3", "-c", "import ipykernel, polars").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("docker run " + image + " failed" + (finished ? " with exit code " + process.exitValue() : " to finish in 60 s")
                    + "; is the image built (docker/flowfile-kernel/build.sh)?");
        }
    }

    private void pooledStart(PrintWriter out, KernelRuntimeConfig config, KernelDefinition definition) throws Exception {
        List<Double> pooled = new ArrayList<>();
        try (KernelManager manager = new KernelManager(config)) {
            manager.define(definition);
            for (int i = 0; i < starts; i++) {
                if (!manager.prewarm(definition, TIMEOUT)) {
                    throw new IllegalStateException("the pool did not fill within " + TIMEOUT.toSeconds() + " s");
                }
                long start = System.nanoTime();
                manager.start("bench").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                pooled.add(Stats.millis(start));
                manager.stop("bench", "benchmark");
            }
        }
        out.printf(Locale.ROOT, "pooled start (prewarmed container -> READY): median %.1f ms %s (goal <= 50 ms)%n",
                Stats.median(pooled), pooled.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
        out.flush();
    }

    private void roundTrips(PrintWriter out, KernelClient client, Path connectionFile) throws Exception {
        List<Double> ours = new ArrayList<>();
        for (int i = 0; i < WARM_UP; i++) { // the JIT compiles the client: measure the steady state
            client.execute("1+1", TIMEOUT);
        }
        for (int i = 0; i < executions; i++) {
            long start = System.nanoTime();
            ExecutionResult result = client.execute(Content.ExecuteRequest.of("1+1"), ExecutionListener.NONE, Optional.empty(), TIMEOUT)
                    .result().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ours.add(Stats.millis(start));
            if (!result.ok()) {
                throw new IllegalStateException("1+1 failed: " + result.errorValue());
            }
        }
        List<Double> theirs = jupyterClient(connectionFile);
        double ratio = Stats.median(ours) / Stats.median(theirs);
        out.printf(Locale.ROOT, "execute_request('1+1') x %d, request -> reply + idle:%n", executions);
        out.printf(Locale.ROOT, "  Flowfile client (JeroMQ):   median %.2f ms, p99 %.2f ms%n", Stats.median(ours), Stats.percentile(ours, 0.99));
        out.printf(Locale.ROOT, "  Python jupyter_client:      median %.2f ms, p99 %.2f ms%n", Stats.median(theirs), Stats.percentile(theirs, 0.99));
        out.printf(Locale.ROOT, "  ratio ours / jupyter_client: %.2f (goal <= 1.0)%n", ratio);
        out.flush();
    }

    private List<Double> jupyterClient(Path connectionFile) throws IOException, InterruptedException {
        Path script = Files.createTempFile("flowfile-roundtrip", ".py");
        List<Double> timings;
        try (InputStream source = KernelBenchmark.class.getResourceAsStream("/bench/jupyter_client_roundtrip.py")) {
            Files.write(script, source.readAllBytes());
        }
        try {
            Path output = Files.createTempFile("flowfile-roundtrip", ".out");
            try {
                // Output to a file, not a pipe: nothing blocks on a full pipe, and waitFor bounds the wait.
                Process process = new ProcessBuilder(python.toString(), script.toString(), connectionFile.toString(),
                        String.valueOf(executions + WARM_UP)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                boolean finished = process.waitFor(300, TimeUnit.SECONDS);
                if (!finished || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("jupyter_client benchmark failed (is " + python + " there? run scripts/setup): "
                            + Files.readString(output));
                }
                timings = Files.readAllLines(output).stream().map(Double::parseDouble).toList();
            } finally {
                Files.deleteIfExists(output);
            }
            return timings.subList(WARM_UP, timings.size()); // the same warm-up as ours
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private void interruptLatency(PrintWriter out, KernelManager manager) throws Exception {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < interrupts; i++) {
            CompletableFuture<ExecutionResult> sleeping = manager.execute("bench", Content.ExecuteRequest.of("import time\ntime.sleep(60)"),
                    ExecutionListener.NONE, Optional.empty(), TIMEOUT);
            Thread.sleep(300);
            long start = System.nanoTime();
            manager.interrupt("bench");
            ExecutionResult result = sleeping.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            latencies.add(Stats.millis(start));
            if (!"KeyboardInterrupt".equals(result.errorName())) {
                throw new IllegalStateException("the interrupted cell ended with " + result.status() + " " + result.errorName());
            }
            manager.client("bench").execute("pass", TIMEOUT); // the kernel takes work again
        }
        out.printf(Locale.ROOT, "interrupt time.sleep(60) (request -> error reply): median %.1f ms %s (goal <= 200 ms)%n",
                Stats.median(latencies), Stats.list(latencies));
        out.flush();
    }
}
