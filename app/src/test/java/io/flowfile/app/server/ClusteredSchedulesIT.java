package io.flowfile.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.app.testing.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged PostgreSQL servers (target/quarkus-app-postgres, built by the app's second Quarkus
 * build) on one catalog: a fresh schema of the local test database (scripts/setup). 50 interval
 * schedules fire every 4 s; half-way one server is killed ({@code kill -9}); the other takes over
 * its schedules. Every fire time has exactly one tick, every run exactly one tick, the fire times the
 * kill made late follow the missed-ticks policy, and a tick the dead server was running is resolved
 * as failed ("the server running it stopped") with the pausing policy applied.
 */
class ClusteredSchedulesIT {

        private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/flowfile_test";
    private static final String USER = "flowfile";
    private static final String PASSWORD = "flowfile";
    private static final int SCHEDULES = 50;
    private static final int EVERY_SECONDS = 4;

    @TempDir
    Path dir;

    private final String schema = "flowfile_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<ServedProcess> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ServedProcess server : servers) {
            server.process().destroyForcibly();
            server.process().waitFor(30, TimeUnit.SECONDS);
        }
        try (Connection connection = connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void twoServersFireEachTickOnceAndTheSurvivorTakesOverAKilledOne() throws Exception {
        try (Connection connection = connect(DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        ServedProcess first = start("a");
        ServedProcess second = start("b");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        // a registered flow of one manual_input node, 50 schedules of it every 4 s, and one hourly schedule
        JsonNode draft = call(http, first, "POST", "/api/drafts", Map.of("name", "tiny"), 201);
        call(http, first, "POST", "/api/drafts/" + draft.path("id").asText() + "/edits", Map.of("revision", draft.path("revision").asLong(),
                "edits", List.of(Api.add("people", "manual_input", Map.of("columns", List.of(Map.of("name", "id", "type", "BIGINT")),
                        "rows", List.of(List.of(1)))))), 200);
        call(http, first, "POST", "/api/drafts/" + draft.path("id").asText() + "/register", Map.of(), 201);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SCHEDULES; i++) {
            ids.add(call(http, i % 2 == 0 ? first : second, "POST", "/api/schedules", Map.of("flow", "tiny",
                    "trigger", Map.of("type", "interval", "intervalSeconds", EVERY_SECONDS)), 201).path("id").asText());
        }
        String hourly = call(http, first, "POST", "/api/schedules", Map.of("flow", "tiny",
                "trigger", Map.of("type", "interval", "intervalSeconds", 3600), "policies", Map.of("pauseAfterFailures", 1)), 201)
                .path("id").asText();

        Thread.sleep(20_000);
        // both servers fire ticks
        Map<String, Integer> byInstance = ticksByInstance();
        assertThat(byInstance).as("ticks per scheduler instance: %s", byInstance).hasSize(2);
        ServedProcess killed = first;
        ServedProcess survivor = second;
        String victim = instanceOf(killed);
        assertThat(byInstance).containsKeys(victim, instanceOf(survivor));
        // the hourly schedule's tick and its run, as if the victim were running them when it dies
        UUID orphanRun = UUID.randomUUID();
        try (Connection connection = connect(url()); var run = connection.prepareStatement(
                "INSERT INTO runs (id, flow_id, flow_version_id, flow_version, run_trigger, state, queued_at, started_at, started_by, schedule_id)"
                        + " SELECT ?, s.flow_id, v.id, v.version, 'SCHEDULE', 'RUNNING', ?, ?, s.owner, s.id"
                        + " FROM schedules s JOIN flow_versions v ON v.flow_id = s.flow_id WHERE s.id = ? AND v.version = 1")) {
            Timestamp now = Timestamp.from(Instant.now());
            run.setObject(1, orphanRun);
            run.setTimestamp(2, now);
            run.setTimestamp(3, now);
            run.setObject(4, UUID.fromString(hourly));
            assertThat(run.executeUpdate()).isEqualTo(1);
        }
        try (Connection connection = connect(url()); var insert = connection.prepareStatement(
                "INSERT INTO schedule_ticks (id, schedule_id, fire_time, kind, outcome, run_id, flow_version, attempts, message, instance_id,"
                        + " created_at, updated_at) VALUES (?, ?, ?, 'SCHEDULED', 'RUNNING', ?, 1, 1, NULL, ?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.fromString(hourly));
            insert.setTimestamp(3, Timestamp.from(Instant.now().minusSeconds(5)));
            insert.setObject(4, orphanRun);
            insert.setString(5, victim);
            insert.setTimestamp(6, now);
            insert.setTimestamp(7, now);
            insert.executeUpdate();
        }
        // kill -9 of the server's JVM (started as `java -jar`, no launcher in between)
        killed.process().destroyForcibly();
        assertThat(killed.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        Instant killedAt = Instant.now();

        Thread.sleep(25_000);
        // the survivor fires every schedule after the kill
        List<String> after = new ArrayList<>();
        try (Connection connection = connect(url()); var query = connection.prepareStatement(
                "SELECT DISTINCT schedule_id FROM schedule_ticks WHERE fire_time > ? AND outcome <> 'MISSED'")) {
            query.setTimestamp(1, Timestamp.from(killedAt.plusSeconds(12)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    after.add(rows.getString(1));
                }
            }
        }
        assertThat(after).as(survivor.output().toString()).containsAll(ids);

        // the tick the dead server was running: failed, and the schedule paused by its policy
        JsonNode hourlyTicks = call(http, survivor, "GET", "/api/schedules/" + hourly + "/ticks?limit=10", null, 200);
        assertThat(hourlyTicks.toString()).contains("the server running it stopped");
        assertThat(hourlyTicks.get(0).path("outcome").asText().toLowerCase()).isEqualTo("failed");
        assertThat(call(http, survivor, "GET", "/api/schedules/" + hourly, null, 200).path("paused").asBoolean()).isTrue();

        // stop firing, then check every tick
        for (String id : ids) {
            call(http, survivor, "POST", "/api/schedules/" + id + "/pause", Map.of(), 200);
        }
        Thread.sleep(3_000);
        try (Connection connection = connect(url())) {
            // nothing waits on the dead server any more
            try (var query = connection.prepareStatement(
                    "SELECT count(*) FROM schedule_ticks WHERE instance_id = ? AND outcome IN ('RUNNING', 'RETRYING')")) {
                query.setString(1, victim);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1)).isZero();
                }
            }
            // nor does a run record: the dead server's runs were failed with their ticks (the survivor's own ones end by themselves)
            int open = -1;
            for (int attempt = 0; attempt < 30 && open != 0; attempt++) {
                try (var query = connection.prepareStatement("SELECT count(*) FROM runs WHERE schedule_id IS NOT NULL AND state IN ('QUEUED', 'RUNNING')");
                     ResultSet rows = query.executeQuery()) {
                    rows.next();
                    open = rows.getInt(1);
                }
                if (open != 0) {
                    Thread.sleep(500);
                }
            }
            assertThat(open).as("scheduled runs still queued or running").isZero();
            try (var query = connection.prepareStatement("SELECT state, error_message FROM runs WHERE id = ?")) {
                query.setObject(1, orphanRun);
                try (ResultSet rows = query.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("FAILED");
                    assertThat(rows.getString(2)).contains("the server running it stopped");
                }
            }
            Map<String, List<Object[]>> ticks = new HashMap<>();
            try (var query = connection.prepareStatement("SELECT schedule_id, fire_time, outcome, run_id, attempts, message FROM schedule_ticks"
                    + " WHERE schedule_id <> ? ORDER BY fire_time")) {
                query.setObject(1, UUID.fromString(hourly));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ticks.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(new Object[] {rows.getTimestamp(2).toInstant(),
                                rows.getString(3), rows.getString(4), rows.getInt(5), rows.getString(6)});
                    }
                }
            }
            Map<String, Integer> runsPerSchedule = new HashMap<>();
            try (var query = connection.createStatement(); ResultSet rows = query.executeQuery(
                    "SELECT schedule_id, count(*) FROM runs WHERE schedule_id IS NOT NULL GROUP BY schedule_id")) {
                while (rows.next()) {
                    runsPerSchedule.put(rows.getString(1), rows.getInt(2));
                }
            }
            int ran = 0;
            int missed = 0;
            int resolved = 0;
            for (String id : ids) {
                List<Object[]> own = ticks.getOrDefault(id, List.of());
                assertThat(own.size()).as("ticks of %s", id).isGreaterThanOrEqualTo(8);
                // no fire time twice (the unique key) and none left out: consecutive fire times EVERY_SECONDS apart
                for (int i = 1; i < own.size(); i++) {
                    assertThat(Duration.between((Instant) own.get(i - 1)[0], (Instant) own.get(i)[0]))
                            .as("fire times of %s", id).isEqualTo(Duration.ofSeconds(EVERY_SECONDS));
                }
                int withRun = 0;
                for (Object[] tick : own) {
                    String outcome = (String) tick[1];
                    String message = String.valueOf(tick[4]);
                    switch (outcome) {
                        case "SUCCEEDED" -> {
                            assertThat(tick[2]).isNotNull();
                            assertThat((int) tick[3]).as(message).isEqualTo(1);
                            withRun++;
                            ran++;
                        }
                        case "MISSED" -> {
                            assertThat(message).contains("missed-ticks policy last");
                            missed++;
                        }
                        case "SKIPPED" -> assertThat(message).contains("overlap policy skip");
                        case "FAILED" -> {
                            // a run the killed server was running
                            assertThat(message).contains("the server running it stopped");
                            withRun += tick[2] == null ? 0 : 1;
                            resolved++;
                        }
                        default -> throw new AssertionError("tick of " + tick[0] + " of " + id + " ended " + outcome + ": " + message);
                    }
                }
                // every run of the schedule is one tick's (none doubled, none without its tick)
                assertThat(runsPerSchedule.getOrDefault(id, 0)).as("runs of %s", id).isEqualTo(withRun);
            }
            assertThat(ran).isGreaterThan(SCHEDULES * 6);
            System.out.printf("ClusteredSchedulesIT: %d ticks ran, %d missed by policy, %d of the killed server's running ticks resolved"
                    + " (killed at %s)%n", ran, missed, resolved, killedAt);
        }
    }

    private Map<String, Integer> ticksByInstance() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = connect(url()); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT instance_id, count(*) FROM schedule_ticks WHERE instance_id IS NOT NULL GROUP BY instance_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static final Pattern INSTANCE = Pattern.compile("the scheduler started \\(Quartz, clustered, instance (\\S+)\\)");

    /** The scheduler instance id the server logged when its scheduler started. */
    private static String instanceOf(ServedProcess server) {
        synchronized (server.output()) {
            Matcher matcher = INSTANCE.matcher(server.output());
            assertThat(matcher.find()).as(server.output().toString()).isTrue();
            return matcher.group(1);
        }
    }

    private ServedProcess start(String name) throws Exception {
        Path data = dir.resolve(name);
        int port = ServedProcess.freePort();
        Path jar = Path.of("target", "quarkus-app-postgres", "quarkus-run.jar").toAbsolutePath();
        ServedProcess server = ServedProcess.start(jar, port, data, List.of("-Xmx384m"), Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", url(),
                "QUARKUS_DATASOURCE_USERNAME", USER,
                "QUARKUS_DATASOURCE_PASSWORD", PASSWORD,
                "FLOWFILE_SCHEDULER_MIN_INTERVAL", "1s",
                "FLOWFILE_SCHEDULER_CLUSTER_CHECKIN_INTERVAL", "1s",
                // fire times the kill delays past 3 s follow the missed-ticks policy
                "FLOWFILE_SCHEDULER_MISFIRE_GRACE", "3s"));
        servers.add(server);
        return server;
    }

    private String url() {
        return DATABASE + "?currentSchema=" + schema + "&options=-c%20lock_timeout=10s";
    }

    private static Connection connect(String url) throws SQLException {
        DriverManager.setLoginTimeout(10);
        try {
            return DriverManager.getConnection(url, USER, PASSWORD);
        } catch (SQLException e) {
            throw new SQLException("the PostgreSQL test database " + DATABASE + " does not answer: run scripts/setup (as root). "
                    + e.getMessage(), e);
        }
    }

    private static JsonNode call(HttpClient http, ServedProcess server, String method, String path, Object body, int status)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", "Bearer " + server.token()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
        if (status >= 0) {
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        }
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }
}
