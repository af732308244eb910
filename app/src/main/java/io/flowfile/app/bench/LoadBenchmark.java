package io.flowfile.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowfile.app.service.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * {@code flowfile bench load}: one server under sustained load. Starts the packaged server, defines
 * and starts K kernels, then keeps N runs in flight for the given time: half of the clients run a
 * Python Script flow on their own kernel (client i on kernel i mod K), the others a SQL flow, each
 * followed to its end event. Counts runs that did not end or did not succeed ("lost"), kernels not
 * READY at the end ("stuck"), and samples the server's heap (its own metrics) and resident memory
 * (/proc) every 15 s; after warm-up, the first and the last minute's lowest heap (nearest the live
 * set: used heap saw-tooths between collections) and median resident memory are compared.
 */
@Command(name = "load", description = "One server under sustained load: N concurrent runs (half Python on K kernels) for M minutes; lost runs, stuck kernels, heap and resident memory over time.")
public final class LoadBenchmark implements Callable<Integer> {

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);

    @Option(names = "--runs", defaultValue = "50", description = "Runs in flight at once (default: 50).")
    int runs;

    @Option(names = "--kernels", defaultValue = "25", description = "Kernels the Python runs use (default: 25).")
    int kernels;

    @Option(names = "--minutes", defaultValue = "10", description = "How long the load lasts (default: 10).")
    int minutes;

    @Option(names = "--warm-up-minutes", defaultValue = "2", description = "Minutes left out of the memory comparison (default: 2).")
    int warmUp;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private record Sample(long at, double heapMb, double residentMb) {}

    @Override
    public Integer call() throws Exception {
        if (runs < 2 || runs > 200 || kernels < 1 || kernels > 50 || minutes < 1 || minutes > 60 || warmUp < 0 || warmUp >= minutes) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be 2-200, --kernels 1-50, --minutes 1-60, "
                    + "--warm-up-minutes 0 to less than --minutes");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path data = Files.createTempDirectory("flowfile-bench-load-");
        out.printf("Load benchmark: %d runs in flight (half Python on %d kernels) for %d min, %d cores%n", runs, kernels, minutes,
                Runtime.getRuntime().availableProcessors());
        out.flush();
        try (BenchServer server = BenchServer.start(data, Map.of())) {
            List<String> ids = startKernels(server, out);
            String sql = draft(server, "load-sql", List.of(rows(1000),
                    edit("add_node", Map.of("id", "agg", "type", "sql", "settings", Map.of("query",
                            "SELECT x % 10 AS k, count(*) AS n, sum(x) AS s FROM main GROUP BY 1 ORDER BY 1"))),
                    connect("rows", "agg")));
            List<String> python = new ArrayList<>();
            for (String kernel : ids) {
                python.add(draft(server, "load-py-" + kernel, List.of(rows(1000),
                        edit("add_node", Map.of("id", "py", "type", "python_script", "settings", Map.of("kernel_id", kernel,
                                "cells", List.of("import polars as pl\nframe = flowfile.read_input().collect()\n"
                                        + "flowfile.publish_output(frame.with_columns(pl.col('x') * 2))"),
                                "output_schemas", Map.of("main", Map.of("x", "BIGINT"))))),
                        connect("rows", "py"))));
            }
            AtomicInteger succeeded = new AtomicInteger();
            List<String> lost = Collections.synchronizedList(new ArrayList<>());
            List<Double> pythonMillis = Collections.synchronizedList(new ArrayList<>());
            List<Double> sqlMillis = Collections.synchronizedList(new ArrayList<>());
            List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            long end = start + TimeUnit.MINUTES.toNanos(minutes);
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                boolean isPython = i % 2 == 0;
                String draft = isPython ? python.get((i / 2) % python.size()) : sql;
                List<Double> millis = isPython ? pythonMillis : sqlMillis;
                work.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        String run = null;
                        try {
                            run = server.call("POST", "/api/drafts/" + draft + "/runs", Map.of()).path("id").asText();
                            boolean ended = server.awaitEnd(run);
                            String state = server.call("GET", "/api/runs/" + run, null).path("state").asText();
                            if (ended && state.equals("SUCCEEDED")) {
                                succeeded.incrementAndGet();
                                millis.add((System.nanoTime() - began) / 1e6);
                            } else {
                                lost.add(run + " " + state);
                            }
                        } catch (IOException | RuntimeException e) {
                            lost.add(run + " " + e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            while (System.nanoTime() < end) {
                samples.add(sample(server, start));
                Thread.sleep(Math.max(0, Math.min(15_000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            }
            for (Future<?> future : work) {
                future.get(5, TimeUnit.MINUTES);
            }
            clients.shutdown();
            samples.add(sample(server, start));
            List<String> stuck = new ArrayList<>();
            for (JsonNode kernel : server.call("GET", "/api/kernels", null)) {
                if (ids.contains(kernel.path("id").asText()) && !kernel.path("state").asText().equals("READY")) {
                    stuck.add(kernel.path("id").asText() + " " + kernel.path("state").asText() + " " + kernel.path("reason").asText());
                }
            }
            report(out, succeeded.get(), lost, stuck, pythonMillis, sqlMillis, samples);
            for (String kernel : ids) {
                server.call("POST", "/api/kernels/" + kernel + "/stop", Map.of());
            }
        } finally {
            FileTrees.delete(data);
        }
        return 0;
    }

    private List<String> startKernels(BenchServer server, PrintWriter out) throws Exception {
        List<String> ids = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 1; i <= kernels; i++) {
            String id = String.format(Locale.ROOT, "load-%02d", i);
            server.call("POST", "/api/kernels", Map.of("id", id, "memoryGb", 0.5, "cpus", 0.5));
            server.call("POST", "/api/kernels/" + id + "/start", Map.of());
            ids.add(id);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            long ready = 0;
            for (JsonNode kernel : server.call("GET", "/api/kernels", null)) {
                ready += ids.contains(kernel.path("id").asText()) && kernel.path("state").asText().equals("READY") ? 1 : 0;
            }
            if (ready == ids.size()) {
                out.printf("  %d kernels ready in %.1f s%n", ids.size(), (System.nanoTime() - began) / 1e9);
                out.flush();
                return ids;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the kernels were not all ready within 5 min");
    }

    private Sample sample(BenchServer server, long start) throws IOException, InterruptedException {
        String metrics = server.send("GET", "/q/metrics", null).body();
        double heap = 0;
        Matcher matcher = HEAP.matcher(metrics);
        while (matcher.find()) {
            heap += Double.parseDouble(matcher.group(1));
        }
        double resident = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                resident = Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return new Sample(System.nanoTime() - start, heap / 1048576, resident);
    }

    private void report(PrintWriter out, int succeeded, List<String> lost, List<String> stuck, List<Double> python, List<Double> sql,
                        List<Sample> samples) {
        out.printf("%nRuns: %d succeeded (%.1f/s), %d lost; kernels stuck: %d%n", succeeded, succeeded / (minutes * 60.0), lost.size(),
                stuck.size());
        lost.stream().limit(10).forEach(run -> out.println("  lost: " + run));
        stuck.forEach(kernel -> out.println("  stuck: " + kernel));
        out.printf("  Python run (request -> end event): median %.0f ms, p99 %.0f ms; SQL run: median %.0f ms, p99 %.0f ms%n",
                Stats.median(python), Stats.percentile(python, 0.99), Stats.median(sql), Stats.percentile(sql, 0.99));
        out.println("  memory of the server per minute (heap used from its metrics, sampled every 15 s; resident: median, from /proc):");
        double firstHeap = -1;
        double firstResident = -1;
        double lastHeap = 0;
        double lastResident = 0;
        for (int minute = 0; minute <= minutes; minute++) {
            long from = TimeUnit.MINUTES.toNanos(minute);
            long to = TimeUnit.MINUTES.toNanos(minute + 1);
            List<Double> heap = samples.stream().filter(s -> s.at() >= from && s.at() < to).map(Sample::heapMb).toList();
            List<Double> resident = samples.stream().filter(s -> s.at() >= from && s.at() < to).map(Sample::residentMb).toList();
            if (heap.isEmpty()) {
                continue;
            }
            // heap used saw-tooths between collections: its lowest sample in a minute is nearest the live set
            double heapMedian = heap.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double residentMedian = Stats.median(new ArrayList<>(resident));
            out.printf("    minute %2d: heap %6.0f MB (lowest; highest %4.0f MB), resident %6.0f MB%s%n", minute + 1, heapMedian,
                    heap.stream().mapToDouble(Double::doubleValue).max().orElse(0), residentMedian, minute < warmUp ? "  (warm-up)" : "");
            if (minute >= warmUp) {
                if (firstHeap < 0) {
                    firstHeap = heapMedian;
                    firstResident = residentMedian;
                }
                lastHeap = heapMedian;
                lastResident = residentMedian;
            }
        }
        out.printf("  after warm-up: heap %.0f -> %.0f MB (ratio %.2f), resident %.0f -> %.0f MB (ratio %.2f)%n", firstHeap, lastHeap,
                lastHeap / firstHeap, firstResident, lastResident, lastResident / firstResident);
        out.flush();
    }

    private static String draft(BenchServer server, String name, List<Map<String, Object>> edits) throws IOException, InterruptedException {
        JsonNode draft = server.call("POST", "/api/drafts", Map.of("name", name));
        JsonNode edited = server.call("POST", "/api/drafts/" + draft.path("id").asText() + "/edits",
                Map.of("revision", draft.path("revision").asLong(), "edits", edits));
        if (!edited.path("problems").isEmpty()) {
            throw new IllegalStateException("the benchmark's flow " + name + " has problems: " + edited.path("problems"));
        }
        return draft.path("id").asText();
    }

    private static Map<String, Object> rows(int count) {
        List<List<Integer>> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(List.of(i));
        }
        return edit("add_node", Map.of("id", "rows", "type", "manual_input", "settings",
                Map.of("columns", List.of(Map.of("name", "x", "type", "BIGINT")), "rows", values)));
    }

    private static Map<String, Object> edit(String op, Map<String, Object> node) {
        return Map.of("op", op, "node", node);
    }

    private static Map<String, Object> connect(String from, String to) {
        return Map.of("op", "connect", "from", from, "to", to);
    }
}
