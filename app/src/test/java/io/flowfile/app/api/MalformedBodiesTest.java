package io.flowfile.app.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every endpoint that takes a body answers a malformed one with a 4xx naming the fault, never a 500. */
@QuarkusTest
class MalformedBodiesTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    /** Bodies that are not what any endpoint takes: broken JSON, a wrong shape, unknown fields, wrong types. */
    private static final List<String> BODIES = List.of(
            "{\"name\": ",
            "{\"name\": \"x\"} trailing",
            "[1, 2, 3]",
            "\"just a string\"",
            "{\"surprise\": true}",
            "{\"revision\": \"one\", \"edits\": {}}",
            "{\"limit\": [], \"node\": {}}",
            "{\"parameters\": \"a=b\", \"mode\": 3}",
            "{\"memoryGb\": \"lots\", \"packages\": \"numpy\"}",
            "{\"username\": 1, \"password\": false}",
            "{\"expires\": \"tomorrow\", \"name\": \"t\"}",
            "null");

    @Test
    void everyBodyTakingEndpointAnswersA4xxNamingTheFault() {
        Api.User admin = new Api(users, tokens).user(Role.ADMIN);
        String draft = admin.request().body(Map.of("name", "malformed-all")).post("/api/drafts").then().statusCode(201).extract().path("id");
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/api/drafts"},
                new String[] {"POST", "/api/drafts/" + draft + "/edits"},
                new String[] {"POST", "/api/drafts/" + draft + "/undo"},
                new String[] {"POST", "/api/drafts/" + draft + "/redo"},
                new String[] {"POST", "/api/drafts/" + draft + "/register"},
                new String[] {"POST", "/api/drafts/" + draft + "/runs"},
                new String[] {"POST", "/api/drafts/" + draft + "/preview"},
                new String[] {"POST", "/api/flows/nothing/versions/1/runs"},
                new String[] {"POST", "/api/users"},
                new String[] {"POST", "/api/tokens"},
                new String[] {"POST", "/api/kernels"},
                new String[] {"PUT", "/api/kernels/nothing"},
                new String[] {"POST", "/api/schedules"},
                new String[] {"POST", "/api/schedules/preview"},
                new String[] {"PUT", "/api/schedules/" + java.util.UUID.randomUUID()},
                new String[] {"POST", "/api/auth/login"});
        for (String[] endpoint : endpoints) {
            boolean optionalBody = endpoint[1].endsWith("/register") || endpoint[1].endsWith("/runs");
            for (String body : BODIES) {
                if (optionalBody && body.equals("null")) {
                    continue; // a body of these endpoints is optional: null is no options at all
                }
                Response response = given().header("Authorization", "Bearer " + admin.token()).contentType("application/json").body(body)
                        .request(endpoint[0], endpoint[1]);
                String what = endpoint[0] + " " + endpoint[1] + " with " + body + " -> " + response.statusCode() + " " + response.asString();
                assertThat(response.statusCode()).as(what).isBetween(400, 499);
                assertThat(response.jsonPath().getString("name")).as(what).isNotBlank();
                assertThat(response.jsonPath().getString("message")).as(what).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }
}
