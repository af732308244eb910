package io.flowfile.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged server started as a user starts it ({@code java -jar quarkus-run.jar serve}), its output
 * collected, up to the login link it prints.
 *
 * @param link the printed login link, token included
 * @param base the server's address ({@code http://127.0.0.1:PORT})
 * @param token the link's login token
 */
record ServedProcess(Process process, StringBuilder output, String link, String base, String token) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("Flowfile is running at ((http://127\\.0\\.0\\.1:\\d+)/\\?token=(\\S+))");

    /** A free port on 127.0.0.1. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts {@code jar serve --port PORT --data-dir DATA} with the JVM flags of the system property
     * {@code serve.test.jvm.flags}, {@code jvmFlags} and {@code environment}; waits up to 90 s for the link.
     */
    static ServedProcess start(Path jar, int port, Path data, List<String> jvmFlags, Map<String, String> environment) throws IOException {
        assertThat(jar).as("the packaged app (mvn package)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("serve.test.jvm.flags", "").split(" ")).stream().filter(flag -> !flag.isBlank()).toList());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", Integer.toString(port), "--data-dir", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Matcher> link = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher matcher = LINK.matcher(line);
                    if (matcher.find()) {
                        link.complete(matcher);
                    }
                }
            } catch (IOException e) {
                link.completeExceptionally(e);
            }
            link.completeExceptionally(new AssertionError("the server ended without printing its link"));
        });
        try {
            Matcher found = link.get(90, TimeUnit.SECONDS);
            return new ServedProcess(process, output, found.group(1), found.group(2), found.group(3));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("the server on port " + port + " printed no login link:\n" + output, e);
        }
    }

    /** What the server printed so far. */
    String printed() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** {@code method path} with {@code body} as JSON and the bearer token; asserts the status, answers the JSON. */
    static JsonNode call(HttpClient http, String base, String token, String method, String path, Object body, int status)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** The status of {@code GET path} with the bearer token. */
    static int status(HttpClient http, String base, String token, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
