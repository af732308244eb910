package io.flowfile.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowfile.app.service.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flowfile bench scheduler}: many interval schedules on one server, then on two sharing the
 * database: each fire's lateness (the tick's record time minus its fire time), fire times lost (no
 * tick) or doubled (more than one run for a tick). The servers are the PostgreSQL build of the app
 * (target/quarkus-app-postgres) on a fresh schema of a PostgreSQL database. Most schedules have a
 * tick marked running that never ends, so that their fires are recorded as skipped by the overlap
 * policy and start no run (10,000 runs a minute are far beyond one machine's server): they time the
 * firing itself (Quartz's acquisition, the job, the tick's claim, the next plan). A few schedules
 * start real runs of a one-node flow; their run start (the run's start minus the fire time) is shown beside.
 */
@Command(name = "scheduler", description = "Schedules firing on one server, then on two sharing a PostgreSQL database: lateness p50/p99/max, lost and doubled fires.")
public final class SchedulerBenchmark implements Callable<Integer> {

    private static final Pattern LINK = Pattern.compile("Flowfile is running at (http://[^/]+)/\\?token=(\\S+)");
    private static final Pattern ANCHOR = Pattern.compile("\"anchor\"\\s*:\\s*(\"[^\"]*\"|[0-9.eE+-]+)");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Option(names = "--schedules", defaultValue = "10000", description = "Schedules that fire without a run (default: 10000).")
    int schedules;

    @Option(names = "--running", defaultValue = "100", description = "Schedules that start real runs (default: 100).")
    int running;

    @Option(names = "--interval", defaultValue = "60", description = "Every schedule's interval in seconds (default: 60).")
    int interval;

    @Option(names = "--seconds", defaultValue = "120", description = "The measured window (default: 120).")
    int seconds;

    @Option(names = "--lead", defaultValue = "120", description = "Seconds from making the schedules to their anchors, so that their"
            + " first fires come after the servers have planned them, as for schedules that exist while servers run (default: 120).")
    int lead;

    @Option(names = "--jdbc-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/flowfile_test?sslmode=disable",
            description = "The PostgreSQL database; a fresh schema is made in it and dropped after (default: scripts/setup's test database,"
                    + " without TLS on the loopback).")
    String jdbcUrl;

    @Option(names = "--user", defaultValue = "flowfile")
    String user;

    @Option(names = "--password", defaultValue = "flowfile")
    String password;

    @Option(names = "--keep", description = "Keep the database schemas (to look into them) instead of dropping them.")
    boolean keep;

    @Option(names = "--only", description = "Only this many servers (1 or 2) instead of one, then two.")
    Integer only;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Made when the benchmark runs: picocli makes every command's object at each start of the command line. */
    private HttpClient http;

    private record Server(Process process, String base, String token) {
    }

    /** @param first the window is the schedules' first interval of fires (the first fire of each trigger after the start) */
    private record Result(int servers, boolean first, int fires, List<Double> lateness, List<Double> runLateness, List<Double> runTickLateness, int lost,
                          int doubled, int runs, double planSeconds) {
    }

    @Override
    public Integer call() throws Exception {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        if (schedules < 0 || running < 1 || schedules + running > 100_000 || interval < 1 || seconds < interval
                || (only != null && only != 1 && only != 2) || lead < 0 || lead > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--schedules must be >= 0, --running >= 1 (together at most 100000), --interval >= 1, --seconds >= --interval, --only 1 or 2,"
                            + " --lead 0-3600");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Scheduler benchmark: %d schedules without runs + %d with runs, every %d s, %d s measured; one server, then two"
                + " (PostgreSQL, %d cores)%n", schedules, running, interval, seconds, Runtime.getRuntime().availableProcessors());
        out.flush();
        List<Result> results = new ArrayList<>();
        for (int servers = 1; servers <= 2; servers++) {
            if (only != null && only != servers) {
                continue;
            }
            results.addAll(measure(servers, out));
        }
        out.println();
        out.printf("Lateness of a fire (tick recorded minus fire time), ms: the first interval of fires after the start, then the"
                + " %d s measured after it%n", seconds);
        out.printf("  %-48s %10s %10s %10s %10s%n", "", "count", "p50", "p99", "max");
        for (Result result : results) {
            String who = (result.servers() == 1 ? "one server" : "two servers") + (result.first() ? ", first interval" : "");
            row(out, "fire, no run (" + who + ")", result.lateness());
            row(out, "fire with a run: tick (" + who + ")", result.runTickLateness());
            row(out, "fire with a run: run start (" + who + ")", result.runLateness());
        }
        for (Result result : results) {
            out.printf("  %s: fire times lost %d, doubled %d; runs %d; planning the schedules at start %.1f s%n",
                    (result.servers() == 1 ? "one server" : "two servers") + (result.first() ? ", first interval" : ""), result.lost(),
                    result.doubled(), result.runs(), result.planSeconds());
        }
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String label, List<Double> values) {
        if (values.isEmpty()) {
            out.printf("  %-48s %10d %10s %10s %10s%n", label, 0, "-", "-", "-");
            return;
        }
        out.printf("  %-48s %10d %10.1f %10.1f %10.1f%n", label, values.size(), Stats.percentile(values, 0.5), Stats.percentile(values, 0.99),
                Stats.percentile(values, 1.0));
    }

    private List<Result> measure(int servers, PrintWriter out) throws Exception {
        String schema = "flowfile_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&options=-c%20lock_timeout=10s";
        Path data = Files.createTempDirectory("flowfile-bench-scheduler-");
        List<Server> started = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(jdbcUrl, user, password); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        try {
            // the flow and one schedule through the API (this makes the catalog), then the rest by SQL
            Server setup = start(url, data.resolve("setup"));
            JsonNode draft = call(setup, "POST", "/api/drafts", Map.of("name", "tiny"));
            call(setup, "POST", "/api/drafts/" + draft.path("id").asText() + "/edits", Map.of("revision", draft.path("revision").asLong(),
                    "edits", List.of(Map.of("op", "add_node", "node", Map.of("id", "people", "type", "manual_input", "settings",
                            Map.of("columns", List.of(Map.of("name", "id", "type", "BIGINT")), "rows", List.of(List.of(1))))))));
            call(setup, "POST", "/api/drafts/" + draft.path("id").asText() + "/register", Map.of());
            String template = call(setup, "POST", "/api/schedules", Map.of("flow", "tiny", "paused", true,
                    "trigger", Map.of("type", "interval", "intervalSeconds", Math.max(60, interval)))).path("id").asText();
            setup.process().destroy();
            setup.process().waitFor(60, TimeUnit.SECONDS);
            Instant anchor = Instant.now().plusSeconds(lead);
            long spreadMillis = interval * 1000L;
            int total = schedules + running;
            List<UUID> ids = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                connection.setAutoCommit(false);
                String definition;
                UUID flowId;
                String owner;
                try (PreparedStatement query = connection.prepareStatement("SELECT definition, flow_id, owner FROM schedules WHERE id = ?")) {
                    query.setObject(1, UUID.fromString(template));
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        definition = rows.getString(1).replaceAll("\"intervalSeconds\"\\s*:\\s*\\d+", "\"intervalSeconds\":" + interval);
                        flowId = (UUID) rows.getObject(2);
                        owner = rows.getString(3);
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM schedules WHERE id = ?");
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO schedules (id, flow_id, owner, trigger_type, after_flow_id,"
                             + " definition, paused, paused_reason, consecutive_failures, created_at, updated_at)"
                             + " VALUES (?, ?, ?, 'INTERVAL', NULL, ?, FALSE, NULL, 0, ?, ?)");
                     PreparedStatement tick = connection.prepareStatement("INSERT INTO schedule_ticks (id, schedule_id, fire_time, kind, outcome,"
                             + " attempts, message, created_at, updated_at) VALUES (?, ?, ?, 'SCHEDULED', 'RUNNING', 0, ?, ?, ?)")) {
                    delete.setObject(1, UUID.fromString(template));
                    delete.executeUpdate();
                    Timestamp now = Timestamp.from(Instant.now());
                    for (int i = 0; i < total; i++) {
                        UUID id = UUID.randomUUID();
                        ids.add(id);
                        // fire times spread evenly over the interval, as schedules made at different times are
                        Instant own = anchor.plusMillis(i * spreadMillis / total);
                        insert.setObject(1, id);
                        insert.setObject(2, flowId);
                        insert.setString(3, owner);
                        insert.setString(4, ANCHOR.matcher(definition).replaceFirst(Matcher.quoteReplacement("\"anchor\":\"" + own + "\"")));
                        insert.setTimestamp(5, now);
                        insert.setTimestamp(6, now);
                        insert.addBatch();
                        if (!withRun(i, total)) {
                            // a tick that never ends: every fire of this schedule is skipped (overlap policy) and starts no run
                            tick.setObject(1, UUID.randomUUID());
                            tick.setObject(2, id);
                            tick.setTimestamp(3, Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")));
                            tick.setString(4, "benchmark: holds the schedule's runs back");
                            tick.setTimestamp(5, now);
                            tick.setTimestamp(6, now);
                            tick.addBatch();
                        }
                        if (i % 1000 == 999) {
                            insert.executeBatch();
                            tick.executeBatch();
                        }
                    }
                    insert.executeBatch();
                    tick.executeBatch();
                }
                connection.commit();
            }
            // the first server plans every schedule at start; the second starts once that is done
            long planStart = System.nanoTime();
            started.add(start(url, data.resolve("a")));
            awaitTriggers(url, total);
            double planSeconds = (System.nanoTime() - planStart) / 1e9;
            if (servers == 2) {
                started.add(start(url, data.resolve("b")));
            }
            analyze(url, schema);
            // the first interval of fires (each trigger's first: a server that just started, tables just filled) is measured
            // apart from the window after it; when planning took longer than the lead, both start one interval after the planning
            Instant firstFire = anchor.plusSeconds(interval);
            Instant start = firstFire.isAfter(Instant.now()) ? firstFire : Instant.now().plusSeconds(interval);
            if (!firstFire.equals(start)) {
                out.printf("planning took longer than the lead of %d s: the first fires were due during it (a larger --lead measures them)%n", lead);
            }
            Instant from = start.plusSeconds(interval);
            Instant to = from.plusSeconds(seconds);
            out.printf("%s: %d schedules planned in %.1f s; first fires from %s, measuring fires from %s to %s%n",
                    servers == 1 ? "one server" : "two servers", total, planSeconds, start, from, to);
            out.flush();
            Thread.sleep(Duration.between(Instant.now(), to).toMillis() + 10_000);
            List<Result> result = List.of(collect(url, servers, true, ids, anchor, spreadMillis, total, start, from, planSeconds),
                    collect(url, servers, false, ids, anchor, spreadMillis, total, from, to, planSeconds));
            for (Server server : started) {
                server.process().destroy();
            }
            for (Server server : started) {
                if (!server.process().waitFor(60, TimeUnit.SECONDS)) {
                    server.process().destroyForcibly();
                }
            }
            return result;
        } finally {
            for (Server server : started) {
                server.process().destroyForcibly();
                server.process().waitFor(30, TimeUnit.SECONDS);
            }
            try (Connection admin = DriverManager.getConnection(jdbcUrl, user, password); Statement statement = admin.createStatement()) {
                if (!keep) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } else {
                    out.println("kept schema " + schema);
                }
            }
            FileTrees.delete(data);
        }
    }

    private Result collect(String url, int servers, boolean firstInterval, List<UUID> ids, Instant anchor, long spreadMillis, int total, Instant from, Instant to,
                           double planSeconds) throws SQLException {
        long intervalMillis = interval * 1000L;
        Map<UUID, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        // the fire times every schedule has in the window
        int expected = 0;
        for (int i = 0; i < total; i++) {
            // an interval schedule fires first one interval after its anchor
            long first = anchor.toEpochMilli() + i * spreadMillis / total + intervalMillis;
            for (long time = first; time < to.toEpochMilli(); time += intervalMillis) {
                if (time >= from.toEpochMilli()) {
                    expected++;
                }
            }
        }
        List<Double> lateness = new ArrayList<>();
        List<Double> runTick = new ArrayList<>();
        List<Double> runStart = new ArrayList<>();
        int found = 0;
        int doubled = 0;
        int runs = 0;
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement query = connection.prepareStatement("SELECT t.schedule_id, t.fire_time, t.created_at, t.run_id, r.started_at, r.queued_at"
                     + " FROM schedule_ticks t LEFT JOIN runs r ON r.id = t.run_id WHERE t.fire_time >= ? AND t.fire_time < ?")) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found++;
                    Instant fire = rows.getTimestamp(2).toInstant();
                    double late = Duration.between(fire, rows.getTimestamp(3).toInstant()).toNanos() / 1e6;
                    int i = index.getOrDefault((UUID) rows.getObject(1), -1);
                    if (i >= 0 && withRun(i, total)) {
                        runTick.add(late);
                        Timestamp start = rows.getTimestamp(5) != null ? rows.getTimestamp(5) : rows.getTimestamp(6);
                        if (start != null) {
                            runStart.add(Duration.between(fire, start.toInstant()).toNanos() / 1e6);
                        }
                    } else {
                        lateness.add(late);
                    }
                }
            }
            try (PreparedStatement query2 = connection.prepareStatement("SELECT count(*) FROM runs r WHERE r.schedule_id IS NOT NULL"
                    + " AND r.queued_at < ? AND NOT EXISTS (SELECT 1 FROM schedule_ticks t WHERE t.run_id = r.id)")) {
                // runs that no tick names: a second run started for a tick (a double fire that got past the claim);
                // those queued up to the window's end, as the servers still fire while this counts (a run queued
                // just now is named by its tick a moment later)
                query2.setTimestamp(1, Timestamp.from(to));
                try (ResultSet rows = query2.executeQuery()) {
                    rows.next();
                    doubled += rows.getInt(1);
                }
            }
            try (Statement count = connection.createStatement(); ResultSet rows = count.executeQuery(
                    "SELECT count(*) FROM runs WHERE schedule_id IS NOT NULL")) {
                rows.next();
                runs = rows.getInt(1);
            }
        }
        return new Result(servers, firstInterval, expected, lateness, runStart, runTick, Math.max(0, expected - found), doubled, runs, planSeconds);
    }

    /**
     * Whether schedule {@code i} of {@code total} starts real runs: {@code running} of them, evenly
     * among the others, so that their fire times (and the runs' start work) are spread over the
     * interval as the rest are, not bunched at its start.
     */
    private boolean withRun(int i, int total) {
        return i == 0 || (long) i * running / total != (long) (i - 1) * running / total;
    }

    /**
     * Updates PostgreSQL's statistics of the schema's tables, which the benchmark filled in bulk a
     * moment ago: a database that grew with its schedules has them (autovacuum would analyze within
     * a minute or so, and until then plans for nearly empty tables make every fire slower).
     */
    private void analyze(String url, String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = ?")) {
                query.setString(1, schema);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            for (String table : tables) {
                statement.execute("ANALYZE \"" + schema + "\".\"" + table + "\"");
            }
        }
    }

    private void awaitTriggers(String url, int total) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            while (System.nanoTime() < deadline) {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM qrtz_triggers")) {
                    rows.next();
                    if (rows.getInt(1) >= total) {
                        return;
                    }
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the server did not plan " + total + " schedules within 15 minutes");
    }

    private Server start(String url, Path data) throws Exception {
        Path here = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        if (!here.getFileName().toString().equals("quarkus-run.jar")) {
            throw new IllegalStateException("run the benchmark through ./flowfile (the packaged application), not from " + here);
        }
        Path jar = here.getParent().resolveSibling("quarkus-app-postgres").resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the PostgreSQL build of the app is missing: " + jar + " (./mvnw -pl app -am package builds it)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(flag -> !flag.startsWith("-Dflowfile.")).toList());
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", Integer.toString(port), "--data-dir", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);

        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", url);
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", user);
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", password);
        builder.environment().put("FLOWFILE_SCHEDULER_MIN_INTERVAL", "1s");
        Process server = builder.start();
        // a benchmark stopped with Ctrl-C does not leave its servers running
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
        var reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = LINK.matcher(line);
            if (matcher.find()) {
                Path log = Path.of(System.getProperty("java.io.tmpdir"), "flowfile-bench-scheduler-" + data.getFileName() + ".log");
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        reader.lines().forEach(logged -> {
                            if (keep) {
                                try {
                                    Files.writeString(log, logged + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                                } catch (IOException e) {
                                    // only for looking into
                                }
                            }
                        });
                    } catch (java.io.UncheckedIOException closed) {
                        // the server has stopped
                    }
                });
                return new Server(server, matcher.group(1), matcher.group(2));
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("the server printed no link within 120 s:\n" + seen);
    }

    private JsonNode call(Server server, String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", "Bearer " + server.token()).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
