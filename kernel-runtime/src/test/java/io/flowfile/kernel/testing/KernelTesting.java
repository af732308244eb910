package io.flowfile.kernel.testing;

import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.manager.KernelManager;
import io.flowfile.kernel.protocol.Content;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Shared set-up for tests against the real Docker engine and the real kernel image. They never
 * skip: without Docker or the image they fail with a message saying how to get them.
 */
public final class KernelTesting {

    private KernelTesting() {}

    /** The repository root (tests run with the module directory as working directory). */
    public static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("docker/flowfile-kernel"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("cannot find docker/flowfile-kernel above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    /** A config for one test class: its own instance id and work root, no pool unless asked. */
    public static KernelRuntimeConfig config(String name) throws IOException {
        Path root = repositoryRoot();
        Path work = Files.createDirectories(root.resolve("kernel-runtime/target/kernels").resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8)));
        KernelRuntimeConfig defaults = KernelRuntimeConfig.defaults(work, root.resolve("docker/flowfile-kernel"),
                "test-" + name.toLowerCase(java.util.Locale.ROOT).substring(0, Math.min(24, name.length())) + "-" + UUID.randomUUID().toString().substring(0, 6));
        return new KernelRuntimeConfig(defaults.dockerHost(), defaults.image(), defaults.instanceId(), work, defaults.containerUser(),
                defaults.pidsLimit(), defaults.tmpfsBytes(), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMillis(500),
                defaults.maxKernelsPerOwner(), 0, Duration.ofMillis(500),
                new KernelRuntimeConfig.EnvironmentConfig(root.resolve("docker/flowfile-kernel"), work.resolve("wheelhouse"),
                        root.resolve("build/wheelhouse/extra"), pythonForPip(root), Duration.ofMinutes(5)), null);
    }

    /** The host Python of build/python-venv (made by scripts/setup), as a pip command. */
    public static String pythonForPip(Path root) {
        return hostPython(root) + " -m pip";
    }

    public static String hostPython(Path root) {
        Path venv = root.resolve("build/python-venv/bin/python");
        if (!Files.isExecutable(venv)) {
            throw new IllegalStateException(venv + " is missing: run scripts/setup first");
        }
        return venv.toString();
    }

    /** Runs code on a kernel of the manager and answers what it printed; fails when the cell fails. */
    public static String stdout(KernelManager manager, String kernelId, String code) throws Exception {
        Duration timeout = Duration.ofSeconds(60);
        StringBuilder text = new StringBuilder();
        ExecutionResult result = manager.execute(kernelId, Content.ExecuteRequest.of(code), new ExecutionListener() {
            @Override public void onStream(Content.Stream stream) { text.append(stream.text()); }
        }, Optional.empty(), timeout).get(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!result.ok()) {
            throw new AssertionError("the cell failed: " + result.errorName() + ": " + result.errorValue());
        }
        return text.toString().strip();
    }

    /** Polls the condition (every 100 ms) until it holds; fails naming what it waited for after the timeout. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Kernel managers for the running test, on a config named after the test method, closed after
     * the test with whatever else the test hands over, in the reverse order. Register it with
     * {@code @RegisterExtension final KernelTesting.Managers kernels = new KernelTesting.Managers();}.
     */
    public static final class Managers implements BeforeEachCallback, AfterEachCallback {

        private final List<AutoCloseable> toClose = new ArrayList<>();
        private String testName;

        @Override
        public void beforeEach(ExtensionContext context) {
            testName = context.getRequiredTestMethod().getName();
        }

        /** A config of its own for the running test: its own instance id and work root. */
        public KernelRuntimeConfig config() throws IOException {
            return KernelTesting.config(testName);
        }

        /** A manager on a config of its own, closed after the test. */
        public KernelManager manager() throws IOException {
            return manager(config());
        }

        /** A manager on the config, closed after the test. */
        public KernelManager manager(KernelRuntimeConfig config) {
            return closeAfter(new KernelManager(config));
        }

        /** Closes the resource after the test (before what was handed over earlier). */
        public <T extends AutoCloseable> T closeAfter(T resource) {
            toClose.add(resource);
            return resource;
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            Exception failure = null;
            for (AutoCloseable resource : toClose.reversed()) {
                try {
                    resource.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            toClose.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
