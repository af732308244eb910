package io.flowfile.kernel.manager;

import static io.flowfile.kernel.testing.KernelTesting.await;
import static io.flowfile.kernel.testing.KernelTesting.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.client.ExecutionListener;
import io.flowfile.kernel.client.ExecutionResult;
import io.flowfile.kernel.docker.ContainerSpec;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.docker.KernelContainer;
import io.flowfile.kernel.docker.ResourceProfile;
import io.flowfile.kernel.docker.ResourceUsage;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.kernel.testing.KernelTesting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kernel manager against the real Docker engine and the real kernel image. */
class KernelManagerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @RegisterExtension
    final KernelTesting.Managers kernels = new KernelTesting.Managers();

    private static ExecutionResult run(KernelManager manager, String id, String code) throws Exception {
        return manager.execute(id, Content.ExecuteRequest.of(code), ExecutionListener.NONE, Optional.empty(), TIMEOUT)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void startsExecutesRestartsAndStops() throws Exception {
        KernelManager manager = kernels.manager();
        List<String> transitions = new CopyOnWriteArrayList<>();
        manager.addListener((id, from, to, reason) -> transitions.add(to.name()));
        manager.define(KernelDefinition.of("main", "alice"));
        KernelInfo started = manager.start("main").get(60, TimeUnit.SECONDS);
        assertThat(started.state()).isEqualTo(KernelState.READY);
        String container = started.containerId().orElseThrow();
        assertThat(manager.provisioner().status(container).running()).isTrue();

        assertThat(run(manager, "main", "x = 41").ok()).isTrue();
        assertThat(stdout(manager, "main", "print(x + 1)")).isEqualTo("42");
        assertThat(transitions).containsSubsequence("STARTING", "READY", "EXECUTING", "READY");

        KernelInfo restarted = manager.restart("main").get(60, TimeUnit.SECONDS);
        assertThat(restarted.containerId()).isNotEqualTo(started.containerId());
        assertThat(stdout(manager, "main", "print('x' in globals())")).isEqualTo("False");

        KernelInfo stopped = manager.stop("main", "done");
        assertThat(stopped.state()).isEqualTo(KernelState.STOPPED);
        assertThat(stopped.reason()).isEqualTo("done");
        assertThat(manager.provisioner().status(restarted.containerId().orElseThrow()).exists()).isFalse();
        assertThatThrownBy(() -> run(manager, "main", "1"))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.code()).isEqualTo(KernelErrorCode.KERNEL_NOT_READY));
    }

    @Test
    void theKernelContainerIsLockedDown() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("locked", "alice").withMemoryGb(1.5));
        String id = manager.start("locked").get(60, TimeUnit.SECONDS).containerId().orElseThrow();
        var inspected = manager.provisioner().docker().inspectContainerCmd(id).exec();
        var host = inspected.getHostConfig();
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getCapDrop()).extracting(Enum::name).containsExactly("ALL");
        assertThat(host.getSecurityOpts()).contains("no-new-privileges");
        assertThat(host.getMemory()).isEqualTo(1536L << 20);
        assertThat(host.getMemorySwap()).isEqualTo(1536L << 20);
        assertThat(host.getNanoCPUs()).isEqualTo(1_000_000_000L);
        assertThat(host.getPidsLimit()).isEqualTo(512L);
        assertThat(inspected.getConfig().getUser()).isEqualTo("1000:1000");
        assertThat(inspected.getConfig().getLabels()).containsEntry("io.flowfile.kernel", "locked")
                .containsEntry("io.flowfile.owner", "alice").containsEntry("io.flowfile.instance", manager.config().instanceId());
        host.getPortBindings().getBindings().values().forEach(bindings ->
                assertThat(bindings).allSatisfy(binding -> assertThat(binding.getHostIp()).isEqualTo("127.0.0.1")));
        assertThat(inspected.getMounts()).extracting(mount -> String.valueOf(mount.getSource()))
                .noneMatch(source -> source.contains("docker.sock"));
        assertThat(stdout(manager, "locked", """
                import os
                try:
                    open('/etc/flowfile-test', 'w')
                    root_writable = True
                except OSError:
                    root_writable = False
                open('/tmp/ok', 'w').write('x')
                open('/home/flowfile/ok', 'w').write('x')
                print(os.getuid(), root_writable, os.path.exists('/var/run/docker.sock'))""")).isEqualTo("1000 False False");
    }

    @Test
    void startIsSingleFlightAndExecutionsQueueInOrder() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("queue", "alice"));
        CompletableFuture<KernelInfo> first = manager.start("queue");
        CompletableFuture<KernelInfo> second = manager.start("queue");
        assertThat(second).isSameAs(first);
        first.get(60, TimeUnit.SECONDS);
        run(manager, "queue", "order = []");
        List<CompletableFuture<ExecutionResult>> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(manager.execute("queue", Content.ExecuteRequest.of("import time\ntime.sleep(0.1)\norder.append(" + i + ")"),
                    ExecutionListener.NONE, Optional.empty(), TIMEOUT));
        }
        assertThat(manager.info("queue").orElseThrow().queued()).isPositive();
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(stdout(manager, "queue", "print(order)")).isEqualTo("[0, 1, 2, 3, 4]");
        await("READY after the queue drained", Duration.ofSeconds(5), () -> manager.info("queue").orElseThrow().state() == KernelState.READY);
    }

    @Test
    void anOutOfMemoryKillIsReportedAsSuch() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("small", "alice").withMemoryGb(0.5));
        manager.start("small").get(60, TimeUnit.SECONDS);
        CompletableFuture<ExecutionResult> hog = manager.execute("small",
                Content.ExecuteRequest.of("blocks = []\nwhile True:\n    blocks.append(bytearray(50 * 2**20))"),
                ExecutionListener.NONE, Optional.empty(), TIMEOUT);
        assertThatThrownBy(() -> hog.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(KernelException.class)
                .cause().hasMessage("the kernel exceeded its 0.5 GB memory limit and was killed");
        KernelInfo info = manager.info("small").orElseThrow();
        assertThat(info.state()).isEqualTo(KernelState.ERROR);
        assertThat(info.reason()).isEqualTo("the kernel exceeded its 0.5 GB memory limit and was killed");
    }

    @Test
    void reportsLiveMemoryNearTheLimit() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("memory", "alice").withMemoryGb(0.5));
        manager.start("memory").get(60, TimeUnit.SECONDS);
        run(manager, "memory", "block = bytearray(400 * 2**20)\nfor i in range(0, len(block), 4096):\n    block[i] = 1");
        await("a memory sample above 400 MB", Duration.ofSeconds(20), () -> manager.info("memory").orElseThrow().usage()
                .map(usage -> usage.memoryUsedBytes() > 400L << 20).orElse(false));
        ResourceUsage usage = manager.info("memory").orElseThrow().usage().orElseThrow();
        assertThat(usage.memoryLimitBytes()).isEqualTo(512L << 20);
        assertThat(usage.memoryUsedBytes()).isLessThanOrEqualTo(512L << 20);
        assertThat(usage.memoryPercent()).isBetween(78.0, 100.0);
    }

    @Test
    void aCrashIsReportedWithItsExitCodeAndLog() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("crash", "alice"));
        manager.start("crash").get(60, TimeUnit.SECONDS);
        CompletableFuture<ExecutionResult> crash = manager.execute("crash",
                Content.ExecuteRequest.of("import os, sys, time\nprint('the native library gave up', file=sys.__stderr__, flush=True)\n"
                        // ipykernel captures fd 2 with a pipe that a thread copies to the container's log: give it time to copy
                        + "time.sleep(1)\nos._exit(3)"),
                ExecutionListener.NONE, Optional.empty(), TIMEOUT);
        // the log's lines are what the kernel wrote, not ipykernel's start-up notices
        assertThatThrownBy(() -> crash.get(60, TimeUnit.SECONDS)).cause()
                .hasMessageContaining("kernel 'crash' died (exit code 3, container exited); last log lines:\nthe native library gave up")
                .hasMessageNotContaining("IPKernelApp");
        assertThat(manager.info("crash").orElseThrow().state()).isEqualTo(KernelState.ERROR);
    }

    @Test
    void aKernelThatStopsAnsweringItsHeartbeatGoesToError() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("frozen", "alice"));
        String container = manager.start("frozen").get(60, TimeUnit.SECONDS).containerId().orElseThrow();
        manager.provisioner().docker().pauseContainerCmd(container).exec();
        await("ERROR after the heartbeat stopped", Duration.ofSeconds(30),
                () -> manager.info("frozen").orElseThrow().state() == KernelState.ERROR);
        assertThat(manager.info("frozen").orElseThrow().reason())
                .startsWith("kernel 'frozen' stopped answering its heartbeat although its container runs").doesNotContain("IPKernelApp");
        await("the frozen container to be removed", Duration.ofSeconds(30), () -> !manager.provisioner().status(container).exists());
    }

    @Test
    void idleTimeoutAndMaximumLifetimeStopKernelsWithTheReason() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("idle", "alice").withIdleTimeout(Duration.ofSeconds(3)));
        manager.define(KernelDefinition.of("short", "alice").withMaxLifetime(Duration.ofSeconds(4)));
        manager.start("short").get(60, TimeUnit.SECONDS);
        manager.start("idle").get(60, TimeUnit.SECONDS); // second: the other start's time does not count against its idle timeout
        Thread.sleep(2_000);
        run(manager, "idle", "1"); // a finishing execution resets the idle clock
        assertThat(manager.info("idle").orElseThrow().state()).isEqualTo(KernelState.READY);
        await("the idle kernel to stop", Duration.ofSeconds(20), () -> manager.info("idle").orElseThrow().state() == KernelState.STOPPED);
        assertThat(manager.info("idle").orElseThrow().reason()).startsWith("idle for ").contains("idle timeout 3 s");
        await("the short-lived kernel to stop", Duration.ofSeconds(20), () -> manager.info("short").orElseThrow().state() == KernelState.STOPPED);
        assertThat(manager.info("short").orElseThrow().reason()).isEqualTo("reached its maximum lifetime of 4 s");
    }

    @Test
    void startsBeyondTheLimitWaitInPendingAndStartInOrder() throws Exception {
        KernelManager manager = kernels.manager(kernels.config().withMaxKernelsPerOwner(1));
        for (String id : List.of("a", "b", "c")) {
            manager.define(KernelDefinition.of(id, "alice"));
        }
        manager.define(KernelDefinition.of("other", "bob"));
        manager.start("a").get(60, TimeUnit.SECONDS);
        CompletableFuture<KernelInfo> b = manager.start("b");
        CompletableFuture<KernelInfo> c = manager.start("c");
        assertThat(manager.info("b").orElseThrow().state()).isEqualTo(KernelState.PENDING);
        assertThat(manager.info("b").orElseThrow().reason()).contains("alice already runs 1 kernels");
        assertThat(manager.info("c").orElseThrow().state()).isEqualTo(KernelState.PENDING);
        assertThat(List.of(manager.info("b").orElseThrow().queuePosition(), manager.info("c").orElseThrow().queuePosition()))
                .as("places in alice's queue").containsExactly(1, 2);
        assertThat(manager.info("a").orElseThrow().queuePosition()).isZero();
        // Another owner has slots of its own.
        assertThat(manager.start("other").get(60, TimeUnit.SECONDS).state()).isEqualTo(KernelState.READY);
        manager.stop("a", "make room");
        assertThat(b.get(60, TimeUnit.SECONDS).state()).isEqualTo(KernelState.READY);
        assertThat(manager.info("c").orElseThrow().state()).isEqualTo(KernelState.PENDING);
        assertThat(manager.info("c").orElseThrow().queuePosition()).as("next in line once b left the queue").isEqualTo(1);
        manager.stop("b", "make room");
        assertThat(c.get(60, TimeUnit.SECONDS).state()).isEqualTo(KernelState.READY);
    }

    @Test
    void aPooledContainerStartsTheKernelAndSeesOnlyItsOwnersFiles() throws Exception {
        KernelManager manager = kernels.manager(kernels.config().withPoolSize(1));
        KernelDefinition alice = KernelDefinition.of("pooled", "alice");
        manager.define(alice);
        assertThat(manager.prewarm(alice, TIMEOUT)).isTrue();
        long start = System.nanoTime();
        KernelInfo info = manager.start("pooled").get(60, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        assertThat(info.state()).isEqualTo(KernelState.READY);
        assertThat(elapsed).as("a pool hit needs no container start").isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        // Alice's kernel writes to her shared directory; Bob's kernel cannot see it.
        run(manager, "pooled", "open('/flowfile/shared/alice.txt', 'w').write('secret')");
        manager.define(KernelDefinition.of("bobs", "bob"));
        manager.start("bobs").get(60, TimeUnit.SECONDS);
        assertThat(stdout(manager, "bobs", "import os\nprint(sorted(os.listdir('/flowfile/shared')))")).isEqualTo("[]");
        assertThat(stdout(manager, "pooled", "import os\nprint(sorted(os.listdir('/flowfile/shared')))")).isEqualTo("['alice.txt']");
    }

    @Test
    void aRestartedManagerReadoptsItsKernelsAndLeavesOthersAlone() throws Exception {
        KernelRuntimeConfig config = kernels.config();
        KernelRuntimeConfig stranger = config.withInstanceId(config.instanceId() + "-other");
        DockerProvisioner foreign = new DockerProvisioner(stranger);
        kernels.closeAfter(foreign);
        KernelContainer theirs = foreign.create(new ContainerSpec(config.image(), "carol", "theirs", new ResourceProfile(1L << 30, 1_000_000_000L, 0)));
        kernels.closeAfter(() -> foreign.remove(theirs.id()));

        KernelManager first = new KernelManager(config.withPoolSize(1));
        first.define(KernelDefinition.of("survivor", "alice"));
        String container = first.start("survivor").get(60, TimeUnit.SECONDS).containerId().orElseThrow();
        run(first, "survivor", "remembered = 'still here'");
        assertThat(first.prewarm(KernelDefinition.of("survivor", "alice"), TIMEOUT)).isTrue();
        List<String> warm = first.provisioner().ownedContainers().stream().map(c -> c.getId())
                .filter(id -> !id.equals(container)).toList();
        // A kernel started from the pool keeps its container's "pooled" label: it must be re-adopted all the same.
        first.define(KernelDefinition.of("from-pool", "alice"));
        String fromPool = first.start("from-pool").get(60, TimeUnit.SECONDS).containerId().orElseThrow();
        assertThat(warm).as("the pooled container served the kernel").containsExactly(fromPool);
        run(first, "from-pool", "kept = 42");
        assertThat(first.prewarm(KernelDefinition.of("survivor", "alice"), TIMEOUT)).isTrue();
        List<String> pooled = first.provisioner().ownedContainers().stream().map(c -> c.getId())
                .filter(id -> !id.equals(container) && !id.equals(fromPool)).toList();
        assertThat(pooled).hasSize(1);
        first.detach();

        KernelManager second = kernels.manager(config);
        KernelInfo adopted = second.info("survivor").orElseThrow();
        assertThat(adopted.state()).isEqualTo(KernelState.READY);
        assertThat(adopted.containerId()).contains(container);
        assertThat(stdout(second, "survivor", "print(remembered)")).isEqualTo("still here");
        assertThat(second.info("from-pool").orElseThrow().containerId()).contains(fromPool);
        assertThat(stdout(second, "from-pool", "print(kept)")).isEqualTo("42");
        assertThat(foreign.status(theirs.id()).running()).as("another instance's container").isTrue();
        assertThat(second.provisioner().status(pooled.getFirst()).exists()).as("the old pooled container is removed").isFalse();
    }

    @Test
    void aGpuRequestIsRefusedClearlyWithoutNvidia() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("gpu", "alice").withGpus(1));
        assertThatThrownBy(() -> manager.start("gpu").get(60, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.code()).isEqualTo(KernelErrorCode.GPU_UNAVAILABLE))
                .hasMessageContaining("kernel 'gpu' asks for a GPU").hasMessageContaining("no NVIDIA runtime");
        assertThat(manager.info("gpu").orElseThrow().state()).isEqualTo(KernelState.ERROR);
    }

    @Test
    void extraPackagesMakeALockedDerivedImageThatIsReused() throws Exception {
        KernelManager manager = kernels.manager();
        manager.define(KernelDefinition.of("env", "alice").withPackages(List.of("tabulate==0.9.0")));
        manager.define(KernelDefinition.of("env2", "alice").withPackages(List.of("tabulate==0.9.0")));
        KernelInfo info = manager.start("env").get(300, TimeUnit.SECONDS);
        assertThat(info.image()).startsWith("flowfile-kernel-env:");
        assertThat(stdout(manager, "env", "import tabulate\nprint(tabulate.__version__)")).isEqualTo("0.9.0");
        assertThat(manager.start("env2").get(60, TimeUnit.SECONDS).image()).isEqualTo(info.image());
        assertThat(java.nio.file.Files.readString(manager.config().environments().wheelhouse()
                .resolve("environments").toFile().listFiles()[0].toPath().resolve("requirements.lock"))).isEqualTo("tabulate==0.9.0\n");
    }

    private static String inFlow(String kernelId, String code) {
        String context = "{\"flow_id\": \"f1\", \"run_id\": \"r1\", \"node_id\": \"n1\", \"kernel_id\": \"" + kernelId + "\", "
                + "\"inputs\": {}, \"outputs\": [\"main\"], \"output_dir\": \"/tmp\", \"shared_dir\": \"/flowfile/shared\", "
                + "\"artifact_dir\": \"/flowfile/artifacts/" + kernelId + "\", \"exchange_dir\": \"/tmp\", "
                + "\"flow_registered\": false, \"flow_version\": null, \"interactive\": false}";
        var encoder = java.util.Base64.getEncoder();
        return "import flowfile._kernel as _fk; _fk.run_cell_b64('" + encoder.encodeToString(context.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "', '" + encoder.encodeToString(code.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "', 0)";
    }

    @Test
    void flowArtifactsComeBackAfterARestartByTheRecoveryMode() throws Exception {
        KernelManager manager = kernels.manager();
        for (RecoveryMode mode : RecoveryMode.values()) {
            String id = "recover-" + mode.name().toLowerCase(java.util.Locale.ROOT);
            manager.define(KernelDefinition.of(id, "alice").withRecoveryMode(mode));
            manager.start(id).get(60, TimeUnit.SECONDS);
            assertThat(run(manager, id, inFlow(id, "flowfile.publish_artifact('model', {'w': [1, 2, 3]})")).ok()).isTrue();
            manager.restart(id).get(60, TimeUnit.SECONDS);
            String seen = stdout(manager, id, inFlow(id, """
                    import flowfile._artifacts as _a
                    loaded = _a.loaded_names('f1')
                    names = [a['name'] for a in flowfile.list_artifacts()]
                    print(loaded, names, flowfile.read_artifact('model')['w'] if names else None)"""));
            switch (mode) {
                case LAZY -> assertThat(seen).isEqualTo("[] ['model'] [1, 2, 3]");
                case EAGER -> assertThat(seen).isEqualTo("['model'] ['model'] [1, 2, 3]");
                case CLEAR -> assertThat(seen).isEqualTo("[] [] None");
            }
        }
    }

    @Test
    void aDamagedArtifactIsAnErrorNotWrongData() throws Exception {
        KernelRuntimeConfig config = kernels.config();
        KernelManager manager = kernels.manager(config);
        manager.define(KernelDefinition.of("damaged", "alice"));
        manager.start("damaged").get(60, TimeUnit.SECONDS);
        assertThat(run(manager, "damaged", inFlow("damaged", "flowfile.publish_artifact('table', list(range(1000)))")).ok()).isTrue();
        manager.restart("damaged").get(60, TimeUnit.SECONDS);
        java.nio.file.Path artifact = config.workRoot().resolve("owners/alice/artifacts/damaged/f1/table");
        java.nio.file.Path data;
        try (var files = java.nio.file.Files.list(artifact)) {
            data = files.filter(file -> file.getFileName().toString().startsWith("data")).findFirst().orElseThrow();
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x5A;
        java.nio.file.Files.write(data, bytes);
        ExecutionResult read = run(manager, "damaged", inFlow("damaged", "flowfile.read_artifact('table')"));
        assertThat(read.ok()).isFalse();
        assertThat(read.errorValue()).contains("artifact 'table'").contains("checksum");
    }
}
