package io.flowfile.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flowfile.app.config.FileRoots;
import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notebook editor's cells on a real kernel: a cell reads the node's inputs (computed from the
 * draft's upstream), variables live in the flow's namespace until it is restarted, output streams as
 * events, an interrupt stops a cell, completion comes from the kernel, another user's node is 404.
 */
@QuarkusTest
class CellsIT {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    FileRoots roots;

    @Inject
    io.flowfile.catalog.flow.FlowService flows;

    @Inject
    io.flowfile.catalog.artifact.GlobalArtifactService globals;

    private Api.User owner;
    private String kernel;
    private String draft;

    @BeforeEach
    void setUp() {
        owner = new Api(users, tokens).user(Role.USER);
        Api.salesData(roots.primary());
        kernel = owner.readyKernel("cells");
        draft = owner.request().body(Map.of("name", "cells-" + kernel)).post("/api/drafts").then().statusCode(201).extract().path("id");
        owner.request().body(Map.of("revision", 1, "edits", List.of(
                Api.add("orders", "read_csv", Map.of("path", "orders.csv")),
                Api.add("py", "python_script", Map.of("kernel_id", kernel, "cells", List.of("flowfile.publish_output(flowfile.read_input())"))),
                Api.connect("orders", "py")))).post("/api/drafts/" + draft + "/edits").then().statusCode(200);
    }

    @AfterEach
    void tearDown() {
        owner.request().delete("/api/kernels/" + kernel);
    }

    private String cell(String code) {
        String run = owner.request().body(Map.of("code", code)).post("/api/drafts/" + draft + "/nodes/py/cells").then().statusCode(202)
                .extract().path("id");
        return owner.request().accept("text/event-stream").get("/api/runs/" + run + "/events").then().statusCode(200).extract().asString();
    }

    @Test
    void cellsReadTheInputsKeepTheirVariablesAndStreamTheirOutput() {
        String first = cell("df = flowfile.read_input().collect()\nprint('rows:', df.height)");
        assertThat(first).contains("event:output").contains("rows: 12").contains("\"state\":\"succeeded\"");
        assertThat(cell("print('twice:', df.height * 2)")).contains("twice: 24");
        String failed = cell("1 / 0");
        assertThat(failed).contains("\"state\":\"failed\"").contains("ZeroDivisionError");

        owner.request().post("/api/drafts/" + draft + "/nodes/py/namespace/restart").then().statusCode(204);
        assertThat(cell("print(df)")).contains("\"state\":\"failed\"").contains("NameError");

        owner.request().body(Map.of("code", "import os\nos.pa", "cursor", 15)).post("/api/drafts/" + draft + "/nodes/py/complete")
                .then().statusCode(200).body("matches", hasItem("path"));
    }

    @Test
    void theArtifactsPanelShowsWhatTheNodesBeforeItAndItselfPublishedAndTheGlobalsItRead() throws java.io.IOException {
        // a global artifact in the catalog, published by a run of a registered flow: a pickle of the string 'hello'
        var flow = flows.register("cells-globals-" + kernel, null, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "json");
        java.nio.file.Path pickle = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("greeting", ".pkl"), "S'hello'\n.");
        String greeting = "greeting_" + kernel.substring("cells-".length());
        globals.publish(greeting, new io.flowfile.catalog.api.PublishRequest("builtins.str", io.flowfile.catalog.api.ArtifactFormat.CLOUDPICKLE,
                java.nio.file.Files.size(pickle), null, "a greeting", List.of(),
                new io.flowfile.catalog.api.Lineage(flow.flowId(), flow.version(), null, "train", null), pickle));
        owner.request().body(Map.of("revision", 2, "edits", List.of(
                Api.add("after", "python_script", Map.of("kernel_id", kernel, "cells", List.of("flowfile.publish_output(flowfile.read_input())"))),
                Api.connect("py", "after")))).post("/api/drafts/" + draft + "/edits").then().statusCode(200);

        assertThat(cell("flowfile.publish_artifact('scores', {'a': 1})\nprint('global:', flowfile.get_global('" + greeting + "'))"))
                .contains("global: hello").contains("\"state\":\"succeeded\"");

        var own = owner.request().get("/api/drafts/" + draft + "/nodes/py/artifacts").then().statusCode(200).extract().jsonPath();
        assertThat(own.getString("kernel")).isEqualTo(kernel);
        assertThat(own.getList("published.name")).containsExactly("scores");
        assertThat(own.getList("published.pythonType")).containsExactly("builtins.dict");
        assertThat(own.getList("upstream")).isEmpty();
        assertThat(own.getList("globalRead.artifact.name")).containsExactly(greeting);
        assertThat(own.getList("globalRead.count", Integer.class)).containsExactly(1);

        var after = owner.request().get("/api/drafts/" + draft + "/nodes/after/artifacts").then().statusCode(200).extract().jsonPath();
        assertThat(after.getList("upstream.name")).containsExactly("scores");
        assertThat(after.getList("upstream.node")).containsExactly("py");
        assertThat(after.getList("published")).isEmpty();
        assertThat(after.getList("globalRead")).isEmpty();

        // a node that runs no code has no artifacts panel; another user does not see the node at all
        owner.request().get("/api/drafts/" + draft + "/nodes/orders/artifacts").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("artifacts belong to code nodes on kernels"));
        owner.request().get("/api/drafts/" + draft + "/nodes/nothing/artifacts").then().statusCode(404);
        new Api(users, tokens).user(Role.USER).request().get("/api/drafts/" + draft + "/nodes/py/artifacts").then().statusCode(404);
    }

    @Test
    void anInterruptStopsARunningCell() {
        String run = owner.request().body(Map.of("code", "import time\nprint('sleeping', flush=True)\ntime.sleep(120)"))
                .post("/api/drafts/" + draft + "/nodes/py/cells").then().statusCode(202).extract().path("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)
                && !owner.request().get("/api/runs/" + run).then().extract().<String>path("state").equals("RUNNING")) {
            sleep(100);
        }
        sleep(1000);
        long start = System.nanoTime();
        owner.request().post("/api/runs/" + run + "/cancel").then().statusCode(200);
        String events = owner.request().accept("text/event-stream").get("/api/runs/" + run + "/events").then().extract().asString();
        assertThat(events).contains("\"state\":\"cancelled\"");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        // the kernel is usable again
        assertThat(cell("print('after')")).contains("after").contains("\"state\":\"succeeded\"");
    }

    @Test
    void aCellOfANodeWithProblemsOfItsOwnIsRefusedNamingThem() {
        // the nodes before it are fine; the node itself has an edge into a port it does not have
        owner.request().body(Map.of("revision", 2, "edits", List.of(Api.connect("orders", "py.nope")))).post("/api/drafts/" + draft + "/edits")
                .then().statusCode(200);

        owner.request().body(Map.of("code", "print(1)")).post("/api/drafts/" + draft + "/nodes/py/cells").then().statusCode(400)
                .body("message", containsString("has no input port 'nope'")).body("problems[0].node", equalTo("py"));
    }

    @Test
    void anotherUsersNodeIsNotFound() {
        Api.User other = new Api(users, tokens).user(Role.USER);
        other.request().body(Map.of("code", "print(1)")).post("/api/drafts/" + draft + "/nodes/py/cells").then().statusCode(404);
        String own = other.request().body(Map.of("name", "borrow")).post("/api/drafts").then().statusCode(201).extract().path("id");
        other.request().body(Map.of("revision", 1, "edits", List.of(Api.add("py", "python_script",
                Map.of("kernel_id", kernel, "inputs", List.of(), "cells", List.of("print(1)")))))).post("/api/drafts/" + own + "/edits").then()
                .statusCode(200);
        // a draft of one's own naming someone else's kernel does not reach it
        other.request().body(Map.of("code", "print(1)")).post("/api/drafts/" + own + "/nodes/py/cells").then().statusCode(404);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
