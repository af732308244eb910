package io.flowfile.app.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.ArtifactFormat;
import io.flowfile.catalog.api.FlowArtifactSpec;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.GlobalArtifactRecord;
import io.flowfile.catalog.api.KernelSpec;
import io.flowfile.catalog.api.Lineage;
import io.flowfile.catalog.api.PublishRequest;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.artifact.FlowArtifactService;
import io.flowfile.catalog.artifact.GlobalArtifactService;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.kernel.KernelCatalog;
import io.flowfile.catalog.run.RunService;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Global artifacts (every user reads them, only an admin deletes them) and flow-scoped artifacts (a
 * user sees those on their own kernels). Published through the catalog's services, as kernels do.
 */
@QuarkusTest
class ArtifactsResourceTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    @Inject
    GlobalArtifactService globals;

    @Inject
    FlowArtifactService flowArtifacts;

    @Inject
    KernelCatalog kernels;

    private Api.User user;
    private Api.User other;
    private Api.User admin;
    private FlowVersionRecord flow;
    private RunRecord run;

    @BeforeEach
    void setUp() {
        Api api = new Api(users, tokens);
        user = api.user(Role.USER);
        other = api.user(Role.USER);
        admin = api.user(Role.ADMIN);
        flow = flows.register("training-" + unique(), null, "{}".getBytes(UTF_8), "json", users.get(user.name()));
        run = runs.start(flow.id(), RunTrigger.API, Map.of(), user.name());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private GlobalArtifactRecord publish(String name, String content, List<String> tags) throws IOException {
        Path file = Files.createTempFile("artifact", ".bin");
        try {
            Files.writeString(file, content);
            return globals.publish(name, new PublishRequest("sklearn.linear_model.Ridge", ArtifactFormat.JOBLIB, Files.size(file), null,
                    "a model of " + content, tags, new Lineage(flow.flowId(), flow.version(), run.id(), "train", "default"), file));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void everyUserListsTheLatestVersionsAndEveryVersionWithItsLineage() throws IOException {
        String name = "model-" + unique();
        publish(name, "one", List.of("ml", "prod"));
        GlobalArtifactRecord two = publish(name, "two", List.of("ml"));

        other.request().get("/api/artifacts").then().statusCode(200)
                .body("find { it.name == '" + name + "' }.version", equalTo(2));
        other.request().get("/api/artifacts?tag=ml").then().statusCode(200).body("name", hasItem(name));
        // only the latest version counts: version 2 is not tagged prod
        other.request().get("/api/artifacts?tag=ml&tag=prod").then().statusCode(200).body("name", not(hasItem(name)));

        other.request().get("/api/artifacts/" + name + "/versions").then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].version", equalTo(1))
                .body("[0].tags", equalTo(List.of("ml", "prod")))
                .body("[1].version", equalTo(2))
                .body("[1].pythonType", equalTo("sklearn.linear_model.Ridge"))
                .body("[1].format", equalTo("joblib"))
                .body("[1].sizeBytes", equalTo(3))
                .body("[1].sha256", equalTo(two.sha256()))
                .body("[1].description", equalTo("a model of two"))
                .body("[1].lineage.flow", equalTo(flow.name()))
                .body("[1].lineage.flowVersion", equalTo(1))
                .body("[1].lineage.flowRegistered", equalTo(true))
                .body("[1].lineage.run", equalTo(run.id().toString()))
                .body("[1].lineage.node", equalTo("train"))
                .body("[1].lineage.kernel", equalTo("default"))
                .body("[1].download", equalTo("/api/artifacts/" + name + "/versions/2/download"));
    }

    @Test
    void aDataFrameVersionShowsItsFirstRowsAndAModelRefuses() throws Exception {
        String name = "scores-" + unique();
        Path file = Files.createTempFile("artifact", ".parquet");
        try {
            Files.delete(file);
            try (var connection = io.flowfile.engine.duckdb.DuckDb.connect(new java.util.Properties());
                 var statement = connection.createStatement()) {
                statement.execute("COPY (SELECT i AS customer_id, 'c' || i AS name, i / 4 AS score, DATE '2026-01-01' + i::INTEGER AS day "
                        + "FROM range(1, 101) t(i)) TO '" + file + "' (FORMAT parquet)");
            }
            globals.publish(name, new PublishRequest("polars.dataframe.frame.DataFrame", ArtifactFormat.PARQUET, Files.size(file), null,
                    "scores", List.of(), new Lineage(flow.flowId(), flow.version(), run.id(), "score", "default"), file));
        } finally {
            Files.deleteIfExists(file);
        }

        other.request().get("/api/artifacts/" + name + "/versions/1/rows?limit=3").then().statusCode(200)
                .body("columns.name", equalTo(List.of("customer_id", "name", "score", "day")))
                .body("columns.type", equalTo(List.of("BIGINT", "VARCHAR", "DOUBLE", "DATE")))
                .body("totalRows", equalTo(100))
                .body("limit", equalTo(3))
                .body("rows", hasSize(3))
                .body("rows[0][0]", equalTo(1))
                .body("rows[0][1]", equalTo("c1"))
                .body("rows[0][2]", equalTo(0.25f))
                .body("rows[0][3]", equalTo("2026-01-02"))
                .body("rows[2][0]", equalTo(3));
        other.request().get("/api/artifacts/" + name + "/versions/1/rows").then().statusCode(200).body("rows", hasSize(20));
        other.request().get("/api/artifacts/" + name + "/versions/1/rows?limit=1001").then().statusCode(400)
                .body("message", containsString("limit must be between 1 and 1000"));
        other.request().get("/api/artifacts/" + name + "/versions/2/rows").then().statusCode(404)
                .body("name", equalTo("GLOBAL_ARTIFACT_NOT_FOUND"));

        String model = "model-" + unique();
        publish(model, "not a table", List.of());
        other.request().get("/api/artifacts/" + model + "/versions/1/rows").then().statusCode(409)
                .body("name", equalTo("CONFLICT"))
                .body("message", containsString("is joblib (sklearn.linear_model.Ridge), not a table"));
    }

    @Test
    void aVersionDownloadsAsItsBytes() throws IOException {
        String name = "model-" + unique();
        GlobalArtifactRecord one = publish(name, "first bytes", List.of());
        publish(name, "second bytes", List.of());

        byte[] downloaded = other.request().get("/api/artifacts/" + name + "/versions/1/download").then().statusCode(200)
                .contentType("application/octet-stream")
                .header("Content-Disposition", containsString(name + "-v1.joblib"))
                .header("ETag", equalTo("\"" + one.sha256() + "\""))
                .extract().asByteArray();
        assertThat(new String(downloaded, UTF_8)).isEqualTo("first bytes");

        other.request().get("/api/artifacts/" + name + "/versions/3/download").then().statusCode(404)
                .body("name", equalTo("GLOBAL_ARTIFACT_NOT_FOUND")).body("message", containsString("no version 3"));
        other.request().get("/api/artifacts/" + name + "/versions/latest/download").then().statusCode(400)
                .body("message", containsString("version must be a whole number of at least 1, was 'latest'"));
        other.request().get("/api/artifacts/no-such-" + name + "/versions").then().statusCode(404)
                .body("name", equalTo("GLOBAL_ARTIFACT_NOT_FOUND")).body("message", containsString("no-such-" + name));
        other.request().get("/api/artifacts/.bad name/versions").then().statusCode(400).body("name", equalTo("INVALID_ARGUMENT"));
    }

    @Test
    void onlyAnAdminDeletesAndForOthersTheEndpointDoesNotExist() throws IOException {
        String name = "model-" + unique();
        publish(name, "one", List.of());
        publish(name, "two", List.of());
        publish(name, "three", List.of());

        user.request().delete("/api/artifacts/" + name).then().statusCode(404).body("name", equalTo("NOT_FOUND"));
        user.request().delete("/api/artifacts/" + name + "/versions/1").then().statusCode(404);
        assertThat(globals.versions(name)).hasSize(3);

        admin.request().delete("/api/artifacts/" + name + "/versions/2").then().statusCode(204);
        user.request().get("/api/artifacts/" + name + "/versions").then().statusCode(200).body("version", equalTo(List.of(1, 3)));
        admin.request().delete("/api/artifacts/" + name + "/versions/2").then().statusCode(404)
                .body("message", containsString("no version 2"));
        admin.request().delete("/api/artifacts/" + name + "/versions/two").then().statusCode(400);

        admin.request().delete("/api/artifacts/" + name).then().statusCode(204);
        user.request().get("/api/artifacts/" + name + "/versions").then().statusCode(404);
        admin.request().delete("/api/artifacts/" + name).then().statusCode(404).body("name", equalTo("GLOBAL_ARTIFACT_NOT_FOUND"));
    }

    @Test
    void flowScopedArtifactsAreSeenOnTheKernelsOneMaySee() {
        String flowName = "editing-" + unique();
        String mine = kernels.save(new KernelSpec("k-" + unique(), null, user.name(), null, 1, 1, 0, null, null, null)).id();
        String others = kernels.save(new KernelSpec("k-" + unique(), null, other.name(), null, 1, 1, 0, null, null, null)).id();
        String sha = "a".repeat(64);
        flowArtifacts.record(new FlowArtifactSpec(flowName, mine, "cleaned", "prepare", "polars.DataFrame", ArtifactFormat.PARQUET,
                42, sha));
        flowArtifacts.record(new FlowArtifactSpec(flowName, mine, "model", "train", "sklearn.Ridge", ArtifactFormat.JOBLIB, 7, sha));
        flowArtifacts.record(new FlowArtifactSpec(flowName, others, "model", "train", "sklearn.Ridge", ArtifactFormat.JOBLIB, 9, sha));

        // a flow being edited (not registered) has artifacts too
        user.request().get("/api/flows/" + flowName + "/artifacts").then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].flow", equalTo(flowName))
                .body("[0].kernel", equalTo(mine))
                .body("[0].name", equalTo("cleaned"))
                .body("[0].node", equalTo("prepare"))
                .body("[0].pythonType", equalTo("polars.DataFrame"))
                .body("[0].format", equalTo("parquet"))
                .body("[0].sizeBytes", equalTo(42))
                .body("[0].sha256", equalTo(sha))
                .body("[1].name", equalTo("model"));
        user.request().get("/api/flows/" + flowName + "/artifacts?kernel=" + mine).then().statusCode(200).body("", hasSize(2));
        admin.request().get("/api/flows/" + flowName + "/artifacts").then().statusCode(200).body("", hasSize(3));
        admin.request().get("/api/flows/" + flowName + "/artifacts?kernel=" + others).then().statusCode(200)
                .body("", hasSize(1)).body("[0].sizeBytes", equalTo(9));
        // another user's kernel does not exist for the user
        user.request().get("/api/flows/" + flowName + "/artifacts?kernel=" + others).then().statusCode(404)
                .body("message", containsString("kernel '" + others + "'"));
        user.request().get("/api/flows/" + flowName + "/artifacts?kernel=no-such-kernel").then().statusCode(404);
        user.request().get("/api/flows/" + flowName + "/artifacts?kernel=bad%20id").then().statusCode(400)
                .body("name", equalTo("INVALID_ARGUMENT"));
        other.request().get("/api/flows/" + flowName + "/artifacts").then().statusCode(200).body("", hasSize(1));

        // a registered flow without artifacts: an empty list; a flow nothing knows: 404 naming it
        user.request().get("/api/flows/" + flow.name() + "/artifacts").then().statusCode(200).body("", hasSize(0));
        user.request().get("/api/flows/nothing-" + flowName + "/artifacts").then().statusCode(404)
                .body("message", containsString("flow 'nothing-" + flowName + "'"));
    }
}
