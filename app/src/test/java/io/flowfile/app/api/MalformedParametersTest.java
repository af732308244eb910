package io.flowfile.app.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A path or query parameter that is not what it must be (an id, a version, an event id) is a 400 naming it, never a bare 404. */
@QuarkusTest
class MalformedParametersTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    private Api.User user;

    @BeforeEach
    void setUp() {
        user = new Api(users, tokens).user(Role.USER);
    }

    private static void malformed(Response response, String naming) {
        response.then().statusCode(400).body("name", equalTo("MALFORMED_REQUEST")).body("message", containsString(naming));
    }

    @Test
    void drafts() {
        malformed(user.request().get("/api/drafts/not-a-uuid"), "'not-a-uuid' is not a draft id");
        malformed(user.request().body(Map.of("revision", 1, "edits", java.util.List.of())).post("/api/drafts/42/edits"), "'42' is not a draft id");
        malformed(user.request().delete("/api/drafts/x"), "draft id");
        String draft = user.request().body(Map.of("name", "diffed")).post("/api/drafts").then().statusCode(201).extract().path("id");
        malformed(user.request().get("/api/drafts/" + draft + "/diff?version=latest"), "query parameter 'version' must be a whole number");
    }

    @Test
    void runs() {
        malformed(user.request().get("/api/runs/not-a-run"), "'not-a-run' is not a run id");
        malformed(user.request().post("/api/runs/not-a-run/cancel"), "run id");
        malformed(user.request().get("/api/runs/" + UUID.randomUUID() + "/events?after=soon"), "query parameter 'after' must be an event id");
        malformed(user.request().get("/api/runs/" + UUID.randomUUID() + "/events?after=-1"), "'after'");
        malformed(user.request().get("/api/runs/nope/events"), "run id");
    }

    @Test
    void tokens() {
        malformed(user.request().delete("/api/tokens/first"), "'first' is not a token id");
    }

    @Test
    void flows() {
        malformed(user.request().get("/api/flows/any/versions/one"), "version must be a whole number of at least 1, was 'one'");
        malformed(user.request().get("/api/flows/any/versions/0/export"), "version");
        malformed(user.request().body(Map.of()).post("/api/flows/any/versions/v1/runs"), "version");
        malformed(user.request().post("/api/flows/any/versions/1.5/draft"), "version");
        malformed(user.request().get("/api/flows/any/diff?from=first&to=2"), "query parameter 'from'");
        malformed(user.request().get("/api/flows/any/diff?from=1&to=last"), "query parameter 'to'");
    }

    @Test
    void nodeTypes() {
        malformed(user.request().get("/api/node-types/filter/versions/newest"), "version must be a whole number of at least 1, was 'newest'");
    }

    @Test
    void customNodeTypes() {
        malformed(user.request().get("/api/custom-node-types/any/versions/two"), "version must be a whole number");
        malformed(user.request().get("/api/custom-node-types/any/versions/two/export"), "version");
        malformed(user.request().post("/api/custom-node-types/any/versions/-3/publish"), "version");
    }
}
