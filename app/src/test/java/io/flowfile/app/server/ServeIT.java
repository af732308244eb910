package io.flowfile.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.app.testing.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server started as a user starts it ({@code quarkus-run.jar serve}): the printed link
 * logs in, the sales example is built by edits through the API, run, and its events read; SIGTERM
 * stops the server cleanly.
 */
class ServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theServerPrintsALoginLinkAndRunsAFlowBuiltByEdits() throws Exception {
        Path data = dir.resolve("data");
        Api.salesData(data.resolve("files"));
        int port = ServedProcess.freePort();
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        ServedProcess served = ServedProcess.start(jar, port, data, List.of(), Map.of());
        Process server = served.process();
        String slowRunId;
        try {
            assertThat(served.base()).isEqualTo("http://127.0.0.1:" + port);
            String base = served.base();
            String token = served.token();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

            // the link logs the browser in: session and CSRF cookies, then on to the page without the token
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(served.link())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Location")).isPresent().get().asString().doesNotContain("token");
            List<String> cookies = login.headers().allValues("Set-Cookie");
            assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("flowfile_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
            String session = cookies.stream().filter(cookie -> cookie.startsWith("flowfile_session=")).findFirst().orElseThrow()
                    .split(";")[0];
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/me")).header("Cookie", session).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(me.body()).path("user").path("role").asText()).isEqualTo("admin");

            // the catalog's H2 server (AUTO_SERVER, there for the command line) listens on the loopback address only
            assertTheCatalogListensOnLoopbackOnly(data.resolve("catalog").resolve("flowfile.lock.db"), base, token);

            // the token itself works as a bearer token: build the sales example by edits and run it
            JsonNode draft = ServedProcess.call(http, base, token, "POST", "/api/drafts", Map.of("name", "sales-serve"), 201);
            String id = draft.path("id").asText();
            JsonNode edited = ServedProcess.call(http, base, token, "POST", "/api/drafts/" + id + "/edits",
                    Map.of("revision", draft.path("revision").asLong(), "edits", Api.salesEdits()), 200);
            assertThat(edited.path("problems").size()).as(edited.toString()).isZero();
            JsonNode run = ServedProcess.call(http, base, token, "POST", "/api/drafts/" + id + "/runs", Map.of(), 202);
            HttpResponse<String> events = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + run.path("id").asText() + "/events"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.body()).contains("event:succeeded").contains("\"node\":\"ranked\"").contains("event:end")
                    .contains("\"state\":\"succeeded\"");

            // a long run of a registered version is running when the server is told to stop
            JsonNode slow = ServedProcess.call(http, base, token, "POST", "/api/drafts", Map.of("name", "slow-serve"), 201);
            String slowId = slow.path("id").asText();
            ServedProcess.call(http, base, token, "POST", "/api/drafts/" + slowId + "/edits", Map.of("revision", 1, "edits", List.of(
                    Api.add("orders", "read_csv", Map.of("path", "orders.csv")),
                    Api.add("forever", "sql", Map.of("query", "SELECT sum(a.range * b.range) AS s FROM range(200000000) a, range(1000000) b")),
                    Api.connect("orders", "forever"))), 200);
            ServedProcess.call(http, base, token, "POST", "/api/drafts/" + slowId + "/register", Map.of(), 201);
            JsonNode slowRun = ServedProcess.call(http, base, token, "POST", "/api/flows/slow-serve/versions/1/runs", Map.of(), 202);
            slowRunId = slowRun.path("id").asText();
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ServedProcess.call(http, base, token, "GET", "/api/runs/" + slowRunId, null, 200).path("nodes").path("forever").path("state").asText()
                    .equals("running") && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }

            // SIGTERM: the server stops within bounds and exits cleanly, the running run recorded as cancelled
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
            assertThat(server.exitValue()).as(served.printed()).isIn(0, 143);
            // the link's token is revoked while the catalog is still open (no late use of a closed database)
            assertThat(served.printed()).doesNotContain("already closed");
        } catch (Exception | AssertionError e) {
            throw new AssertionError(e + "\nthe server printed:\n" + served.printed(), e);
        } finally {
            server.destroyForcibly();
        }
        assertThat(Files.exists(data.resolve("catalog"))).isTrue();
        List<String> catalogCommand = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        catalogCommand.addAll(List.of("catalog", "run", slowRunId, "--data-dir", data.toString()));
        Process catalog = new ProcessBuilder(catalogCommand).redirectErrorStream(true).start();
        String runs = new String(catalog.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(catalog.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).as(runs).contains("cancelled").contains("server stopped");
    }

    /**
     * The catalog is open while a transaction is (connections are not pooled), so requests keep it
     * open while the H2 server's port, named in the lock file, is looked up among the listening
     * sockets of /proc/net/tcp and tcp6: every one of them must be a loopback address.
     */
    private static void assertTheCatalogListensOnLoopbackOnly(Path lockFile, String base, String token) throws Exception {
        // A client of its own, stopped by a flag and joined: interrupting a thread inside HttpClient.send cancels
        // its exchange, and on a client shared with the test that closed the connection under the test's next
        // request (CI: "EOF reached while reading" on the following POST).
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        Thread requests = Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
                try {
                    ServedProcess.call(own, base, token, "GET", "/api/auth/me", null, 200);
                } catch (Exception | AssertionError e) {
                    return;
                }
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Optional<String> server = lockedServer(lockFile);
                if (server.isPresent()) {
                    int port = Integer.parseInt(server.get().substring(server.get().lastIndexOf(':') + 1));
                    List<String> addresses = listening(port);
                    if (!addresses.isEmpty()) {
                        assertThat(addresses).as("addresses the catalog's H2 server (port %d) listens on", port)
                                .allMatch(address -> LOOPBACK.contains(address));
                        assertThat(server.get()).as("the server the lock file names").matches("(localhost|127\\.0\\.0\\.1):\\d+");
                        return;
                    }
                }
                Thread.sleep(5);
            }
            throw new AssertionError("the catalog's H2 server was never seen listening (lock file " + lockFile + ")");
        } finally {
            stop.set(true);
            requests.join(Duration.ofSeconds(30));
        }
    }

    /** Loopback addresses as /proc/net/tcp and tcp6 write them: 127.0.0.1, ::ffff:127.0.0.1, ::1. */
    private static final java.util.Set<String> LOOPBACK = java.util.Set.of("0100007F", "0000000000000000FFFF00000100007F",
            "00000000000000000000000001000000");

    /** The H2 server the lock file names (host:port), while the database is open. */
    private static Optional<String> lockedServer(Path lockFile) {
        Properties lock = new Properties();
        try (var in = Files.newInputStream(lockFile)) {
            lock.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(lock.getProperty("server"));
    }

    /** The local addresses (hex, as /proc writes them) of the sockets listening on {@code port}. */
    private static List<String> listening(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                String local = fields[1];
                int colon = local.indexOf(':');
                if (fields[3].equals("0A") && Integer.parseInt(local.substring(colon + 1), 16) == port) {
                    addresses.add(local.substring(0, colon));
                }
            }
        }
        return addresses;
    }
}
