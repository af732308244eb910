package io.flowfile.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.flowfile.app.config.FileRoots;
import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.run.RunService;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs of drafts and versions, their server-sent events (late subscribers too), previews and statistics. */
@QuarkusTest
class RunsResourceTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    FileRoots roots;

    @Inject
    RunService catalogRuns;

    @Inject
    io.flowfile.app.config.FlowfileConfig config;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    /** How long a test waits for a line of an event stream (the stream guard checks every 2 s). */
    private static final long STREAM_WAIT_SECONDS = 20;

    private Api.User user;

    @BeforeEach
    void setUp() {
        user = new Api(users, tokens).user(Role.USER);
        Api.salesData(roots.primary());
    }

    private String salesDraft() {
        String draft = user.request().body(Map.of("name", "sales-runs-" + System.nanoTime())).post("/api/drafts").then().statusCode(201)
                .extract().path("id");
        user.request().body(Map.of("revision", 1, "edits", Api.salesEdits())).post("/api/drafts/" + draft + "/edits").then()
                .statusCode(200).body("problems", hasSize(0));
        return draft;
    }

    private Map<String, Object> awaitEnd(String run) {
        return awaitEnd(user, run);
    }

    private static Map<String, Object> awaitEnd(Api.User user, String run) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> detail = user.request().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath().getMap("");
            if (detail.get("finished") != null) {
                return detail;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("run " + run + " did not end within 60 s");
    }

    /** One server-sent event: id, name, data (JSON text). */
    record Sse(String id, String name, String data) {
    }

    static List<Sse> parse(String stream) {
        List<Sse> events = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (stream + "\n\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (name != null || !data.isEmpty()) {
                    events.add(new Sse(id, name, data.toString()));
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        return events;
    }

    @Test
    void aDraftRunStreamsEveryNodeEventAndALateSubscriberGetsTheHistory() {
        String draft = salesDraft();
        String run = user.request().body(Map.of("mode", "development")).post("/api/drafts/" + draft + "/runs").then().statusCode(202)
                .body("source", equalTo("draft")).extract().path("id");
        Map<String, Object> detail = awaitEnd(run);
        assertThat(detail.get("state")).isEqualTo("SUCCEEDED");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> nodes = (Map<String, Map<String, Object>>) detail.get("nodes");
        assertThat(nodes.get("ranked").get("state")).isEqualTo("succeeded");
        assertThat(nodes.get("ranked").get("rows")).isEqualTo(10);

        // connected after the end: every event from the first, in order, then the stream ends
        List<Sse> events = parse(user.request().accept("text/event-stream").get("/api/runs/" + run + "/events").then().statusCode(200)
                .extract().asString());
        assertThat(events.getFirst().name()).isEqualTo("run");
        assertThat(events.getLast().name()).isEqualTo("end");
        assertThat(events.getLast().data()).contains("\"state\":\"succeeded\"");
        assertThat(events).extracting(Sse::name).contains("queued", "running", "succeeded");
        assertThat(events.stream().filter(event -> event.name().equals("succeeded") && event.data().contains("\"node\":\"ranked\"")))
                .hasSize(1);
        List<Long> ids = events.stream().map(event -> Long.parseLong(event.id())).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates().startsWith(1L);

        // reconnecting with Last-Event-ID: only what came after it
        long after = ids.get(ids.size() - 3);
        List<Sse> missed = parse(user.request().accept("text/event-stream").header("Last-Event-ID", Long.toString(after))
                .get("/api/runs/" + run + "/events").then().statusCode(200).extract().asString());
        assertThat(missed).extracting(Sse::id).containsExactly(Long.toString(after + 1), Long.toString(after + 2));

        // the draft keeps its last run, so a page reload shows it
        user.request().get("/api/drafts/" + draft).then().body("lastRun.id", equalTo(run)).body("lastRun.state", equalTo("SUCCEEDED"));
    }

    @Test
    void aRunOfAVersionIsRecordedInTheCatalog() {
        String draft = salesDraft();
        String name = user.request().get("/api/drafts/" + draft).then().extract().path("name");
        user.request().body(Map.of()).post("/api/drafts/" + draft + "/register").then().statusCode(201);
        String run = user.request().body(Map.of()).post("/api/flows/" + name + "/versions/1/runs").then().statusCode(202)
                .body("source", equalTo("version")).body("version", equalTo(1)).extract().path("id");
        assertThat(awaitEnd(run).get("state")).isEqualTo("SUCCEEDED");
        var record = catalogRuns.get(UUID.fromString(run));
        assertThat(record.trigger()).isEqualTo(RunTrigger.API);
        assertThat(record.flowVersion()).isEqualTo(1);
        Instant deadline = Instant.now().plusSeconds(10);
        while (catalogRuns.get(record.id()).state() != RunState.SUCCEEDED && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertThat(catalogRuns.get(record.id()).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(catalogRuns.nodes(record.id())).extracting(node -> node.nodeId()).contains("ranked", "orders");
    }

    @Test
    void anotherUsersRunIsNotFound() {
        String draft = salesDraft();
        String run = user.request().body(Map.of()).post("/api/drafts/" + draft + "/runs").then().statusCode(202).extract().path("id");
        Api.User other = new Api(users, tokens).user(Role.USER);
        other.request().get("/api/runs/" + run).then().statusCode(404);
        other.request().get("/api/runs/" + run + "/events").then().statusCode(404);
        other.request().post("/api/runs/" + run + "/cancel").then().statusCode(404);
        awaitEnd(run);
    }

    @Test
    void anInvalidDraftDoesNotRunAndSaysWhy() {
        String draft = user.request().body(Map.of("name", "broken")).post("/api/drafts").then().statusCode(201).extract().path("id");
        user.request().body(Map.of("revision", 1, "edits", List.of(Api.add("f", "filter", Map.of("mode", "advanced", "expression", "x > 1")))))
                .post("/api/drafts/" + draft + "/edits").then().statusCode(200);
        user.request().body(Map.of()).post("/api/drafts/" + draft + "/runs").then().statusCode(400)
                .body("problems[0].node", equalTo("f"));
        user.request().body(Map.of("mode", "turbo")).post("/api/drafts/" + draft + "/runs").then().statusCode(400)
                .body("message", containsString("performance or development"));
    }

    @Test
    void previewKeepsTypesAndStatisticsCoverAllRows() {
        String draft = salesDraft();
        user.request().body(Map.of("node", "ranked", "limit", 2)).post("/api/drafts/" + draft + "/preview").then().statusCode(200)
                .body("columns.name", equalTo(List.of("region", "product", "revenue", "orders")))
                .body("rows", hasSize(2))
                .body("truncated", equalTo(true))
                .body("rows[0][3]", org.hamcrest.Matchers.instanceOf(Integer.class));
        user.request().body(Map.of("node", "ranked", "limit", 0)).post("/api/drafts/" + draft + "/preview").then().statusCode(400)
                .body("message", containsString("limit"));
        user.request().body(Map.of("node", "ranked", "limit", 10001)).post("/api/drafts/" + draft + "/preview").then().statusCode(400);
        user.request().body(Map.of("node", "nope")).post("/api/drafts/" + draft + "/preview").then().statusCode(404)
                .body("message", containsString("nope"));
        user.request().get("/api/drafts/" + draft + "/nodes/orders/statistics").then().statusCode(200)
                .body("find { it.name == 'order_id' }.nulls", equalTo(0))
                .body("find { it.name == 'status' }.top[0].value", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void pathsOutsideTheFileRootsAreRefusedBeforeAnythingReadsThem() throws Exception {
        java.nio.file.Path link = roots.primary().resolve("outside-" + System.nanoTime());
        java.nio.file.Files.createSymbolicLink(link, java.nio.file.Path.of("/etc"));
        try {
            for (String path : List.of("../../../../../../etc/passwd", "/etc/passwd", link.getFileName() + "/passwd", "/etc/*.conf")) {
                String draft = user.request().body(Map.of("name", "escape-" + System.nanoTime())).post("/api/drafts").then().statusCode(201)
                        .extract().path("id");
                user.request().body(Map.of("revision", 1, "edits", List.of(Api.add("passwd", "read_csv", Map.of("path", path)))))
                        .post("/api/drafts/" + draft + "/edits").then().statusCode(200)
                        .body("problems[0].node", equalTo("passwd"))
                        .body("problems[0].name", equalTo("PATH_NOT_ALLOWED"))
                        .body("problems[0].message", org.hamcrest.Matchers.not(containsString("root:")));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(link);
        }
    }

    @Test
    void userSqlReachesOnlyTheFileRoots() {
        String draft = user.request().body(Map.of("name", "escape")).post("/api/drafts").then().statusCode(201).extract().path("id");
        user.request().body(Map.of("revision", 1, "edits", List.of(Api.add("passwd", "read_csv", Map.of("path", "/etc/passwd")))))
                .post("/api/drafts/" + draft + "/edits").then().statusCode(200)
                .body("problems[0].node", equalTo("passwd"))
                .body("problems[0].message", containsString("/etc/passwd"));
        String sql = user.request().body(Map.of("name", "escape-sql")).post("/api/drafts").then().statusCode(201).extract().path("id");
        user.request().body(Map.of("revision", 1, "edits", List.of(Api.add("orders", "read_csv", Map.of("path", "orders.csv")),
                        Api.add("q", "sql", Map.of("query", "SELECT * FROM read_csv('/etc/passwd')")), Api.connect("orders", "q"))))
                .post("/api/drafts/" + sql + "/edits").then().statusCode(200)
                .body("problems[0].node", equalTo("q"))
                .body("problems[0].message", containsString("/etc/passwd"));
    }

    /** One DuckDB serves every user: the engine's cache files and the runs' schemas are there, but a user's SQL cannot name them. */
    @Test
    void userSqlReachesNeitherTheResultCacheNorOtherRuns() {
        Api.User other = new Api(users, tokens).user(Role.USER);
        String othersDraft = other.request().body(Map.of("name", "others-" + System.nanoTime())).post("/api/drafts").then().statusCode(201)
                .extract().path("id");
        other.request().body(Map.of("revision", 1, "edits", Api.salesEdits())).post("/api/drafts/" + othersDraft + "/edits").then()
                .statusCode(200).body("problems", hasSize(0));
        String run = other.request().body(Map.of()).post("/api/drafts/" + othersDraft + "/runs").then().statusCode(202).extract().path("id");
        assertThat(awaitEnd(other, run).get("state")).isEqualTo("SUCCEEDED");
        String cache = config.dataDirectory().toAbsolutePath().normalize().resolve("cache").toString();
        Map<String, String> attempts = Map.of(
                "SELECT * FROM read_parquet('" + cache + "/**/*.parquet')", "engine's own",
                "SELECT * FROM read_parquet('" + roots.primary().toAbsolutePath() + "/../cache/**/*.parquet')", "engine's own",
                "SELECT * FROM run_" + run.replace("-", "") + ".report", "reads the table 'run_",
                "SELECT schema_name FROM information_schema.schemata", "information_schema.schemata",
                "SELECT * FROM duckdb_tables", "catalog view",
                "SELECT * FROM query('SELECT * FROM duckdb_tables()')", "table function 'query'");
        for (var attempt : attempts.entrySet()) {
            String draft = user.request().body(Map.of("name", "reach-" + System.nanoTime())).post("/api/drafts").then().statusCode(201)
                    .extract().path("id");
            user.request().body(Map.of("revision", 1, "edits", List.of(Api.add("orders", "read_csv", Map.of("path", "orders.csv")),
                            Api.add("q", "sql", Map.of("query", attempt.getKey())), Api.connect("orders", "q"))))
                    .post("/api/drafts/" + draft + "/edits").then().statusCode(200)
                    .body("problems[0].node", equalTo("q"))
                    .body("problems[0].path", equalTo("settings.query"))
                    .body("problems[0].message", containsString(attempt.getValue()));
        }
    }

    /** An event stream is checked again while it is open: revoking the token it was opened with ends it. */
    @Test
    void anEventStreamEndsWhenItsTokenIsRevoked() throws Exception {
        String draft = user.request().body(Map.of("name", "long-" + System.nanoTime())).post("/api/drafts").then().statusCode(201)
                .extract().path("id");
        user.request().body(Map.of("revision", 1, "edits", List.of(Api.add("rows", "manual_input", Map.of(
                        "columns", List.of(Map.of("name", "x", "type", "BIGINT")), "rows", List.of(List.of(1)))),
                        Api.add("long", "sql", Map.of("query", "SELECT x, (SELECT sum(i) FROM range(40000000000) t(i)) AS total FROM main")),
                        Api.connect("rows", "long"))))
                .post("/api/drafts/" + draft + "/edits").then().statusCode(200).body("problems", hasSize(0));
        String run = user.request().body(Map.of()).post("/api/drafts/" + draft + "/runs").then().statusCode(202).extract().path("id");
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(base.toURI().resolve("api/runs/" + run + "/events"))
                    .header("Authorization", "Bearer " + user.token()).header("Accept", "text/event-stream").build();
            var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
            var response = client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            var reader = java.util.concurrent.CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
            assertThat(awaitLine(lines, "event:running")).as("the stream is live").isTrue();

            String token = user.request().get("/api/tokens").then().statusCode(200).extract().path("find { it.name == 'test' }.id");
            user.request().delete("/api/tokens/" + token).then().statusCode(204);

            assertThat(awaitLine(lines, "event:unauthenticated")).as("the stream says why it ends: " + lines).isTrue();
            reader.get(STREAM_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS); // and it ends
            user.request().get("/api/runs/" + run).then().statusCode(401);
        } finally {
            Api.User admin = new Api(users, tokens).user(Role.ADMIN);
            admin.request().post("/api/runs/" + run + "/cancel");
            awaitEnd(admin, run);
        }
    }

    /** Whether a line starting with {@code prefix} arrives within {@link StreamGuardWait#SECONDS}. */
    private static boolean awaitLine(java.util.concurrent.BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(STREAM_WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (line != null && line.replace(" ", "").startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
