package io.flowfile.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowfile.app.testing.Api;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite: the packaged server, real kernels in Docker, and faults made the way they happen
 * (the kernel's own allocation, {@code docker kill}, a signal to the kernel process inside its
 * container, {@code docker pause}, full filesystems as small tmpfs mounts, {@code kill -9} of the
 * server). For each: whether it was detected, the reason the user is shown, the state of the run
 * and the kernel afterwards, and that nothing recorded before it was lost (the runs of a registered
 * flow and a draft made before the first fault, checked after each). The table goes to
 * target/fault-suite.md (kept in the README). Needs root (mount) and Docker; never skips.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final String KERNEL = "faults";
    private static final Map<String, Object> ONE_ROW = Api.add("one", "manual_input", Map.of("columns", List.of(Map.of("name", "x", "type", "BIGINT")),
            "rows", List.of(List.of(1))));

    private record Row(String fault, boolean detected, String reason, String run, String kernel, int lost) {
        Row withKernel(String more) {
            return new Row(fault, detected, reason, run, kernel + more, lost);
        }
    }

    private static final List<Row> ROWS = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static Path dir;
    private static Path data;
    private static Path exchange;
    private static Path smallDisk;
    private static int port;
    private static ServedProcess served;
    /** Run id → state of the runs recorded before any fault; the draft made before, with its revision. */
    private static final Map<String, String> RECORDED = new LinkedHashMap<>();
    private static String keptDraft;
    private static long keptRevision;

    @BeforeAll
    static void serverWithSmallFilesystems() throws Exception {
        dir = Files.createTempDirectory("flowfile-faults");
        data = dir.resolve("data");
        Api.salesData(data.resolve("files"));
        exchange = mount(dir.resolve("exchange"), "24m");
        smallDisk = mount(data.resolve("files").resolve("small-disk"), "4m"); // under the server's file root
        port = ServedProcess.freePort();
        served = start();
        call("POST", "/api/kernels", Map.of("id", KERNEL, "memoryGb", 0.5, "cpus", 1), 201);
        startKernel();

        // What must survive every fault: two recorded runs of a registered flow, and a draft.
        String flow = draft("kept", List.of(Api.add("orders", "read_csv", Map.of("path", "orders.csv")),
                Api.add("shipped", "filter", Map.of("mode", "advanced", "expression", "status = 'shipped'")),
                Api.connect("orders", "shipped")));
        call("POST", "/api/drafts/" + flow + "/register", Map.of(), 201);
        for (int i = 0; i < 2; i++) {
            String runId = call("POST", "/api/flows/kept/versions/1/runs", Map.of(), 202).path("id").asText();
            finished(runId);
            RECORDED.put(runId, recordedRun(runId).path("state").asText());
        }
        assertThat(RECORDED.values()).containsOnly("SUCCEEDED");
        keptDraft = draft("kept-draft", List.of(Api.add("orders", "read_csv", Map.of("path", "orders.csv"))));
        keptRevision = call("GET", "/api/drafts/" + keptDraft, null, 200).path("revision").asLong();
    }

    @AfterAll
    static void report() throws Exception {
        if (served != null) {
            try {
                call("POST", "/api/kernels/" + KERNEL + "/stop", Map.of(), 200); // kernels outlive a server; this one should not
            } catch (AssertionError | Exception e) {
                System.out.println("could not stop kernel '" + KERNEL + "': " + e.getMessage());
            }
            served.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (Path mounted : new Path[] {exchange, smallDisk}) {
            if (mounted != null) {
                command("umount", "-l", mounted.toString());
            }
        }
        StringBuilder table = new StringBuilder("| fault | detected | reason shown | run | kernel after | data lost |\n|---|---|---|---|---|---|\n");
        for (Row row : ROWS) {
            table.append("| ").append(row.fault()).append(" | ").append(row.detected() ? "yes" : "NO").append(" | ")
                    .append(row.reason().replace("|", "\\|").replace("\n", " ")).append(" | ").append(row.run()).append(" | ")
                    .append(row.kernel()).append(" | ").append(row.lost()).append(" |\n");
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fault-suite.md"), table);
        System.out.println("Fault suite:\n" + table);
    }

    // ---- the faults

    @Test
    @Order(1)
    void kernelOutOfMemoryMidCell() throws Exception {
        JsonNode run = pythonRun("oom", "import numpy as np\nmark('oom')\nhog = np.ones(1536 * 1024 * 1024, dtype=np.uint8)\n");
        record("kernel out of memory mid-cell", run, "memory limit", true);
    }

    @Test
    @Order(2)
    void dockerKillOfTheKernelMidCell() throws Exception {
        JsonNode run = pythonRunWith("killed", "import time\nmark('killed')\ntime.sleep(120)\n",
                () -> command("docker", "kill", kernelContainer()));
        record("`docker kill` of the kernel mid-cell", run, "", true);
    }

    @Test
    @Order(3)
    void theKernelProcessKilledInsideItsContainer() throws Exception {
        JsonNode run = pythonRunWith("signalled", "import time\nmark('signalled')\ntime.sleep(120)\n",
                // detached: the kernel is the container's first process, so the container (and a waiting exec with it,
                // exit 137) ends as soon as the signal lands; the run's end says what happened
                () -> command("docker", "exec", "-d", kernelContainer(), "python3", "-c", """
                        import os, signal
                        for pid in os.listdir('/proc'):
                            if pid.isdigit() and int(pid) != os.getpid():
                                try:
                                    cmdline = open(f'/proc/{pid}/cmdline', 'rb').read()
                                except OSError:
                                    continue
                                if b'ipykernel' in cmdline or b'flowfile-kernel' in cmdline:
                                    os.kill(int(pid), signal.SIGKILL)
                        """));
        record("the kernel process killed inside its container", run, "", true);
    }

    @Test
    @Order(4)
    void heartbeatLoss() throws Exception {
        String[] paused = new String[1];
        JsonNode run = pythonRunWith("paused", "import time\nmark('paused')\ntime.sleep(120)\n", () -> {
            paused[0] = kernelContainer();
            command("docker", "pause", paused[0]);
        });
        new ProcessBuilder("docker", "unpause", paused[0]).start().waitFor(30, TimeUnit.SECONDS); // the manager may have removed it
        record("heartbeat loss (`docker pause` of the kernel)", run, "heartbeat", true);
    }

    @Test
    @Order(5)
    void theExchangeFilesystemFull() throws Exception {
        JsonNode run = runDraft("exchange-full", List.of(ONE_ROW,
                Api.add("big", "sql", Map.of("query", "SELECT i, md5(CAST(i AS VARCHAR)) || md5(CAST(i + 1 AS VARCHAR)) AS h FROM main, range(600000) t(i)")),
                Api.connect("one", "big"),
                Api.add("py", "python_script", Map.of("kernel_id", KERNEL, "start_kernel", true,
                        "cells", List.of("flowfile.publish_output(flowfile.read_input())"),
                        "output_schemas", Map.of("main", Map.of("i", "BIGINT", "h", "VARCHAR")))),
                Api.connect("big", "py")));
        record("the exchange filesystem full (24 MB tmpfs)", run, "the exchange directory is full", false);
        try (Stream<Path> left = Files.walk(exchange)) {
            assertThat(left.filter(Files::isRegularFile).toList()).as("files left in the exchange").isEmpty();
        }
    }

    @Test
    @Order(6)
    void theDataDirectoryFullWhileParquetIsWritten() throws Exception {
        Path target = smallDisk.resolve("out.parquet");
        JsonNode run = runDraft("disk-full", List.of(ONE_ROW,
                Api.add("big", "sql", Map.of("query", "SELECT i, md5(CAST(i AS VARCHAR)) AS h FROM main, range(2000000) t(i)")),
                Api.connect("one", "big"),
                Api.add("out", "write_parquet", Map.of("path", target.toString())),
                Api.connect("big", "out")));
        record("the data directory full while a Parquet output is written (4 MB tmpfs)", run, "No space left on device", false);
        try (Stream<Path> left = Files.list(smallDisk)) {
            assertThat(left.toList()).as("nothing half-written under the target's name, no temporary file").isEmpty();
        }
    }

    @Test
    @Order(7)
    void theServerKilledMidRunAndStartedAgain() throws Exception {
        startKernel();
        String container = kernelContainer();
        String flow = draft("long", List.of(Api.add("orders", "read_csv", Map.of("path", "orders.csv")),
                Api.add("forever", "sql", Map.of("query", "SELECT sum(a.range * b.range) AS s FROM range(200000000) a, range(1000000) b")),
                Api.connect("orders", "forever")));
        call("POST", "/api/drafts/" + flow + "/register", Map.of(), 201);
        String runId = call("POST", "/api/flows/long/versions/1/runs", Map.of(), 202).path("id").asText();
        await("the long run running", () -> call("GET", "/api/runs/" + runId, null, 200).path("nodes").path("forever").path("state").asText()
                .equals("running"));

        command("kill", "-9", Long.toString(served.process().pid()));
        assertThat(served.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        String killedLink = served.token();
        served = start();

        long restarted = System.nanoTime();
        // A killed server's runs are ended by the cluster sweep once its last check-in is old enough to call it dead.
        await("the killed server's run to be ended", () -> !recordedRun(runId).path("state").asText().matches("QUEUED|RUNNING"));
        long endedAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restarted);
        JsonNode recorded = recordedRun(runId);
        String reason = recorded.path("error").path("message").asText() + " (recorded " + endedAfter + " s after the new server started)";
        JsonNode kernel = call("GET", "/api/kernels/" + KERNEL, null, 200);
        assertThat(kernel.path("state").asText()).as("the kernel is re-adopted").isEqualTo("READY");
        assertThat(kernelContainer()).as("the same container, not a new one").isEqualTo(container);
        ROWS.add(new Row("the server killed with -9 mid-run, then started again", recorded.path("state").asText().equals("FAILED"), reason,
                "failed", kernel.path("state").asText() + " (re-adopted)", lost()));
        assertThat(recorded.path("state").asText()).isEqualTo("FAILED");
        assertThat(reason).contains("stopped before it ended");
        // the killed server could not revoke its login link's token: the sweep that found it dead did
        await("the killed server's login link to be revoked", () -> ServedProcess.status(HTTP, served.base(), killedLink, "/api/auth/me") == 401);
        assertThat(ServedProcess.status(HTTP, served.base(), served.token(), "/api/auth/me")).as("the new server's link").isEqualTo(200);
        assertThat(lost()).isZero();
    }

    @Test
    @Order(8)
    void postgresRestartedDuringARun() throws Exception {
        String schema = "flowfile_faults_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String database = "jdbc:postgresql://127.0.0.1:5432/flowfile_test";
        try (var connection = java.sql.DriverManager.getConnection(database, "flowfile", "flowfile"); var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        Path pgData = dir.resolve("pg-data");
        Api.salesData(pgData.resolve("files"));
        ServedProcess onPostgres = ServedProcess.start(Path.of("target", "quarkus-app-postgres", "quarkus-run.jar").toAbsolutePath(),
                ServedProcess.freePort(), pgData, List.of(), Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL", database + "?currentSchema=" + schema + "&options=-c%20lock_timeout=10s",
                        "QUARKUS_DATASOURCE_USERNAME", "flowfile", "QUARKUS_DATASOURCE_PASSWORD", "flowfile"));
        ServedProcess h2 = served;
        served = onPostgres;
        try {
            String flow = draft("pg-long", List.of(ONE_ROW,
                    Api.add("slow", "sql", Map.of("query", "SELECT count(*) AS n, sum(a.range * b.range) AS s FROM main, range(60000000) a, range(3) b")),
                    Api.connect("one", "slow")));
            call("POST", "/api/drafts/" + flow + "/register", Map.of(), 201);
            String before = call("POST", "/api/flows/pg-long/versions/1/runs", Map.of(), 202).path("id").asText();
            finished(before);
            String beforeState = recordedRun(before).path("state").asText();

            String during = call("POST", "/api/flows/pg-long/versions/1/runs", Map.of(), 202).path("id").asText();
            await("the run running", () -> call("GET", "/api/runs/" + during, null, 200).path("nodes").path("slow").path("state").asText()
                    .equals("running"));
            String version = command("sh", "-c", "ls /usr/lib/postgresql | sort -V | tail -n 1").strip();
            command("pg_ctlcluster", version, "main", "restart");
            JsonNode live = finished(during);
            await("the run recorded in the catalog", () -> !recordedRun(during).path("state").asText().matches("QUEUED|RUNNING"));
            JsonNode recorded = recordedRun(during);
            String after = call("POST", "/api/flows/pg-long/versions/1/runs", Map.of(), 202).path("id").asText();
            JsonNode next = finished(after);

            int lost = recordedRun(before).path("state").asText().equals(beforeState) ? 0 : 1;
            String reason = recorded.path("state").asText().equals("SUCCEEDED")
                    ? "none needed: the run finished and was recorded once PostgreSQL answered again; the next run " + next.path("state").asText().toLowerCase(java.util.Locale.ROOT)
                    : recorded.path("error").path("message").asText();
            ROWS.add(new Row("PostgreSQL restarted during a run (server on PostgreSQL)", true, reason,
                    live.path("state").asText().toLowerCase(java.util.Locale.ROOT) + ", recorded " + recorded.path("state").asText().toLowerCase(java.util.Locale.ROOT),
                    "-", lost));
            assertThat(next.path("state").asText()).as("a run after the restart").isEqualTo("SUCCEEDED");
            assertThat(recorded.path("state").asText()).as("the catalog's record of the run during the restart").isIn("SUCCEEDED", "FAILED");
            assertThat(lost).isZero();
        } finally {
            served = h2;
            onPostgres.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            try (var connection = java.sql.DriverManager.getConnection(database, "flowfile", "flowfile"); var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    @Order(9)
    void dockerdRestartedDuringARun() throws Exception {
        JsonNode run = pythonRunWith("dockerd", "import time\nmark('dockerd')\ntime.sleep(120)\n", FaultSuiteIT::restartDockerd);
        record("`dockerd` restarted during a run", run, "", true);
        // Once the Docker engine answers again, the kernel starts afresh and runs cells.
        JsonNode again = pythonRun("after-dockerd", "mark('after-dockerd')\n");
        assertThat(again.path("state").asText()).as("a run after dockerd's restart: " + again).isEqualTo("SUCCEEDED");
        ROWS.set(ROWS.size() - 1, ROWS.getLast().withKernel("; started again: READY, its next run succeeded"));
    }

    // ---- helpers

    /**
     * Stops the Docker daemon and starts it again: {@code systemctl restart docker} where systemd runs it, else SIGTERM to the
     * {@code dockerd} process and the same command line started again (as scripts/setup starts it), then waits until it answers.
     */
    private static void restartDockerd() throws Exception {
        if (succeeds("systemctl", "is-active", "--quiet", "docker")) {
            command("systemctl", "restart", "docker");
        } else {
            String pid = command("pgrep", "-xo", "dockerd").strip();
            List<String> arguments = List.of(Files.readString(Path.of("/proc", pid, "cmdline")).split("\0"));
            command("kill", "-TERM", pid);
            await("dockerd (pid " + pid + ") to stop", () -> !Files.exists(Path.of("/proc", pid)));
            String quoted = String.join(" ", arguments.stream().map(argument -> "'" + argument.replace("'", "'\\''") + "'").toList());
            command("setsid", "sh", "-c", "nohup " + quoted + " >>/tmp/flowfile-dockerd.log 2>&1 </dev/null &");
        }
        await("the Docker engine to answer again", () -> succeeds("docker", "info"));
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false; // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A Python Script node whose cell first calls mark(name) (a file the test waits for), then {@code code}. */
    private static JsonNode pythonRun(String name, String code) throws Exception {
        return pythonRunWith(name, code, () -> { });
    }

    @FunctionalInterface
    private interface Fault {
        void inject() throws Exception;
    }

    private static JsonNode pythonRunWith(String name, String code, Fault fault) throws Exception {
        startKernel();
        String prelude = "def mark(name):\n    open(f'/flowfile/shared/{name}.started', 'w').close()\n";
        String draftId = draft(name, List.of(Api.add("rows", "manual_input", Map.of("columns", List.of(Map.of("name", "x", "type", "BIGINT")),
                        "rows", List.of(List.of(1)))),
                Api.add("py", "python_script", Map.of("kernel_id", KERNEL, "cells", List.of(prelude + code + "flowfile.publish_output(flowfile.read_input())"),
                        "output_schemas", Map.of("main", Map.of("x", "BIGINT")))),
                Api.connect("rows", "py")));
        String runId = call("POST", "/api/drafts/" + draftId + "/runs", Map.of(), 202).path("id").asText();
        await("the cell of '" + name + "' started", () -> marked(name));
        fault.inject();
        return finished(runId);
    }

    private static JsonNode runDraft(String name, List<Map<String, Object>> edits) throws Exception {
        startKernel();
        String draftId = draft(name, edits);
        return finished(call("POST", "/api/drafts/" + draftId + "/runs", Map.of(), 202).path("id").asText());
    }

    private static void record(String fault, JsonNode run, String expectedReason, boolean kernelFault) throws Exception {
        String reason = reason(run);
        String kernelState = call("GET", "/api/kernels/" + KERNEL, null, 200).path("state").asText();
        String kernelReason = call("GET", "/api/kernels/" + KERNEL, null, 200).path("reason").asText();
        boolean detected = run.path("state").asText().equals("FAILED") && reason.contains(expectedReason);
        ROWS.add(new Row(fault, detected, reason, run.path("state").asText().toLowerCase(java.util.Locale.ROOT),
                kernelState + (kernelReason.isBlank() ? "" : ": " + kernelReason), lost()));
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("FAILED");
        assertThat(reason).as(run.toString()).contains(expectedReason);
        if (kernelFault) {
            assertThat(kernelState).as("the kernel after " + fault).isEqualTo("ERROR");
        }
        assertThat(lost()).as("records lost").isZero();
    }

    /** The failed node's error, else the run's errors. */
    private static String reason(JsonNode run) {
        for (JsonNode node : run.path("nodes")) {
            if (node.path("state").asText().equals("failed") && !node.path("error").asText().isBlank()) {
                return node.path("error").asText();
            }
        }
        List<String> errors = new ArrayList<>();
        run.path("errors").forEach(error -> errors.add(error.path("message").asText()));
        return String.join("; ", errors);
    }

    /** Records made before the first fault that are gone or changed. */
    private static int lost() throws Exception {
        int lost = 0;
        for (var recorded : RECORDED.entrySet()) {
            lost += recordedRun(recorded.getKey()).path("state").asText().equals(recorded.getValue()) ? 0 : 1;
        }
        JsonNode draft = call("GET", "/api/drafts/" + keptDraft, null, 200);
        lost += draft.path("revision").asLong() == keptRevision && draft.path("document").toString().contains("orders.csv") ? 0 : 1;
        JsonNode versions = call("GET", "/api/flows/kept/versions", null, 200);
        lost += versions.toString().contains("\"version\":1") ? 0 : 1;
        return lost;
    }

    /** A run as the catalog's run history keeps it. */
    private static JsonNode recordedRun(String runId) throws Exception {
        return call("GET", "/api/catalog/runs/" + runId, null, 200).path("run");
    }

    private static void startKernel() throws Exception {
        JsonNode kernel = call("GET", "/api/kernels/" + KERNEL, null, 200);
        if (!kernel.path("state").asText().equals("READY")) {
            call("POST", "/api/kernels/" + KERNEL + "/start", Map.of(), 200);
            await("kernel '" + KERNEL + "' ready", () -> {
                String state = call("GET", "/api/kernels/" + KERNEL, null, 200).path("state").asText();
                if (state.equals("ERROR") || state.equals("STOPPED")) {
                    // asked while the manager still held it busy after the last fault: it had not seen it die yet
                    call("POST", "/api/kernels/" + KERNEL + "/start", Map.of(), 200);
                }
                return state.equals("READY");
            });
        }
    }

    /** The running container of this server's kernel (the instance label ends with the hash of its kernels directory). */
    private static String kernelContainer() throws Exception {
        String instance = "-" + Integer.toHexString(data.toAbsolutePath().resolve("kernels").toString().hashCode());
        List<String> ids = command("docker", "ps", "--filter", "label=io.flowfile.kernel=" + KERNEL, "--filter", "status=running",
                "--format", "{{.ID}} {{.Label \"io.flowfile.instance\"}}").lines()
                .filter(line -> line.endsWith(instance)).map(line -> line.substring(0, line.indexOf(' '))).toList();
        assertThat(ids).as("the kernel's container").hasSize(1);
        return ids.getFirst();
    }

    private static boolean marked(String name) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("kernels"))) {
            return files.anyMatch(file -> file.getFileName().toString().equals(name + ".started"));
        }
    }

    private static String draft(String name, List<Map<String, Object>> edits) throws Exception {
        JsonNode draft = call("POST", "/api/drafts", Map.of("name", name), 201);
        String id = draft.path("id").asText();
        JsonNode edited = call("POST", "/api/drafts/" + id + "/edits", Map.of("revision", draft.path("revision").asLong(), "edits", edits), 200);
        assertThat(edited.path("problems").size()).as(edited.path("problems").toString()).isZero();
        return id;
    }

    private static JsonNode finished(String runId) throws Exception {
        JsonNode[] run = new JsonNode[1];
        await("run " + runId + " to end", () -> {
            run[0] = call("GET", "/api/runs/" + runId, null, 200);
            return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(run[0].path("state").asText());
        });
        return run[0];
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + RUN_TIMEOUT.toSeconds() + " s waiting for " + what + "; the server printed:\n"
                        + served.output());
            }
            Thread.sleep(200);
        }
    }

    private static JsonNode call(String method, String path, Object body, int status) throws Exception {
        return ServedProcess.call(HTTP, served.base(), served.token(), method, path, body, status);
    }

    private static ServedProcess start() throws IOException {
        return ServedProcess.start(JAR, port, data, List.of(), Map.of("FLOWFILE_EXCHANGE_DIR", exchange.toString()));
    }

    private static Path mount(Path where, String size) throws Exception {
        Path point = Files.createDirectories(where);
        command("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", point.toString());
        return point;
    }

    private static String command(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + printed).isZero();
        return printed;
    }
}
