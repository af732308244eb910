package io.flowfile.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowfile.app.service.FileTrees;
import io.flowfile.engine.flow.FlowCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flowfile bench server}: the server under load. Starts the packaged server as a process on
 * a fresh data directory (as {@code flowfile serve} does), then (1) N concurrent clients for a fixed
 * time, each cycling through an edit of its own 100-node draft, a preview of 100 rows of the sales
 * example and a run of the sales example followed to its end event; p50/p99 per kind, runs/s, and
 * runs lost or stuck; (2) a run's overhead through the server: request to end event minus the run's
 * own time in the engine, over sequential runs with nothing else going on.
 */
@Command(name = "server", description = "The server under load: edits, previews and runs by concurrent clients; a run's overhead through HTTP and events.")
public final class ServerBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = BenchServer.JSON;
    /** The sales example of the checkout this application was built from (found from where the jar is). */
    private static final Path SALES = salesExample();

    @Option(names = "--clients", defaultValue = "50", description = "Concurrent clients (default: 50).")
    int clients;

    @Option(names = "--seconds", defaultValue = "60", description = "How long the clients run (default: 60).")
    int seconds;

    @Option(names = "--overhead-runs", defaultValue = "100", description = "Sequential runs for the overhead (default: 100).")
    int overheadRuns;

    @Option(names = "--draft-nodes", defaultValue = "100", description = "Nodes of each client's draft (default: 100).")
    int draftNodes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private BenchServer server;

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || clients > 500 || seconds < 1 || seconds > 3600 || overheadRuns < 1 || overheadRuns > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--clients must be 1-500, --seconds 1-3600, --overhead-runs 1-10000");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path data = Files.createTempDirectory("flowfile-bench-server-");
        Files.createDirectories(data.resolve("files"));
        for (String file : List.of("orders.csv", "regions.csv")) {
            Files.copy(SALES.resolve(file), data.resolve("files").resolve(file));
        }
        out.printf("Server benchmark: %d clients for %d s, then %d sequential runs (%d cores)%n", clients, seconds, overheadRuns,
                Runtime.getRuntime().availableProcessors());
        out.flush();
        try {
            // as configured (runs at a lower CPU priority than requests), then side by side with runs at the same priority
            for (String nice : List.of("10", "0")) {
                out.printf("%n== flowfile.server.run-nice=%s%s ==%n", nice, nice.equals("10") ? " (the default)" : " (runs at the requests' priority)");
                out.flush();
                server = BenchServer.start(data.resolve("run-nice-" + nice), Map.of("FLOWFILE_SERVER_RUN_NICE", nice,
                        "FLOWFILE_SERVER_FILE_ROOTS", data.resolve("files").toString()));
                try {
                    String sales = salesDraft();
                    // the floor first: one client alone, so each request's own cost is seen beside its cost under load
                    load(out, sales, 1, Math.min(15, seconds));
                    load(out, sales, clients, seconds);
                    if (nice.equals("10")) {
                        overhead(out, sales);
                    }
                } finally {
                    server.close();
                }
            }
        } finally {
            FileTrees.delete(data);
        }
        return 0;
    }

    // --- the load ---------------------------------------------------------------------------------

    private record Sample(String kind, double millis, boolean ok) {
    }

    private void load(PrintWriter out, String sales, int clients, int seconds) throws Exception {
        List<String> drafts = new ArrayList<>();
        String document = new FlowCodec().write(GeneratedFlow.of(draftNodes), io.flowfile.engine.flow.FlowFormat.JSON);
        for (int client = 0; client < clients; client++) {
            drafts.add(server.call("POST", "/api/drafts", Map.of("document", JSON.readTree(document))).path("id").asText());
        }
        String formula = GeneratedFlow.of(draftNodes).nodes().stream().filter(node -> node.type().equals("formula")).findFirst()
                .orElseThrow().id();
        // warm-up: one of each, so the first requests do not time the JIT
        for (int round = 0; round < 3; round++) {
            server.call("POST", "/api/drafts/" + sales + "/preview", Map.of("node", "ranked", "limit", 100));
            runToEnd(sales);
        }
        List<Sample> samples = new CopyOnWriteArrayList<>();
        Map<String, Boolean> started = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> work = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            String draft = drafts.get(client);
            int first = client % 3;
            work.add(pool.submit(() -> {
                long revision = 1;
                int step = first;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        switch (step % 3) {
                            case 0 -> {
                                JsonNode answer = server.call("POST", "/api/drafts/" + draft + "/edits", Map.of("revision", revision, "edits", List.of(
                                        Map.of("op", "update_settings", "node", formula,
                                                "settings", Map.of("column", "scaled", "expression", "amount * " + (step + 2) + " + id")))));
                                revision = answer.path("revision").asLong();
                                samples.add(new Sample("edit", Stats.millis(start), true));
                            }
                            case 1 -> {
                                server.call("POST", "/api/drafts/" + sales + "/preview", Map.of("node", "ranked", "limit", 100));
                                samples.add(new Sample("preview", Stats.millis(start), true));
                            }
                            default -> {
                                String run = server.call("POST", "/api/drafts/" + sales + "/runs", Map.of()).path("id").asText();
                                started.put(run, false);
                                boolean ended = server.awaitEnd(run);
                                started.put(run, ended);
                                samples.add(new Sample("run", Stats.millis(start), ended));
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    step++;
                }
            }));
        }
        for (Future<?> future : work) {
            future.get(seconds + 180L, TimeUnit.SECONDS);
        }
        pool.shutdown();
        int stuck = 0;
        for (String run : started.keySet()) {
            HttpResponse<String> response = server.send("GET", "/api/runs/" + run, null);
            if (response.statusCode() == 404) {
                continue; // only finished runs are let go (the server keeps the last finished-runs of them)
            }
            JsonNode detail = JSON.readTree(response.body());
            if (detail.path("finished").isMissingNode() || detail.path("finished").isNull()) {
                stuck++;
            }
        }
        long lost = started.values().stream().filter(ended -> !ended).count();
        out.printf("%nLoad: %d clients for %d s (each cycles edit -> preview -> run)%n", clients, seconds);
        out.printf("  %-8s %8s %10s %10s %10s%n", "request", "count", "p50 ms", "p99 ms", "max ms");
        for (String kind : List.of("edit", "preview", "run")) {
            List<Double> times = samples.stream().filter(sample -> sample.kind().equals(kind)).map(Sample::millis).toList();
            if (times.isEmpty()) {
                continue;
            }
            out.printf("  %-8s %8d %10.1f %10.1f %10.1f%n", kind, times.size(), Stats.median(times), Stats.percentile(times, 0.99),
                    Collections.max(times));
        }
        long runs = samples.stream().filter(sample -> sample.kind().equals("run")).count();
        out.printf("  runs/s %.1f; runs lost (no end event) %d; stuck (not finished after the load) %d; failed requests %d%n",
                runs / (double) seconds, lost, stuck, failures.get());
        out.flush();
    }

    // --- a run's overhead ---------------------------------------------------------------------------

    private void overhead(PrintWriter out, String sales) throws Exception {
        List<Double> total = new ArrayList<>();
        List<Double> engine = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            runToEnd(sales);
        }
        for (int round = 0; round < overheadRuns; round++) {
            long start = System.nanoTime();
            String run = runToEnd(sales);
            double millis = Stats.millis(start);
            double own = server.call("GET", "/api/runs/" + run, null).path("durationMillis").asDouble();
            total.add(millis);
            engine.add(own);
            overhead.add(millis - own);
        }
        out.printf("%nA run's overhead through the server (sales example, %d sequential runs, medians):%n", overheadRuns);
        out.printf("  request -> end event %.1f ms; the run in the engine %.1f ms; overhead %.1f ms (p99 %.1f ms)%n",
                Stats.median(total), Stats.median(engine), Stats.median(overhead), Stats.percentile(overhead, 0.99));
        out.flush();
    }

    private String runToEnd(String draft) throws IOException, InterruptedException {
        String run = server.call("POST", "/api/drafts/" + draft + "/runs", Map.of()).path("id").asText();
        if (!server.awaitEnd(run)) {
            throw new IllegalStateException("run " + run + " sent no end event");
        }
        return run;
    }

    private String salesDraft() throws IOException, InterruptedException {
        String yaml = Files.readString(SALES.resolve("sales-report.yaml"));
        String draft = server.call("POST", "/api/drafts", Map.of("document", yaml, "format", "yaml")).path("id").asText();
        JsonNode view = server.call("GET", "/api/drafts/" + draft, null);
        // the writers go: a run of the benchmark keeps nothing
        server.call("POST", "/api/drafts/" + draft + "/edits", Map.of("revision", view.path("revision").asLong(), "edits",
                List.of(Map.of("op", "remove_nodes", "nodes", List.of("report", "report_parquet")))));
        return draft;
    }

    private static Path salesExample() {
        Path jar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        for (Path directory = jar.getParent(); directory != null; directory = directory.getParent()) {
            if (Files.isDirectory(directory.resolve("examples/sales"))) {
                return directory.resolve("examples/sales");
            }
        }
        return Path.of("examples", "sales").toAbsolutePath();
    }
}
