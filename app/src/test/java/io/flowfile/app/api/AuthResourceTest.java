package io.flowfile.app.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of "users, tokens, access": credentials, cookies, CSRF, revocation, roles, 404 for what is not yours. */
@QuarkusTest
class AuthResourceTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(users, tokens);
    }

    @Test
    void noCredentialIs401NamingWhatToSend() {
        given().get("/api/drafts").then().statusCode(401)
                .body("name", equalTo("UNAUTHENTICATED"))
                .body("message", containsString("Bearer"));
        given().header("Authorization", "Basic abc").get("/api/drafts").then().statusCode(401);
        given().header("Authorization", "Bearer ff_not-a-token").get("/api/drafts").then().statusCode(401)
                .body("message", containsString("unknown, revoked or expired"));
    }

    @Test
    void aRevokedTokenIs401() {
        Api.User user = api.user(Role.USER);
        var second = tokens.create(user.id(), "second", java.util.Optional.empty());
        given().header("Authorization", "Bearer " + second.secret()).get("/api/drafts").then().statusCode(200);
        user.request().delete("/api/tokens/" + second.record().id()).then().statusCode(204);
        given().header("Authorization", "Bearer " + second.secret()).get("/api/drafts").then().statusCode(401);
        // the token list shows it revoked, never a secret
        user.request().get("/api/tokens").then().statusCode(200)
                .body("find { it.id == '" + second.record().id() + "' }.revoked", equalTo(true))
                .body("find { it.id == '" + second.record().id() + "' }.secret", equalTo(null));
    }

    @Test
    void aTokenRevokedElsewhereStopsWorkingWithinTheCredentialCacheTime() throws Exception {
        Api.User user = api.user(Role.USER);
        var second = tokens.create(user.id(), "elsewhere", java.util.Optional.empty());
        given().header("Authorization", "Bearer " + second.secret()).get("/api/drafts").then().statusCode(200);
        // revoked in the catalog directly, as another server or the command line does: this server only learns it from there
        tokens.revoke(user.id(), second.record().id());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            Thread.sleep(100);
            status = given().header("Authorization", "Bearer " + second.secret()).get("/api/drafts").then().extract().statusCode();
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).as("within flowfile.server.credential-cache (1 s)").isEqualTo(401);
    }

    @Test
    void anExpiredTokenIs401() {
        Api.User user = api.user(Role.USER);
        var expired = tokens.create(user.id(), "old", java.util.Optional.of(java.time.Instant.now().plusMillis(1500)));
        given().header("Authorization", "Bearer " + expired.secret()).get("/api/drafts").then().statusCode(200);
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        given().header("Authorization", "Bearer " + expired.secret()).get("/api/drafts").then().statusCode(401);
    }

    @Test
    void aTokenCreatedThroughTheApiIsShownOnceAndWorks() {
        Api.User user = api.user(Role.USER);
        String secret = user.request().body(Map.of("name", "ci")).post("/api/tokens").then().statusCode(201)
                .extract().path("secret");
        assertThat(secret).startsWith("ff_");
        given().header("Authorization", "Bearer " + secret).get("/api/auth/me").then().statusCode(200)
                .body("user.username", equalTo(user.name()));
    }

    @Test
    void loginSetsAnHttpOnlySessionCookieAndChangesNeedTheCsrfToken() {
        Api.User user = api.user(Role.USER);
        given().contentType(ContentType.JSON).body(Map.of("username", user.name(), "password", "wrong-password"))
                .post("/api/auth/login").then().statusCode(401).body("message", equalTo("wrong username or password"));
        Response login = given().contentType(ContentType.JSON).body(Map.of("username", user.name(), "password", user.password()))
                .post("/api/auth/login");
        login.then().statusCode(200).body("user.username", equalTo(user.name()));
        String session = login.getCookie("flowfile_session");
        String csrf = login.jsonPath().getString("csrfToken");
        assertThat(login.getDetailedCookie("flowfile_session").isHttpOnly()).isTrue();
        assertThat(login.getDetailedCookie("flowfile_session").getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(login.getCookie("flowfile_csrf")).isEqualTo(csrf);

        given().cookie("flowfile_session", session).get("/api/auth/me").then().statusCode(200)
                .body("csrfToken", equalTo(csrf));
        // a change with the cookie alone (what another site's form could send) is refused
        given().cookie("flowfile_session", session).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/drafts").then().statusCode(403).body("name", equalTo("CSRF_TOKEN_MISSING"));
        given().cookie("flowfile_session", session).header("X-CSRF-Token", "forged").contentType(ContentType.JSON)
                .body(Map.of("name", "x")).post("/api/drafts").then().statusCode(403);
        given().cookie("flowfile_session", session).header("X-CSRF-Token", csrf).contentType(ContentType.JSON)
                .body(Map.of("name", "x")).post("/api/drafts").then().statusCode(201);

        given().cookie("flowfile_session", session).header("X-CSRF-Token", csrf).post("/api/auth/logout").then().statusCode(204);
        given().cookie("flowfile_session", session).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void anotherUsersThingsAreNotFoundAndAnAdminSeesThem() {
        Api.User alice = api.user(Role.USER);
        Api.User bob = api.user(Role.USER);
        Api.User admin = api.user(Role.ADMIN);
        String draft = alice.request().body(Map.of("name", "alice-flow")).post("/api/drafts").then().statusCode(201).extract().path("id");
        bob.request().get("/api/drafts/" + draft).then().statusCode(404).body("message", containsString("not found"));
        bob.request().body(Map.of("revision", 1, "edits", java.util.List.of())).post("/api/drafts/" + draft + "/edits").then().statusCode(404);
        bob.request().delete("/api/drafts/" + draft).then().statusCode(404);
        assertThat(bob.request().get("/api/drafts").then().statusCode(200).extract().<java.util.List<String>>path("id")).doesNotContain(draft);
        admin.request().get("/api/drafts/" + draft).then().statusCode(200).body("owner", equalTo(alice.name()));
        // users are the admins' business: a user does not even see that the endpoint exists
        bob.request().get("/api/users").then().statusCode(404);
        admin.request().get("/api/users").then().statusCode(200);
        admin.request().body(Map.of("username", "made-by-admin-" + System.nanoTime(), "password", "long enough", "role", "user"))
                .post("/api/users").then().statusCode(201).body("role", equalTo("user"));
        admin.request().body(Map.of("username", alice.name(), "password", "long enough"))
                .post("/api/users").then().statusCode(409);
    }

    @Test
    void aDeletedUsersNameIsNotGivenAgainSoNobodyInheritsTheirThings() {
        Api.User admin = api.user(Role.ADMIN);
        Api.User leaving = api.user(Role.USER);
        String draft = leaving.request().body(Map.of("name", "left-behind")).post("/api/drafts").then().statusCode(201).extract().path("id");
        admin.request().delete("/api/users/" + leaving.name()).then().statusCode(204);
        admin.request().body(Map.of("username", leaving.name(), "password", "long enough", "role", "user"))
                .post("/api/users").then().statusCode(409)
                .body("message", containsString("belonged to a user who was deleted"));
        admin.request().get("/api/drafts/" + draft).then().statusCode(200).body("owner", equalTo(leaving.name()));
    }

    @Test
    void loginIsTheOnlyOpenEndpointAndHealthIsOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health").then().statusCode(200);
        given().get("/api/node-types").then().statusCode(401);
    }

    @Test
    void managementEndpointsButHealthNeedALogin() {
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/swagger-ui/index.html", "/q/nothing-here")) {
            given().get(path).then().statusCode(401).body("name", equalTo("UNAUTHENTICATED")).body("message", containsString("Bearer"));
            given().header("Authorization", "Bearer ff_not-a-token").get(path).then().statusCode(401);
        }
        given().urlEncodingEnabled(false).get("/q/health/../metrics").then().statusCode(401);

        Api.User user = api.user(Role.USER);
        user.request().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        user.request().get("/q/openapi").then().statusCode(200).body(containsString("/api/drafts"));
        user.request().get("/q/swagger-ui/").then().statusCode(200);
        // the browser, logged in by the link or the login form, has the session cookie
        String session = given().contentType(ContentType.JSON).body(Map.of("username", user.name(), "password", user.password()))
                .post("/api/auth/login").then().statusCode(200).extract().cookie("flowfile_session");
        given().cookie("flowfile_session", session).get("/q/openapi").then().statusCode(200);
        given().cookie("flowfile_session", "not-a-session").get("/q/openapi").then().statusCode(401);
    }
}
