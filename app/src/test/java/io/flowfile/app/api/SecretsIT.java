package io.flowfile.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.config.FileRoots;
import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A secret set in the API reaches a Python node type's code on the user's kernel (a real one, in
 * Docker) as a {@code flowfile.Secret}: the value is in no setting, cell source or event, what the
 * node prints is masked, and a node naming a secret the user does not have fails saying so.
 */
@QuarkusTest
class SecretsIT {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    FileRoots roots;

    private Api.User owner;
    private String kernel;
    private final String value = "tok-" + UUID.randomUUID();

    @BeforeEach
    void setUp() {
        owner = new Api(users, tokens).user(Role.USER);
        Api.salesData(roots.primary());
        kernel = owner.readyKernel("secrets");
    }

    @AfterEach
    void tearDown() {
        owner.request().delete("/api/kernels/" + kernel);
    }

    private String nodeType() {
        String type = "uses_secret_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        String document = """
                flowfile_node: 1
                type: %s
                title: Uses a secret
                category: transform
                description: Proves it has the token without showing it.
                inputs: [main]
                outputs: [main]
                form:
                  sections:
                    - title: Connection
                      components:
                        - {name: token, kind: secret, label: Token, required: true}
                implementation:
                  kind: python
                  code: |
                    import hashlib
                    import polars as pl
                    token = settings["token"]
                    print("token is", token, "and", token.get_secret_value(), flush=True)
                    digest = hashlib.sha256(token.get_secret_value().encode()).hexdigest()
                    return inputs["main"].head(1).select(pl.lit(digest).alias("digest"), pl.lit(repr(token)).alias("shown"))
                """.formatted(type);
        owner.request().contentType("text/plain").body(document).post("/api/custom-node-types/import").then().statusCode(201);
        return type;
    }

    private String draft(String type, String secretName) {
        String draft = owner.request().body(Map.of("name", "secrets-" + kernel)).post("/api/drafts").then().statusCode(201).extract().path("id");
        owner.request().body(Map.of("revision", 1, "edits", List.of(
                Api.add("orders", "read_csv", Map.of("path", "orders.csv")),
                Api.add("uses", type, Map.of("kernel_id", kernel, "token", secretName)),
                Api.connect("orders", "uses")))).post("/api/drafts/" + draft + "/edits").then().statusCode(200);
        return draft;
    }

    private String runEvents(String draft) {
        String run = owner.request().body(Map.of()).post("/api/drafts/" + draft + "/runs").then().statusCode(202).extract().path("id");
        return owner.request().accept("text/event-stream").get("/api/runs/" + run + "/events").then().statusCode(200).extract().asString();
    }

    @Test
    void theNodeGetsTheValueAndNothingShowsIt() throws Exception {
        owner.request().body(Map.of("value", value)).put("/api/secrets/warehouse-token").then().statusCode(200);
        String draft = draft(nodeType(), "warehouse-token");

        String events = runEvents(draft);

        assertThat(events).contains("\"state\":\"succeeded\"").contains("token is ********** and **********").doesNotContain(value);
        Map<String, Object> preview = owner.request().body(Map.of("node", "uses")).post("/api/drafts/" + draft + "/preview").then()
                .statusCode(200).extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) preview.get("rows");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        assertThat(rows).containsExactly(List.of(expected, "Secret('warehouse-token', '**********')"));
        assertThat(owner.request().get("/api/drafts/" + draft + "/export").then().extract().asString()).doesNotContain(value);
    }

    @Test
    void noOtherUserRunsCodeOnTheOwnersKernelNorReadsTheOwnersSecrets() {
        owner.request().body(Map.of("value", value)).put("/api/secrets/warehouse-token").then().statusCode(200);
        Api api = new Api(users, tokens);
        for (Api.User other : List.of(api.user(Role.USER), api.user(Role.ADMIN))) {
            String draft = other.request().body(Map.of("name", "borrow-" + UUID.randomUUID())).post("/api/drafts").then().statusCode(201)
                    .extract().path("id");
            other.request().body(Map.of("revision", 1, "edits", List.of(Api.add("py", "python_script", Map.of("kernel_id", kernel,
                    "inputs", List.of(), "cells", List.of("print(flowfile.get_secret('warehouse-token').get_secret_value())"))))))
                    .post("/api/drafts/" + draft + "/edits").then().statusCode(200);

            other.request().body(Map.of()).post("/api/drafts/" + draft + "/runs").then().statusCode(404)
                    .body("name", org.hamcrest.Matchers.equalTo("KERNEL_NOT_FOUND"));
            other.request().body(Map.of("node", "py")).post("/api/drafts/" + draft + "/preview").then().statusCode(404);
            other.request().body(Map.of("code", "print(1)")).post("/api/drafts/" + draft + "/nodes/py/cells").then().statusCode(404);
        }
    }

    @Test
    void validatingAnotherUsersDraftRunsNoneOfItsNodeTypesCodeOnTheOwnersKernel() {
        owner.request().body(Map.of("value", value)).put("/api/secrets/warehouse-token").then().statusCode(200);
        String reversed = new StringBuilder(value).reverse().toString();
        Api api = new Api(users, tokens);
        for (Api.User other : List.of(api.user(Role.USER), api.user(Role.ADMIN))) {
            String type = "peeks_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
            // predict_schema runs during validation: on the owner's kernel it would read the owner's secret,
            // and a column named by it reversed slips past the masking of printed values
            other.request().contentType("text/plain").body("""
                    flowfile_node: 1
                    type: %s
                    title: Peeks
                    category: transform
                    description: Names its column after a secret of whoever owns the kernel.
                    inputs: [main]
                    outputs: [main]
                    implementation:
                      kind: python
                      code: |
                        return inputs["main"]
                      predict_schema: |
                        import flowfile
                        return {flowfile.get_secret("warehouse-token").get_secret_value()[::-1]: "VARCHAR"}
                    """.formatted(type)).post("/api/custom-node-types/import").then().statusCode(201);
            String draft = other.request().body(Map.of("name", "peek-" + UUID.randomUUID())).post("/api/drafts").then().statusCode(201)
                    .extract().path("id");

            String edited = other.request().body(Map.of("revision", 1, "edits", List.of(
                    Api.add("orders", "read_csv", Map.of("path", "orders.csv")),
                    Api.add("peek", type, Map.of("kernel_id", kernel)),
                    Api.connect("orders", "peek")))).post("/api/drafts/" + draft + "/edits").then().statusCode(200).extract().asString();
            String viewed = other.request().get("/api/drafts/" + draft).then().statusCode(200).extract().asString();

            for (String view : List.of(edited, viewed)) {
                assertThat(view).doesNotContain(value).doesNotContain(reversed);
                List<Map<String, Object>> problems = io.restassured.path.json.JsonPath.from(view).getList("problems");
                assertThat(problems).anySatisfy(problem -> {
                    assertThat(problem).containsEntry("node", "peek").containsEntry("name", "KERNEL_NOT_FOUND");
                    assertThat(problem.get("message").toString()).contains("'" + kernel + "' does not exist");
                });
            }
            other.request().body(Map.of()).post("/api/drafts/" + draft + "/runs").then().statusCode(404)
                    .body("name", org.hamcrest.Matchers.equalTo("KERNEL_NOT_FOUND"));
        }
    }

    @Test
    void aMissingKernelsProblemNamesNoOtherUsersKernel() {
        Api.User other = new Api(users, tokens).user(Role.USER);
        String mine = "mine-" + UUID.randomUUID().toString().substring(0, 8);
        other.request().body(Map.of("id", mine, "memoryGb", 1, "cpus", 1)).post("/api/kernels").then().statusCode(201);
        String draft = other.request().body(Map.of("name", "nope-" + UUID.randomUUID())).post("/api/drafts").then().statusCode(201)
                .extract().path("id");

        String view = other.request().body(Map.of("revision", 1, "edits", List.of(Api.add("py", "python_script", Map.of("kernel_id", "nope",
                "inputs", List.of(), "cells", List.of("print(1)")))))).post("/api/drafts/" + draft + "/edits").then().statusCode(200)
                .extract().asString();

        assertThat(view).contains("kernel 'nope' does not exist").contains(mine).doesNotContain(kernel);
        other.request().delete("/api/kernels/" + mine);
    }

    @Test
    void aSecretTheUserDoesNotHaveFailsTheNodeSayingSo() {
        String events = runEvents(draft(nodeType(), "never-set"));

        assertThat(events).contains("\"state\":\"failed\"").contains("no secret named 'never-set'");
    }
}
