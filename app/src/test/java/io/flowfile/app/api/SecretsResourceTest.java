package io.flowfile.app.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecretsResourceTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Test
    void aUserSetsListsReplacesAndDeletesSecretsAndNoAnswerHasAValue() {
        Api.User user = new Api(users, tokens).user(Role.USER);

        String made = user.request().body(Map.of("value", "hunter2")).put("/api/secrets/warehouse.password").then().statusCode(200)
                .body("name", equalTo("warehouse.password")).extract().asString();
        assertThat(made).doesNotContain("hunter2");
        user.request().body(Map.of("value", "hunter3")).put("/api/secrets/warehouse.password").then().statusCode(200);
        user.request().body(Map.of("value", "k")).put("/api/secrets/api-key").then().statusCode(200);

        String listed = user.request().get("/api/secrets").then().statusCode(200).body("name", org.hamcrest.Matchers.contains("api-key", "warehouse.password"))
                .extract().asString();
        assertThat(listed).doesNotContain("hunter");

        user.request().delete("/api/secrets/api-key").then().statusCode(204);
        user.request().get("/api/secrets").then().body("$", hasSize(1));
        user.request().delete("/api/secrets/api-key").then().statusCode(404).body("name", equalTo("SECRET_NOT_FOUND"));
    }

    @Test
    void anotherUserNeitherSeesNorDeletesThem() {
        Api api = new Api(users, tokens);
        Api.User owner = api.user(Role.USER);
        Api.User other = api.user(Role.ADMIN); // an admin neither
        owner.request().body(Map.of("value", "mine")).put("/api/secrets/token").then().statusCode(200);

        other.request().get("/api/secrets").then().statusCode(200).body("$", hasSize(0));
        other.request().delete("/api/secrets/token").then().statusCode(404);
        owner.request().get("/api/secrets").then().body("$", hasSize(1));
        given().get("/api/secrets").then().statusCode(401);
    }

    @Test
    void badRequestsAreRefusedNamingWhatIsWrong() {
        Api.User user = new Api(users, tokens).user(Role.USER);
        user.request().body(Map.of("value", "v")).put("/api/secrets/has space").then().statusCode(400)
                .body("message", containsString("name of a secret must be 1-128 letters"));
        user.request().body(Map.of()).put("/api/secrets/x").then().statusCode(400).body("message", containsString("{\"value\""));
        user.request().body(Map.of("value", "")).put("/api/secrets/x").then().statusCode(400).body("message", containsString("is empty"));
        user.request().body("{\"value\": 3, \"extra\": 1}").put("/api/secrets/x").then().statusCode(400);
        user.request().get("/api/secrets").then().body("$", hasSize(0));
    }
}
