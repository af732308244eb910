package io.flowfile.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The web UI's API types are generated from {@code ui/openapi/flowfile.json}; this keeps that file
 * the server's own document. Run with {@code -Dopenapi.update=true} to write it after changing the API.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("..", "ui", "openapi", "flowfile.json");

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Test
    void theUiBuildsOnTheServersOwnOpenApiDocument() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Api.User user = new Api(users, tokens).user(Role.USER);
        JsonNode served = json.readTree(user.request().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, json.writeValueAsString(served) + "\n");
        }
        assertThat(Files.exists(COMMITTED)).as("%s exists", COMMITTED).isTrue();
        JsonNode committed = json.readTree(COMMITTED.toFile());
        assertThat(committed)
                .as("ui/openapi/flowfile.json differs from the server's OpenAPI document: run "
                        + "`./mvnw -pl app test -Dtest=OpenApiDocumentTest -Dopenapi.update=true` and commit the file")
                .isEqualTo(served);
    }
}
