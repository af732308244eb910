package io.flowfile.app.testing;

import static io.restassured.RestAssured.given;

import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users, tokens and requests for the REST tests (each test makes users of its own). */
public final class Api {

    public static final Path SALES = Path.of("..", "examples", "sales").toAbsolutePath().normalize();

    private final UserService users;
    private final ApiTokenService tokens;

    public Api(UserService users, ApiTokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /** A new user with a unique name and a bearer token of theirs. */
    public User user(Role role) {
        String name = (role == Role.ADMIN ? "admin-" : "user-") + UUID.randomUUID().toString().substring(0, 8);
        var record = users.create(name, "password-" + name, role);
        var token = tokens.create(record.id(), "test", Optional.empty());
        return new User(name, "password-" + name, token.secret(), record.id());
    }

    public record User(String name, String password, String token, UUID id) {
        public RequestSpecification request() {
            return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
        }

        /** Defines a kernel of this user's (1 GB, 1 core), starts it and waits until it is ready; its id. */
        public String readyKernel(String prefix) {
            String kernel = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            request().body(Map.of("id", kernel, "memoryGb", 1, "cpus", 1)).post("/api/kernels").then().statusCode(201);
            request().post("/api/kernels/" + kernel + "/start").then().statusCode(200);
            java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofMinutes(3));
            String state = "";
            while (java.time.Instant.now().isBefore(deadline) && !state.equals("READY") && !state.equals("ERROR")) {
                state = request().get("/api/kernels/" + kernel).then().extract().path("state");
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            if (!state.equals("READY")) {
                throw new AssertionError("kernel " + kernel + " is " + state + ", not READY, after 3 minutes");
            }
            return kernel;
        }
    }

    /** Copies the sales example's CSV files into the server's file root. */
    public static void salesData(Path root) {
        try {
            Files.createDirectories(root);
            for (String file : List.of("orders.csv", "regions.csv")) {
                Files.copy(SALES.resolve(file), root.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The edits that build the sales example (without its writers) on an empty draft. */
    public static List<Map<String, Object>> salesEdits() {
        return List.of(
                add("orders", "read_csv", Map.of("path", "orders.csv")),
                add("regions", "read_csv", Map.of("path", "regions.csv")),
                add("shipped", "filter", Map.of("mode", "basic", "basic", Map.of("column", "status", "operator", "equals", "value", "shipped"))),
                add("revenue", "formula", Map.of("column", "revenue", "expression", "quantity * unit_price")),
                add("with_region", "join", Map.of("how", "left", "keys", List.of(Map.of("left", "region_code", "right", "code")))),
                add("per_region", "group_by", Map.of("group_by", List.of("region", "product"), "aggregations", List.of(
                        Map.of("column", "revenue", "function", "sum", "alias", "revenue"),
                        Map.of("column", "order_id", "function", "count", "alias", "orders")))),
                add("ranked", "sort", Map.of("keys", List.of(Map.of("column", "revenue", "direction", "desc")))),
                connect("orders", "shipped"),
                connect("shipped", "revenue"),
                connect("revenue", "with_region.left"),
                connect("regions", "with_region.right"),
                connect("with_region", "per_region"),
                connect("per_region", "ranked"));
    }

    public static Map<String, Object> add(String id, String type, Map<String, Object> settings) {
        return Map.of("op", "add_node", "node", Map.of("id", id, "type", type, "settings", settings));
    }

    public static Map<String, Object> connect(String from, String to) {
        return Map.of("op", "connect", "from", from, "to", to);
    }
}
