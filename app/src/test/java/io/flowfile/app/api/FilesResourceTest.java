package io.flowfile.app.api;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.flowfile.app.config.FileRoots;
import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The file picker: listings under the file roots, uploads streamed to disk with their limit (64 KiB
 * in tests: {@code %test.flowfile.server.upload-max-bytes}), overwrite rules and every way out of the
 * roots ({@code ..}, absolute paths, links).
 */
@QuarkusTest
class FilesResourceTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    FileRoots roots;

    @ConfigProperty(name = "flowfile.server.upload-max-bytes")
    long uploadLimit;

    @ConfigProperty(name = "flowfile.server.request-max-bytes", defaultValue = "16777216")
    long requestLimit;

    @TestHTTPResource("/api/files")
    URI files;

    private Api.User user;
    /** This test's own directory in the primary root, relative to it. */
    private String mine;
    private Path directory;

    @BeforeEach
    void setUp() throws IOException {
        user = new Api(users, tokens).user(Role.USER);
        mine = "picker-" + UUID.randomUUID().toString().substring(0, 8);
        directory = Files.createDirectories(roots.primary().resolve(mine));
    }

    private RequestSpecification upload(byte[] content) {
        return given().header("Authorization", "Bearer " + user.token()).contentType("application/octet-stream").body(content);
    }

    private static byte[] bytes(int size) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 'x');
        return content;
    }

    /** Files and directories under this test's directory, temporary ones included. */
    private List<String> leftovers() throws IOException {
        try (Stream<Path> found = Files.walk(directory)) {
            return found.filter(path -> !path.equals(directory)).map(path -> directory.relativize(path).toString()).sorted().toList();
        }
    }

    @Test
    void theRootsAreListedWithThePrimaryOneFirst() {
        user.request().get("/api/files/roots").then().statusCode(200)
                .body("[0].path", equalTo(roots.primary().toString()))
                .body("[0].primary", equalTo(true))
                .body("", hasSize(roots.all().size()));
        given().get("/api/files/roots").then().statusCode(401);
    }

    @Test
    void aDirectoryListsItsDirectoriesFirstThenItsFilesByName() throws IOException {
        Files.createDirectories(directory.resolve("zeta"));
        Files.createDirectories(directory.resolve("alpha/deeper"));
        Files.writeString(directory.resolve("b.csv"), "a,b\n1,2\n");
        Files.writeString(directory.resolve("a.parquet"), "PAR1");

        user.request().get("/api/files?path=" + mine).then().statusCode(200)
                .body("path", equalTo(mine))
                .body("truncated", equalTo(false))
                .body("entries.name", equalTo(List.of("alpha", "zeta", "a.parquet", "b.csv")))
                .body("entries.kind", equalTo(List.of("directory", "directory", "file", "file")))
                .body("entries[0].path", equalTo(mine + "/alpha"))
                .body("entries[0].sizeBytes", nullValue())
                .body("entries[0].modified", notNullValue())
                .body("entries[3].sizeBytes", equalTo(8))
                .body("entries[3].path", equalTo(mine + "/b.csv"));
        user.request().get("/api/files?path=" + mine + "/alpha").then().statusCode(200)
                .body("entries.name", equalTo(List.of("deeper")));
        user.request().get("/api/files").then().statusCode(200).body("path", equalTo(""))
                .body("entries.findAll { it.name == '" + mine + "' }.kind", equalTo(List.of("directory")));
        user.request().get("/api/files?path=" + mine + "/missing").then().statusCode(404)
                .body("message", containsString("directory '" + mine + "/missing'"));
        user.request().get("/api/files?path=" + mine + "/b.csv").then().statusCode(400)
                .body("message", containsString("is a file, not a directory"));
    }

    @Test
    void pathsOutsideTheRootsAreRefusedNamingThem() throws IOException {
        Path outside = Files.createTempDirectory("flowfile-outside");
        Files.writeString(outside.resolve("secret.txt"), "not yours");
        Files.createSymbolicLink(directory.resolve("escape"), outside);
        Files.createSymbolicLink(directory.resolve("inside"), directory.resolve(".."));

        for (String path : List.of("..", "../", mine + "/../../etc", "/etc", outside.toString(), mine + "/escape", mine + "/escape/")) {
            user.request().get("/api/files?path=" + path).then().statusCode(400)
                    .body("name", equalTo("PATH_OUTSIDE_ROOTS"))
                    .body("message", containsString("path '" + path + "' is outside the file roots"));
        }
        for (String path : List.of("../up.csv", "/tmp/absolute.csv", mine + "/escape/planted.csv", mine + "/escape/new/planted.csv")) {
            upload("x".getBytes(UTF_8)).post("/api/files?path=" + path).then().statusCode(400)
                    .body("name", equalTo("PATH_OUTSIDE_ROOTS")).body("message", containsString("'" + path + "'"));
        }
        try (Stream<Path> found = Files.list(outside)) {
            assertThat(found.map(file -> file.getFileName().toString())).containsExactly("secret.txt");
        }
        assertThat(roots.primary().getParent().resolve("up.csv")).doesNotExist();
        // a link out of the roots is not listed; a link that stays inside is
        user.request().get("/api/files?path=" + mine).then().statusCode(200).body("entries.name", equalTo(List.of("inside")));
        user.request().get("/api/files?path=" + mine + "/inside").then().statusCode(200);
    }

    @Test
    void anUploadIsWrittenCreatingItsDirectoryAndAnExistingFileNeedsOverwrite() throws IOException {
        String path = mine + "/new/dir/sales.csv";
        upload("region,amount\nemea,10\n".getBytes(UTF_8)).post("/api/files?path=" + path).then().statusCode(201)
                .body("name", equalTo("sales.csv"))
                .body("path", equalTo(path))
                .body("kind", equalTo("file"))
                .body("sizeBytes", equalTo(22));
        assertThat(directory.resolve("new/dir/sales.csv")).hasContent("region,amount\nemea,10\n");

        upload("other".getBytes(UTF_8)).post("/api/files?path=" + path).then().statusCode(409)
                .body("name", equalTo("CONFLICT")).body("message", containsString("overwrite=true"));
        upload("other".getBytes(UTF_8)).post("/api/files?path=" + path + "&overwrite=false").then().statusCode(409);
        upload("other".getBytes(UTF_8)).post("/api/files?path=" + path + "&overwrite=perhaps").then().statusCode(400)
                .body("message", containsString("overwrite must be true or false"));
        assertThat(directory.resolve("new/dir/sales.csv")).hasContent("region,amount\nemea,10\n");
        upload("replaced".getBytes(UTF_8)).post("/api/files?path=" + path + "&overwrite=true").then().statusCode(201)
                .body("sizeBytes", equalTo(8));
        assertThat(directory.resolve("new/dir/sales.csv")).hasContent("replaced");

        upload("x".getBytes(UTF_8)).post("/api/files?path=" + mine + "/new").then().statusCode(409)
                .body("message", containsString("is a directory"));
        upload("x".getBytes(UTF_8)).post("/api/files").then().statusCode(400).body("message", containsString("?path="));
        upload("x".getBytes(UTF_8)).post("/api/files?path=").then().statusCode(400);
        given().contentType("application/octet-stream").body("x".getBytes(UTF_8)).post("/api/files?path=" + mine + "/anonymous.csv").then()
                .statusCode(401);
        assertThat(leftovers()).containsExactly("new", "new/dir", "new/dir/sales.csv");
    }

    @Test
    void anUploadUpToTheLimitIsStreamedToDisk() throws IOException {
        long limit = uploadLimit;
        assertThat(limit).isEqualTo(65536); // %test.flowfile.server.upload-max-bytes, above the REST layer's 10 KiB input buffer
        upload(bytes((int) limit)).post("/api/files?path=" + mine + "/exactly.bin").then().statusCode(201)
                .body("sizeBytes", equalTo((int) limit));
        assertThat(Files.size(directory.resolve("exactly.bin"))).isEqualTo(limit);
    }

    @Test
    void anUploadDeclaredLargerThanTheLimitIs413AndLeavesNothingBehind() throws IOException {
        int tooLarge = (int) uploadLimit + 1;
        upload(bytes(tooLarge)).post("/api/files?path=" + mine + "/deep/er/large.bin").then().statusCode(413)
                .body("name", equalTo("BODY_TOO_LARGE"))
                .body("message", containsString("at most 65536"))
                .body("message", containsString("flowfile.server.upload-max-bytes"));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aStreamedUploadLargerThanTheLimitIs413AndLeavesNothingBehind() throws Exception {
        byte[] content = bytes((int) uploadLimit + 20_000);
        // no length: the body comes in chunks, and the server counts what it writes
        HttpRequest request = HttpRequest.newBuilder(URI.create(files + "?path=" + mine + "/deep/er/streamed.bin"))
                .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content))).build();
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"name\":\"BODY_TOO_LARGE\"").contains("more than 65536 bytes");
        assertThat(leftovers()).isEmpty();

        // and a streamed one within the limit is written
        byte[] small = bytes(30_000);
        HttpRequest within = HttpRequest.newBuilder(URI.create(files + "?path=" + mine + "/streamed.bin"))
                .header("Authorization", "Bearer " + user.token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))).build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertThat(client.send(within, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        }
        assertThat(Files.size(directory.resolve("streamed.bin"))).isEqualTo(small.length);
    }

    @Test
    void aJsonBodyLargerThanTheRequestLimitIs413() {
        long limit = requestLimit;
        String name = "x".repeat((int) limit);
        user.request().body(Map.of("name", name)).post("/api/drafts").then().statusCode(413)
                .body("name", equalTo("BODY_TOO_LARGE"))
                .body("message", containsString("flowfile.server.request-max-bytes"));
        // an upload may be larger than a JSON body: its own limit applies (here smaller, 64 KiB)
        user.request().body(Map.of("name", "ok-" + mine)).post("/api/drafts").then().statusCode(201);
    }
}
