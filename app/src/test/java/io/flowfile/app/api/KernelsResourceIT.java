package io.flowfile.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.kernel.KernelCatalog;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Kernels over HTTP on the real Docker engine: define, start, state, connection file, access, stop, delete. */
@QuarkusTest
class KernelsResourceIT {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    KernelCatalog catalog;

    @Test
    void dockerStatusSaysWhetherKernelsCanRun() {
        Api.User user = new Api(users, tokens).user(Role.USER);
        user.request().get("/api/docker").then().statusCode(200)
                .body("reachable", equalTo(true)).body("imagePresent", equalTo(true));
    }

    @Test
    void aRefusedDefinitionNamesEachBadValueByItsField() {
        Api.User owner = new Api(users, tokens).user(Role.USER);
        owner.request().body(Map.of("id", "bad id", "memoryGb", 100, "cpus", 0, "packages", List.of("numpy", "not a requirement!")))
                .post("/api/kernels").then().statusCode(400)
                .body("name", equalTo("INVALID_DEFINITION"))
                .body("message", containsString("memory_gb must be between 0.5 and 64"))
                .body("problems.path", equalTo(List.of("id", "memoryGb", "cpus", "packages")))
                .body("problems[0].message", containsString("id must be 1-64 letters"))
                .body("problems[1].message", equalTo("memory_gb must be between 0.5 and 64, was 100.0"))
                .body("problems[2].message", equalTo("cpus must be between 0.5 and 32, was 0.0"))
                .body("problems[3].message", containsString("packages[1] must be a pip requirement"))
                .body("problems.name", everyItem(equalTo("INVALID_DEFINITION")));
        owner.request().body(Map.of("id", "fine", "memoryGb", 1, "cpus", 1, "idleTimeout", "soon")).post("/api/kernels").then()
                .statusCode(400).body("problems.path", equalTo(List.of("idleTimeout")))
                .body("problems[0].message", containsString("idleTimeout must be seconds or an ISO-8601 duration"));
        owner.request().body(Map.of("id", "fine", "memoryGb", 1, "cpus", 1, "recoveryMode", "sometimes")).post("/api/kernels").then()
                .statusCode(400).body("problems.path", equalTo(List.of("recoveryMode")));
    }

    @Test
    void aUserDefinesStartsAndStopsTheirKernelAndNobodyElseSeesIt() {
        Api api = new Api(users, tokens);
        Api.User owner = api.user(Role.USER);
        Api.User other = api.user(Role.USER);
        Api.User admin = api.user(Role.ADMIN);
        String id = "k-" + UUID.randomUUID().toString().substring(0, 8);
        owner.request().body(Map.of("id", id, "memoryGb", 100)).post("/api/kernels").then().statusCode(400)
                .body("message", containsString("memory"));
        owner.request().body(Map.of("id", id, "memoryGb", 1, "cpus", 1, "recoveryMode", "sometimes")).post("/api/kernels").then()
                .statusCode(400).body("message", containsString("lazy, eager or clear"));
        owner.request().body(Map.of("id", id, "name", "Test kernel", "memoryGb", 1, "cpus", 1, "idleTimeout", "PT30M"))
                .post("/api/kernels").then().statusCode(201)
                .body("owner", equalTo(owner.name())).body("state", equalTo("STOPPED")).body("idleTimeout", equalTo("PT30M"));
        owner.request().body(Map.of("id", id, "memoryGb", 1)).post("/api/kernels").then().statusCode(409)
                .body("problems.path", equalTo(List.of("id"))).body("problems[0].message", containsString("exists; choose another id"));
        assertThat(catalog.find(id)).as("definitions live in the catalog").isPresent();

        other.request().get("/api/kernels/" + id).then().statusCode(404);
        other.request().post("/api/kernels/" + id + "/start").then().statusCode(404);
        other.request().get("/api/kernels").then().statusCode(200).body("id", not(hasItem(id)));
        admin.request().get("/api/kernels").then().statusCode(200).body("id", hasItem(id));

        owner.request().post("/api/kernels/" + id + "/start").then().statusCode(200);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        String state = "";
        while (Instant.now().isBefore(deadline) && !state.equals("READY") && !state.equals("ERROR")) {
            state = owner.request().get("/api/kernels/" + id).then().statusCode(200).extract().path("state");
            sleep(200);
        }
        assertThat(state).isEqualTo("READY");
        owner.request().get("/api/kernels/" + id + "/connection").then().statusCode(200)
                .body("command", containsString("jupyter console --existing"))
                .body("connectionFile.transport", equalTo("tcp"));
        // the key to another user's kernel is the owner's only, not even an admin's
        admin.request().get("/api/kernels/" + id + "/connection").then().statusCode(404);
        other.request().get("/api/kernels/" + id + "/connection").then().statusCode(404);

        owner.request().post("/api/kernels/" + id + "/stop").then().statusCode(200).body("state", equalTo("STOPPED"));
        owner.request().delete("/api/kernels/" + id).then().statusCode(204);
        owner.request().get("/api/kernels/" + id).then().statusCode(404);
        assertThat(catalog.find(id)).isEmpty();
        assertThat(List.of(id)).isNotEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
