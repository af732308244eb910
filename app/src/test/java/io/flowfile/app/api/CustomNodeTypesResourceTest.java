package io.flowfile.app.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom node types over HTTP: import, save, publish, the palette, a draft that keeps the version its
 * node was built with, the upgrade, export, test runs on samples, and what is refused.
 */
@QuarkusTest
class CustomNodeTypesResourceTest {

    private static final String TOP_N = """
            flowfile_node: 1
            type: NAME
            title: Top N per group
            category: aggregate
            inputs: [main]
            form:
              sections:
                - title: Columns
                  components:
                    - {name: group_by, kind: column, label: Group by, required: true}
                    - {name: order_by, kind: column, label: Order by, column_types: numeric, required: true}
                    - {name: n, kind: number, label: Rows per group, min: 1, integer: true, default: 1}
                    - {name: tag, kind: text, label: Tag}
            implementation:
              kind: sql
              sql: "SELECT *, {{tag}} AS tag FROM main QUALIFY row_number() OVER (PARTITION BY {{group_by}} ORDER BY {{order_by}} DESC) <= {{n}}"
            """;

    private static final List<Map<String, Object>> SAMPLE_COLUMNS = List.of(Map.of("name", "region", "type", "VARCHAR"),
            Map.of("name", "amount", "type", "INTEGER"));
    private static final List<List<Object>> SAMPLE_ROWS = List.of(List.of("north", 5), List.of("north", 9), List.of("south", 4));

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    private Api.User alice;
    private Api.User bob;
    private Api.User admin;
    private String name;

    @BeforeEach
    void setUp() {
        Api api = new Api(users, tokens);
        alice = api.user(Role.USER);
        bob = api.user(Role.USER);
        admin = api.user(Role.ADMIN);
        name = "top_n_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
    }

    private String topN() {
        return TOP_N.replace("NAME", name);
    }

    private static Object tree(String yaml) {
        try {
            return new YAMLMapper().readValue(yaml, Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, Object> sample() {
        return Map.of("main", Map.of("columns", SAMPLE_COLUMNS, "rows", SAMPLE_ROWS));
    }

    @Test
    void anImportedTypeIsInThePaletteAndADraftKeepsTheVersionItsNodeWasBuiltWith() {
        alice.request().contentType("application/yaml").body(topN().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/custom-node-types/import").then().statusCode(201)
                .body("version", equalTo(1)).body("published", equalTo(true)).body("implementation", equalTo("sql"));
        alice.request().get("/api/node-types").then().statusCode(200)
                .body("find { it.type == '" + name + "' }.version", equalTo(1))
                .body("find { it.type == '" + name + "' }.custom.form.sections[0].components.name", hasItems("group_by", "order_by", "n"))
                .body("find { it.type == '" + name + "' }.settingsSchema.properties.n.minimum", equalTo(1.0f));

        String draft = alice.request().body(Map.of("name", "custom-" + name)).post("/api/drafts").then().statusCode(201).extract().path("id");
        alice.request().body(Map.of("revision", 1, "edits", List.of(
                Api.add("sales", "manual_input", Map.of("columns", SAMPLE_COLUMNS, "rows", SAMPLE_ROWS)),
                Api.add("top", name, Map.of("group_by", "region", "order_by", "amount")),
                Api.connect("sales", "top")))).post("/api/drafts/" + draft + "/edits").then().statusCode(200)
                .body("problems", hasSize(0))
                .body("document.nodes.find { it.id == 'top' }.type_version", equalTo(1));
        alice.request().body(Map.of("node", "top")).post("/api/drafts/" + draft + "/preview").then().statusCode(200)
                .body("columns.name", equalTo(List.of("region", "amount", "tag")))
                .body("rows", hasSize(2));

        // version 2 (upper-case tag) is saved and published: the draft's node stays on version 1 until upgraded
        String v2 = topN().replace("{{tag}} AS tag", "upper({{tag}}) AS tag");
        alice.request().body(Map.of("document", tree(v2), "publish", true)).post("/api/custom-node-types").then().statusCode(201)
                .body("version", equalTo(2));
        alice.request().get("/api/custom-node-types/" + name).then().statusCode(200)
                .body("publishedVersion", equalTo(2)).body("versions.version", equalTo(List.of(1, 2)));
        alice.request().body(Map.of("revision", 2, "edits", List.of(Map.of("op", "update_settings", "node", "top",
                "settings", Map.of("group_by", "region", "order_by", "amount", "tag", "big"))))).post("/api/drafts/" + draft + "/edits")
                .then().statusCode(200).body("document.nodes.find { it.id == 'top' }.type_version", equalTo(1));
        alice.request().body(Map.of("node", "top")).post("/api/drafts/" + draft + "/preview").then().statusCode(200)
                .body("rows.collect { it[2] }", hasItem("big"));
        alice.request().body(Map.of("revision", 3, "edits", List.of(Map.of("op", "set_type_version", "node", "top", "version", 2))))
                .post("/api/drafts/" + draft + "/edits").then().statusCode(200)
                .body("document.nodes.find { it.id == 'top' }.type_version", equalTo(2));
        alice.request().body(Map.of("node", "top")).post("/api/drafts/" + draft + "/preview").then().statusCode(200)
                .body("rows.collect { it[2] }", hasItem("BIG"));

        // export gives the stored file; importing it again is a third version with the same content
        String exported = alice.request().get("/api/custom-node-types/" + name + "/versions/2/export").then().statusCode(200)
                .contentType(containsString("yaml")).extract().asString();
        assertThat(exported).startsWith("flowfile_node: 1\ntype: " + name + "\n").contains("version: 2\n").contains("upper(");
        alice.request().get("/api/custom-node-types/" + name + "/versions/2").then().statusCode(200)
                .body("document.implementation.kind", equalTo("sql")).body("version.createdBy", equalTo(alice.name()));
    }

    @Test
    void aTestRunShowsRowsAndSchemaAndATextSettingNeverChangesTheQuery() {
        String injection = "x' AS tag FROM main)); DROP TABLE main; --";
        alice.request().body(Map.of("document", tree(topN()), "settings", Map.of("group_by", "region", "order_by", "amount", "tag", injection),
                        "inputs", sample())).post("/api/custom-node-types/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("predicted.name", equalTo(List.of("region", "amount", "tag")))
                .body("columns.type", equalTo(List.of("VARCHAR", "INTEGER", "VARCHAR")))
                .body("rows", hasSize(2))
                .body("rows.collect { it[2] }", equalTo(List.of(injection, injection)));
        alice.request().body(Map.of("document", tree(topN()), "settings", Map.of("group_by", "region", "order_by", "region"),
                        "inputs", sample())).post("/api/custom-node-types/test").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("problems.path", hasItem("settings.order_by"))
                .body("problems.message", hasItem(containsString("not a numeric column")));
        // the tested type was never saved: it is not in the palette
        alice.request().get("/api/node-types").then().body("type", org.hamcrest.Matchers.not(hasItem(name)));
        alice.request().body(Map.of("document", tree(topN()), "settings", Map.of(), "inputs", Map.of("other", Map.of("columns", SAMPLE_COLUMNS))))
                .post("/api/custom-node-types/test").then().statusCode(400).body("message", containsString("'other' is no input"));
    }

    @Test
    void badDocumentsAndRequestsAreRefusedNamingTheFault() {
        String broken = topN().replace("kind: number", "kind: numbr").replace("{{n}}", "{{limit}}");
        alice.request().body(Map.of("document", tree(broken))).post("/api/custom-node-types").then().statusCode(400)
                .body("problems.path", hasItems("form.sections[0].components[2].kind", "implementation.sql"))
                .body("problems.message", hasItem(containsString("{{limit}} is no setting")));
        alice.request().body(Map.of("document", tree(topN().replace("type: " + name, "type: filter")))).post("/api/custom-node-types").then()
                .statusCode(409).body("message", containsString("built-in"));
        alice.request().contentType("application/yaml").body("flowfile_node: 1\ntype: [oops".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/custom-node-types/import").then()
                .statusCode(400).body("message", containsString("not valid YAML"));
        alice.request().body(Map.of()).post("/api/custom-node-types").then().statusCode(400).body("message", containsString("'document' is missing"));
        alice.request().get("/api/custom-node-types/never_saved_type").then().statusCode(404);
        alice.request().contentType("application/yaml").body(topN().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/custom-node-types/import").then().statusCode(201);
        alice.request().get("/api/custom-node-types/" + name + "/versions/9").then().statusCode(404).body("message", containsString("no version 9"));
        // another user cannot change what alice's flows run: no new version, no publishing; an admin can
        bob.request().body(Map.of("document", tree(topN()), "publish", true)).post("/api/custom-node-types").then().statusCode(403)
                .body("name", equalTo("FORBIDDEN")).body("message", containsString(alice.name() + "'s"));
        bob.request().post("/api/custom-node-types/" + name + "/versions/1/publish").then().statusCode(403);
        admin.request().body(Map.of("document", tree(topN()))).post("/api/custom-node-types").then().statusCode(201).body("version", equalTo(2));
        // a setting inside quotes in the SQL would let its text leave the quotes: refused
        alice.request().body(Map.of("document", tree(topN().replace("{{tag}} AS tag", "'{{tag}}' AS tag")))).post("/api/custom-node-types")
                .then().statusCode(400).body("problems.message", hasItem(containsString("{{tag}} stands inside a string literal")));
        alice.request().delete("/api/custom-node-types/" + name).then().statusCode(404);
        given().get("/api/custom-node-types").then().statusCode(401);
        admin.request().delete("/api/custom-node-types/" + name).then().statusCode(204);
        alice.request().get("/api/node-types").then().body("type", org.hamcrest.Matchers.not(hasItem(name)));
    }
}
