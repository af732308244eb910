package io.flowfile.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged server as a benchmark drives it: started as a process on a data directory (as
 * {@code flowfile serve} does, with this JVM's flags), reached over loopback with the login token.
 */
final class BenchServer implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("Flowfile is running at (http://[^/]+)/\\?token=(\\S+)");
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final HttpClient http;
    private final String base;
    private final String token;

    private BenchServer(Process process, String base, String token) {
        this.process = process;
        this.base = base;
        this.token = token;
        // HTTP/1.1, as a browser speaks to a server without TLS (no browser upgrades to HTTP/2 without it)
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Starts {@code serve} on a free port with {@code environment} added; waits (at most 120 s) for its link. */
    static BenchServer start(Path data, Map<String, String> environment) throws Exception {
        Path jar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        if (!jar.getFileName().toString().equals("quarkus-run.jar")) {
            throw new IllegalStateException("run the benchmark through ./flowfile (the packaged application), not from " + jar);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(flag -> !flag.startsWith("-Dflowfile.")).toList());
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", Integer.toString(port), "--data-dir", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process server = builder.start();
        var reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
            Matcher matcher = LINK.matcher(line);
            if (matcher.find()) {
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        reader.lines().forEach(ignored -> {
                        });
                    } catch (java.io.UncheckedIOException closed) {
                        // the server has stopped
                    }
                });
                return new BenchServer(server, matcher.group(1), matcher.group(2));
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("the server printed no link within 120 s");
    }

    long pid() {
        return process.pid();
    }

    /** {@code method path} with {@code body} as JSON; a status of 300 or more is an exception naming it. */
    JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<String> send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows the run's events until its end event (true), or until the stream ends without one (at most 120 s). */
    boolean awaitEnd(String run) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + run + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(120)).GET()
                .build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            return response.statusCode() == 200 && lines.anyMatch(line -> line.startsWith("event:end") || line.startsWith("event: end"));
        }
    }

    /** Stops the server (SIGTERM, then at most 60 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
