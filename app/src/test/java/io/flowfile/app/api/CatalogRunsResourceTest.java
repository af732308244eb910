package io.flowfile.app.api;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.DisplayOutput;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.NodeResult;
import io.flowfile.catalog.api.NodeState;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.RunError;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.blob.BlobStore;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.run.RunOutputService;
import io.flowfile.catalog.run.RunService;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog's run history over HTTP: a flow's runs (mine, or all for an admin), a run's node
 * results, its displays and their content. The history is made through the catalog's services, as
 * the run recorder makes it.
 */
@QuarkusTest
class CatalogRunsResourceTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    @Inject
    RunOutputService outputs;

    @Inject
    BlobStore blobs;

    private Api.User alice;
    private Api.User bob;
    private Api.User admin;
    private String flow;
    private FlowVersionRecord one;
    private FlowVersionRecord two;

    @BeforeEach
    void setUp() {
        Api api = new Api(users, tokens);
        alice = api.user(Role.USER);
        bob = api.user(Role.USER);
        admin = api.user(Role.ADMIN);
        flow = "history " + UUID.randomUUID().toString().substring(0, 8);
        one = flows.register(flow, "runs over HTTP", "{\"v\": 1}".getBytes(UTF_8), "json", users.get(alice.name()));
        two = flows.register(flow, null, "{\"v\": 2}".getBytes(UTF_8), "json", users.get(alice.name())); // the owner's; bob runs it
    }

    /** A finished run of {@code version} by {@code user} (null: the command line) with two nodes. */
    private RunRecord run(FlowVersionRecord version, Api.User user, RunState state) {
        RunRecord run = runs.start(version.id(), user == null ? RunTrigger.CLI : RunTrigger.API, Map.of("region", "emea"),
                user == null ? null : user.name());
        runs.markRunning(run.id());
        runs.recordNode(run.id(), new NodeResult("orders", "read_csv", NodeState.SUCCEEDED, 1000, 12, null, false));
        RunError error = state == RunState.FAILED
                ? new RunError(101, "COLUMN_NOT_FOUND", "node 'ranked': column 'x' does not exist") : null;
        runs.recordNode(run.id(), new NodeResult("ranked", "sort", state == RunState.FAILED ? NodeState.FAILED : NodeState.SUCCEEDED,
                state == RunState.FAILED ? -1 : 10, 3, error, true));
        return run;
    }

    private RunRecord finish(RunRecord run, RunState state) {
        return runs.finish(run.id(), state, state == RunState.FAILED
                ? new RunError(101, "COLUMN_NOT_FOUND", "node 'ranked': column 'x' does not exist") : null);
    }

    @Test
    void aUserSeesTheRunsTheyStartedAndAnAdminEveryRun() {
        RunRecord alices = finish(run(one, alice, RunState.SUCCEEDED), RunState.SUCCEEDED);
        RunRecord bobs = finish(run(two, bob, RunState.FAILED), RunState.FAILED);
        RunRecord fromTheCommandLine = finish(run(two, null, RunState.SUCCEEDED), RunState.SUCCEEDED);

        alice.request().get("/api/flows/" + flow + "/runs").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(alices.id().toString()))
                .body("[0].flow", equalTo(flow))
                .body("[0].version", equalTo(1))
                .body("[0].trigger", equalTo("API"))
                .body("[0].state", equalTo("SUCCEEDED"))
                .body("[0].startedBy", equalTo(alice.name()))
                .body("[0].parameters.region", equalTo("emea"))
                .body("[0].queued", notNullValue())
                .body("[0].started", notNullValue())
                .body("[0].finished", notNullValue())
                .body("[0].durationMillis", notNullValue())
                .body("[0].error", nullValue());
        bob.request().get("/api/flows/" + flow + "/runs").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].version", equalTo(2))
                .body("[0].state", equalTo("FAILED"))
                .body("[0].error.name", equalTo("COLUMN_NOT_FOUND"))
                .body("[0].error.message", containsString("column 'x'"));
        List<String> all = admin.request().get("/api/flows/" + flow + "/runs").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(all).containsExactly(fromTheCommandLine.id().toString(), bobs.id().toString(), alices.id().toString());
        admin.request().get("/api/flows/" + flow + "/runs?limit=1").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(fromTheCommandLine.id().toString())).body("[0].startedBy", nullValue())
                .body("[0].trigger", equalTo("CLI"));
    }

    @Test
    void theHistoryOfEveryFlowIsFilteredByFlowStateTriggerAndTimeAndShowsOnlyWhatTheUserMaySee() throws Exception {
        String other = flow + " other";
        FlowVersionRecord elsewhere = flows.register(other, null, "{\"v\": 3}".getBytes(UTF_8), "json", users.get(alice.name()));
        RunRecord alices = finish(run(one, alice, RunState.SUCCEEDED), RunState.SUCCEEDED);
        Thread.sleep(5);
        RunRecord bobs = finish(run(two, bob, RunState.FAILED), RunState.FAILED);
        Thread.sleep(5);
        RunRecord fromTheCommandLine = finish(run(two, null, RunState.SUCCEEDED), RunState.SUCCEEDED);
        Thread.sleep(5);
        RunRecord alicesElsewhere = run(elsewhere, alice, RunState.SUCCEEDED); // still running
        String since = "since=" + alices.queuedAt();

        // alice: her runs of both flows, newest first, each with its flow's name
        alice.request().get("/api/catalog/runs?" + since).then().statusCode(200)
                .body("id", equalTo(List.of(alicesElsewhere.id().toString(), alices.id().toString())))
                .body("flow", equalTo(List.of(other, flow)))
                .body("state", equalTo(List.of("RUNNING", "SUCCEEDED")));
        alice.request().get("/api/catalog/runs?flow=" + flow).then().statusCode(200)
                .body("id", equalTo(List.of(alices.id().toString())));
        bob.request().get("/api/catalog/runs?" + since).then().statusCode(200)
                .body("id", equalTo(List.of(bobs.id().toString())));
        // an admin: every run, the command line's too; each filter narrows
        admin.request().get("/api/catalog/runs?" + since).then().statusCode(200)
                .body("id", equalTo(List.of(alicesElsewhere.id().toString(), fromTheCommandLine.id().toString(), bobs.id().toString(),
                        alices.id().toString())));
        admin.request().get("/api/catalog/runs?flow=" + flow).then().statusCode(200)
                .body("id", equalTo(List.of(fromTheCommandLine.id().toString(), bobs.id().toString(), alices.id().toString())));
        admin.request().get("/api/catalog/runs?flow=" + flow + "&state=failed").then().statusCode(200)
                .body("id", equalTo(List.of(bobs.id().toString())));
        admin.request().get("/api/catalog/runs?flow=" + flow + "&state=SUCCEEDED&trigger=cli").then().statusCode(200)
                .body("id", equalTo(List.of(fromTheCommandLine.id().toString())));
        admin.request().get("/api/catalog/runs?" + since + "&trigger=schedule").then().statusCode(200).body("", hasSize(0));
        admin.request().get("/api/catalog/runs?flow=" + flow + "&since=" + bobs.queuedAt() + "&until=" + fromTheCommandLine.queuedAt())
                .then().statusCode(200).body("id", equalTo(List.of(bobs.id().toString())));
        admin.request().get("/api/catalog/runs?" + since + "&limit=2").then().statusCode(200)
                .body("id", equalTo(List.of(alicesElsewhere.id().toString(), fromTheCommandLine.id().toString())));

        // bad filters are 400s naming them; an unknown flow a 404; nobody logged in a 401
        alice.request().get("/api/catalog/runs?state=sleeping").then().statusCode(400).body("name", equalTo("MALFORMED_REQUEST"))
                .body("message", equalTo("state must be one of queued, running, succeeded, failed, cancelled, was 'sleeping'"));
        alice.request().get("/api/catalog/runs?trigger=cron").then().statusCode(400)
                .body("message", containsString("trigger must be one of manual, schedule, api, cli"));
        alice.request().get("/api/catalog/runs?since=yesterday").then().statusCode(400)
                .body("message", containsString("since must be an ISO-8601 instant"));
        alice.request().get("/api/catalog/runs?limit=0").then().statusCode(400).body("message", containsString("limit"));
        alice.request().get("/api/catalog/runs?limit=1001").then().statusCode(400).body("message", containsString("between 1 and 1000"));
        alice.request().get("/api/catalog/runs?flow=never-registered-" + UUID.randomUUID()).then().statusCode(404)
                .body("name", equalTo("FLOW_NOT_FOUND"));
        given().get("/api/catalog/runs").then().statusCode(401);
    }

    @Test
    void runListsRefuseUnknownFlowsAndBadLimits() {
        alice.request().get("/api/flows/never-registered-" + UUID.randomUUID() + "/runs").then().statusCode(404)
                .body("name", equalTo("FLOW_NOT_FOUND")).body("message", containsString("never-registered-"));
        alice.request().get("/api/flows/" + flow + "/runs?limit=0").then().statusCode(400)
                .body("name", equalTo("MALFORMED_REQUEST")).body("message", containsString("limit"));
        alice.request().get("/api/flows/" + flow + "/runs?limit=lots").then().statusCode(400)
                .body("message", containsString("limit must be a whole number of at least 1, was 'lots'"));
        alice.request().get("/api/flows/" + flow + "/runs?limit=1001").then().statusCode(400)
                .body("name", equalTo("INVALID_ARGUMENT")).body("message", containsString("between 1 and 1000"));
        alice.request().get("/api/flows/" + flow + "/runs").then().statusCode(200).body("", hasSize(0));
        given().get("/api/flows/" + flow + "/runs").then().statusCode(401);
    }

    @Test
    void aRunsDetailHasEveryNodeResultAndIsHiddenFromOthers() {
        RunRecord bobs = finish(run(two, bob, RunState.FAILED), RunState.FAILED);
        String path = "/api/catalog/runs/" + bobs.id();

        bob.request().get(path).then().statusCode(200)
                .body("run.id", equalTo(bobs.id().toString()))
                .body("run.flow", equalTo(flow))
                .body("run.version", equalTo(2))
                .body("run.startedBy", equalTo(bob.name()))
                .body("run.error.code", equalTo(101))
                .body("nodes", hasSize(2))
                .body("nodes[0].node", equalTo("orders"))
                .body("nodes[0].type", equalTo("read_csv"))
                .body("nodes[0].state", equalTo("SUCCEEDED"))
                .body("nodes[0].rows", equalTo(1000))
                .body("nodes[0].millis", equalTo(12))
                .body("nodes[0].cached", equalTo(false))
                .body("nodes[1].state", equalTo("FAILED"))
                .body("nodes[1].rows", nullValue())
                .body("nodes[1].cached", equalTo(true))
                .body("nodes[1].error.name", equalTo("COLUMN_NOT_FOUND"))
                .body("displays", equalTo(0));
        admin.request().get(path).then().statusCode(200).body("run.id", equalTo(bobs.id().toString()));
        // another user's run does not exist for alice: the same 404 as a run that does not exist
        alice.request().get(path).then().statusCode(404)
                .body("name", equalTo("RUN_NOT_FOUND")).body("message", containsString(bobs.id().toString()));
        alice.request().get(path + "/displays").then().statusCode(404).body("name", equalTo("RUN_NOT_FOUND"));
        alice.request().get(path + "/displays/1/1/content").then().statusCode(404).body("name", equalTo("RUN_NOT_FOUND"));
        UUID missing = UUID.randomUUID();
        admin.request().get("/api/catalog/runs/" + missing).then().statusCode(404)
                .body("name", equalTo("RUN_NOT_FOUND")).body("message", containsString(missing.toString()));
        // a run of the command line (nobody known started it): admins only
        RunRecord fromTheCommandLine = finish(run(one, null, RunState.SUCCEEDED), RunState.SUCCEEDED);
        alice.request().get("/api/catalog/runs/" + fromTheCommandLine.id()).then().statusCode(404);
        admin.request().get("/api/catalog/runs/" + fromTheCommandLine.id()).then().statusCode(200).body("run.trigger", equalTo("CLI"));
    }

    @Test
    void malformedIdsAndNumbersAre400NeverA500() {
        alice.request().get("/api/catalog/runs/not-a-uuid").then().statusCode(400)
                .body("name", equalTo("MALFORMED_REQUEST")).body("message", containsString("'not-a-uuid' is not a run id"));
        alice.request().get("/api/catalog/runs/not-a-uuid/displays").then().statusCode(400);
        RunRecord alices = run(one, alice, RunState.SUCCEEDED);
        alice.request().get("/api/catalog/runs/" + alices.id() + "/displays/first/1/content").then().statusCode(400)
                .body("message", containsString("display number must be a whole number of at least 1, was 'first'"));
        alice.request().get("/api/catalog/runs/" + alices.id() + "/displays/1/0/content").then().statusCode(400)
                .body("message", containsString("representation number"));
        alice.request().get("/api/catalog/runs/" + alices.id() + "/displays/1/1/content").then().statusCode(404)
                .body("name", equalTo("NOT_FOUND")).body("message", containsString("display 1 of run " + alices.id()));
    }

    @Test
    void aRunsDisplaysListEveryRepresentationAndServeItsContent() throws IOException {
        RunRecord run = run(one, alice, RunState.SUCCEEDED);
        byte[] png = new byte[20_000]; // a "chart" too large to keep inline: a blob
        new Random().nextBytes(png);
        Map<String, String> chart = new LinkedHashMap<>();
        chart.put("image/png", Base64.getEncoder().encodeToString(png));
        chart.put("text/plain", "<Figure size 640x480>");
        outputs.record(run.id(), new DisplayOutput("plot", "revenue by region", chart));
        outputs.record(run.id(), new DisplayOutput("summary", null, Map.of("text/html", "<b>10 rows</b> — ok")));
        finish(run, RunState.SUCCEEDED);

        String path = "/api/catalog/runs/" + run.id();
        alice.request().get(path).then().statusCode(200).body("displays", equalTo(2));
        alice.request().get(path + "/displays").then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].seq", equalTo(1))
                .body("[0].node", equalTo("plot"))
                .body("[0].title", equalTo("revenue by region"))
                .body("[0].representations", hasSize(2))
                .body("[0].representations[0].part", equalTo(1))
                .body("[0].representations[0].mimeType", equalTo("image/png"))
                .body("[0].representations[0].sizeBytes", equalTo(png.length))
                .body("[0].representations[0].inline", equalTo(false))
                .body("[0].representations[0].content", equalTo(path + "/displays/1/1/content"))
                .body("[0].representations[1].mimeType", equalTo("text/plain"))
                .body("[0].representations[1].inline", equalTo(true))
                .body("[1].seq", equalTo(2))
                .body("[1].node", equalTo("summary"))
                .body("[1].title", nullValue())
                .body("[1].representations[0].mimeType", equalTo("text/html"));

        byte[] served = alice.request().get(path + "/displays/1/1/content").then().statusCode(200)
                .contentType("image/png").header("Content-Security-Policy", containsString("sandbox"))
                .extract().asByteArray();
        assertThat(served).isEqualTo(png);
        alice.request().get(path + "/displays/1/2/content").then().statusCode(200)
                .contentType(containsString("text/plain")).contentType(containsString("charset=utf-8"))
                .body(equalTo("<Figure size 640x480>"));
        String html = new String(alice.request().get(path + "/displays/2/1/content").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asByteArray(), UTF_8);
        assertThat(html).isEqualTo("<b>10 rows</b> — ok");
        alice.request().get(path + "/displays/2/2/content").then().statusCode(404)
                .body("message", containsString("representation 2 of display 2 of run " + run.id() + " (it has 1)"));
        alice.request().get(path + "/displays/3/1/content").then().statusCode(404).body("message", containsString("display 3"));
        bob.request().get(path + "/displays").then().statusCode(404);
        admin.request().get(path + "/displays/1/1/content").then().statusCode(200);

        // a damaged blob is never served: the catalog checks it against its SHA-256
        Path blob = blobs.path(sha256(png));
        Files.write(blob, new byte[] {1, 2, 3});
        alice.request().get(path + "/displays/1/1/content").then().statusCode(503)
                .body("name", equalTo("CHECKSUM_MISMATCH"));
        Files.delete(blob);
        alice.request().get(path + "/displays/1/1/content").then().statusCode(503).body("name", equalTo("BLOB_NOT_FOUND"));
    }

    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
