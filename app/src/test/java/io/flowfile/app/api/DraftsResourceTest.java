package io.flowfile.app.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.flowfile.app.config.FileRoots;
import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drafts: edits as data with revisions, schemas and problems in every answer, undo/redo, export, register, diff. */
@QuarkusTest
class DraftsResourceTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    FileRoots roots;

    private Api.User user;

    @BeforeEach
    void setUp() {
        user = new Api(users, tokens).user(Role.USER);
        Api.salesData(roots.primary());
    }

    private String draft(String name) {
        return user.request().body(Map.of("name", name)).post("/api/drafts").then().statusCode(201)
                .body("revision", equalTo(1)).extract().path("id");
    }

    private ValidatableResponse edit(String draft, long revision, List<Map<String, Object>> edits) {
        return user.request().body(Map.of("revision", revision, "edits", edits)).post("/api/drafts/" + draft + "/edits").then();
    }

    @Test
    void editsAnswerTheRevisionEverySchemaAndEveryProblem() {
        String draft = draft("sales-by-edits");
        edit(draft, 1, Api.salesEdits()).statusCode(200)
                .body("revision", equalTo(2))
                .body("problems", hasSize(0))
                .body("schemas.orders.main.name", hasItem("order_id"))
                .body("schemas.ranked.main.name", equalTo(List.of("region", "product", "revenue", "orders")));
        // a setting naming a column that does not exist: the answer names the node, the setting and the column
        edit(draft, 2, List.of(Map.of("op", "update_settings", "node", "ranked",
                "settings", Map.of("keys", List.of(Map.of("column", "no_such_column", "direction", "desc"))))))
                .statusCode(200)
                .body("revision", equalTo(3))
                .body("problems[0].node", equalTo("ranked"))
                .body("problems[0].message", containsString("no_such_column"));
    }

    @Test
    void aStaleRevisionIs409CarryingTheCurrentOne() {
        String draft = draft("two-tabs");
        edit(draft, 1, List.of(Api.add("a", "read_csv", Map.of("path", "orders.csv")))).statusCode(200);
        edit(draft, 1, List.of(Api.add("b", "read_csv", Map.of("path", "orders.csv")))).statusCode(409)
                .body("name", equalTo("STALE_REVISION"))
                .body("details.currentRevision", equalTo(2));
        user.request().get("/api/drafts/" + draft).then().body("document.nodes.id", equalTo(List.of("a")));
    }

    @Test
    void twoTabsEditingAtOnceNeverOverwriteEachOther() throws Exception {
        String draft = draft("race");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> tabA = () -> edit(draft, 1, List.of(Api.add("a", "read_csv", Map.of("path", "orders.csv"))))
                    .extract().statusCode();
            Callable<Integer> tabB = () -> edit(draft, 1, List.of(Api.add("b", "read_csv", Map.of("path", "orders.csv"))))
                    .extract().statusCode();
            Future<Integer> a = pool.submit(tabA);
            Future<Integer> b = pool.submit(tabB);
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        user.request().get("/api/drafts/" + draft).then().body("revision", equalTo(2)).body("document.nodes", hasSize(1));
    }

    @Test
    void undoAndRedoStepThroughRevisions() {
        String draft = draft("undo");
        edit(draft, 1, List.of(Api.add("a", "read_csv", Map.of("path", "orders.csv")))).statusCode(200);
        edit(draft, 2, List.of(Api.add("b", "read_csv", Map.of("path", "regions.csv")))).statusCode(200);
        user.request().body(Map.of("revision", 3)).post("/api/drafts/" + draft + "/undo").then().statusCode(200)
                .body("revision", equalTo(4)).body("document.nodes.id", equalTo(List.of("a"))).body("canRedo", equalTo(true));
        user.request().body(Map.of("revision", 4)).post("/api/drafts/" + draft + "/redo").then().statusCode(200)
                .body("revision", equalTo(5)).body("document.nodes.id", equalTo(List.of("a", "b"))).body("canRedo", equalTo(false));
        user.request().body(Map.of("revision", 5)).post("/api/drafts/" + draft + "/redo").then().statusCode(400)
                .body("name", equalTo("NOTHING_TO_REDO"));
    }

    @Test
    void importExportRegisterDiffAndOpenAVersion() throws Exception {
        String yaml = java.nio.file.Files.readString(Api.SALES.resolve("sales-report.yaml"))
                .replace("name: sales-report", "name: sales-api-" + System.nanoTime());
        String draft = user.request().body(Map.of("document", yaml, "format", "yaml")).post("/api/drafts").then().statusCode(201)
                .body("problems", hasSize(0)).extract().path("id");
        String name = user.request().get("/api/drafts/" + draft).then().extract().path("name");
        String exported = user.request().get("/api/drafts/" + draft + "/export?format=yaml").then().statusCode(200)
                .header("Content-Disposition", containsString(".yaml")).extract().asString();
        assertThat(exported).contains("name: " + name).contains("type: read_csv");

        user.request().body(Map.of()).post("/api/drafts/" + draft + "/register").then().statusCode(201).body("version", equalTo(1));
        // registering unchanged content again gives the same version
        user.request().body(Map.of()).post("/api/drafts/" + draft + "/register").then().statusCode(201).body("version", equalTo(1));
        long revision = user.request().get("/api/drafts/" + draft).then().extract().<Integer>path("revision");
        edit(draft, revision, List.of(
                Map.of("op", "update_settings", "node", "ranked", "settings", Map.of("keys", List.of(Map.of("column", "orders", "direction", "asc")))),
                Map.of("op", "remove_nodes", "nodes", List.of("order_count")),
                Map.of("op", "move", "node", "orders", "x", 10, "y", 20))).statusCode(200);
        user.request().get("/api/drafts/" + draft + "/diff?version=1").then().statusCode(200)
                .body("nodesRemoved", equalTo(List.of("order_count")))
                .body("nodesChanged.path", hasItem("settings.keys[0].column"))
                .body("edgesRemoved", equalTo(List.of("shipped -> order_count")));
        user.request().body(Map.of()).post("/api/drafts/" + draft + "/register").then().statusCode(201).body("version", equalTo(2));
        user.request().get("/api/flows/" + name + "/diff?from=1&to=2").then().statusCode(200)
                .body("nodesRemoved", equalTo(List.of("order_count")))
                .body("nodesChanged.find { it.path == 'settings.keys[0].direction' }.after", equalTo("asc"));
        user.request().get("/api/flows/" + name + "/versions").then().statusCode(200).body("version", equalTo(List.of(1, 2)));
        user.request().post("/api/flows/" + name + "/versions/1/draft").then().statusCode(201)
                .body("document.nodes.id", hasItem("order_count")).body("owner", equalTo(user.name()));
        user.request().get("/api/flows/" + name + "/versions/3").then().statusCode(404).body("name", equalTo("FLOW_VERSION_NOT_FOUND"));
    }

    @Test
    void malformedBodiesAre400NamingTheFault() {
        String draft = draft("malformed");
        given().header("Authorization", "Bearer " + user.token()).contentType("application/json").body("{\"revision\": 1, \"edits\": [")
                .post("/api/drafts/" + draft + "/edits").then().statusCode(400).body("name", equalTo("MALFORMED_REQUEST"))
                .body("message", containsString("not valid JSON"));
        user.request().body(Map.of("revision", 1, "edits", List.of(), "surprise", 1)).post("/api/drafts/" + draft + "/edits")
                .then().statusCode(400).body("message", containsString("unknown field 'surprise'"));
        user.request().body(Map.of("revision", "one", "edits", List.of())).post("/api/drafts/" + draft + "/edits")
                .then().statusCode(400).body("message", containsString("revision"));
        user.request().body(Map.of("revision", 1, "edits", List.of(Map.of("op", "explode")))).post("/api/drafts/" + draft + "/edits")
                .then().statusCode(400).body("problems[0].path", containsString("edits[0]")).body("message", containsString("add_node"));
        edit(draft, 1, List.of(Api.connect("nowhere", "nothing"))).statusCode(400).body("name", equalTo("INVALID_EDIT"))
                .body("message", containsString("nowhere"));
        user.request().body(Map.of("revision", 1)).post("/api/drafts/" + draft + "/edits").then().statusCode(400)
                .body("message", containsString("edits"));
        user.request().body("[]").post("/api/drafts").then().statusCode(400);
        user.request().body(Map.of("document", "flowfile: 1\nname: [", "format", "yaml")).post("/api/drafts").then().statusCode(400)
                .body("message", containsString("YAML"));
        user.request().get("/api/drafts/not-a-uuid").then().statusCode(400).body("name", equalTo("MALFORMED_REQUEST"))
                .body("message", containsString("'not-a-uuid' is not a draft id"));
        user.request().get("/api/drafts/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        user.request().get("/api/no/such/thing").then().statusCode(404).body("name", equalTo("NOT_FOUND"));
        user.request().put("/api/drafts").then().statusCode(405);
        given().header("Authorization", "Bearer " + user.token()).contentType("text/plain").body("hello")
                .post("/api/drafts").then().statusCode(415);
    }

    /** A draft named {@code name} of {@code owner}'s that reads {@code file} in node {@code node}; its id. */
    private static String draftReading(Api.User owner, String name, String node, String file) {
        String id = owner.request().body(Map.of("name", name)).post("/api/drafts").then().statusCode(201).extract().path("id");
        owner.request().body(Map.of("revision", 1, "edits", List.of(Api.add(node, "read_csv", Map.of("path", file)))))
                .post("/api/drafts/" + id + "/edits").then().statusCode(200);
        return id;
    }

    @Test
    void onlyTheFlowsOwnerOrAnAdminRegistersItsVersions() {
        Api api = new Api(users, tokens);
        Api.User alice = user;
        Api.User bob = api.user(Role.USER);
        Api.User admin = api.user(Role.ADMIN);
        String flow = "owned-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        alice.request().body(Map.of()).post("/api/drafts/" + draftReading(alice, flow, "orders", "orders.csv") + "/register").then()
                .statusCode(201).body("version", equalTo(1)).body("createdBy", equalTo(alice.name()));

        // bob sees alice's flow (flows are visible to all), but registering a draft of that name is refused
        bob.request().get("/api/flows/" + flow + "/versions/1").then().statusCode(200);
        String bobs = draftReading(bob, flow, "orders", "regions.csv");
        bob.request().body(Map.of("description", "bob's")).post("/api/drafts/" + bobs + "/register").then().statusCode(403)
                .body("name", equalTo("FLOW_NOT_OWNED"))
                .body("message", containsString("flow '" + flow + "' is " + alice.name() + "'s"))
                .body("message", containsString("only its owner or an admin"));
        bob.request().get("/api/flows/" + flow + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1))).body("createdBy", equalTo(List.of(alice.name())));
        bob.request().get("/api/flows/" + flow).then().statusCode(200).body("description", org.hamcrest.Matchers.not(equalTo("bob's")));

        // the owner adds versions, and so does an admin
        alice.request().body(Map.of()).post("/api/drafts/" + draftReading(alice, flow, "regions", "regions.csv") + "/register").then()
                .statusCode(201).body("version", equalTo(2));
        admin.request().body(Map.of()).post("/api/drafts/" + draftReading(admin, flow, "fixed", "orders.csv") + "/register").then()
                .statusCode(201).body("version", equalTo(3)).body("createdBy", equalTo(admin.name()));
        bob.request().body(Map.of()).post("/api/drafts/" + bobs + "/register").then().statusCode(403);
        alice.request().get("/api/flows/" + flow + "/versions").then().statusCode(200)
                .body("createdBy", equalTo(List.of(alice.name(), alice.name(), admin.name())));
    }
}
