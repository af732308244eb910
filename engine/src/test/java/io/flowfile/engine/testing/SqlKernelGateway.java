package io.flowfile.engine.testing;

import io.flowfile.engine.arrow.ArrowExchange;
import io.flowfile.node.KernelGateway;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A hand-written kernel plane for engine tests, standing in for Docker + ipykernel (which the app's
 * integration tests use): a "kernel" whose cells are DuckDB SQL. Each input arrives as the table
 * {@code main} (the Arrow files the engine wrote, loaded back); the last cell's query becomes the
 * published output, written as Arrow IPC the way the real {@code publish_output} does. A cell
 * {@code WAIT} blocks until the calling thread is interrupted (a cancelled run); {@code FAIL} fails
 * like a Python exception. {@code {run}} in a cell is replaced by how many runs the kernel did.
 */
public final class SqlKernelGateway implements KernelGateway {

    private final Path root;
    private final String kernel;
    private final AtomicInteger runs = new AtomicInteger();
    public final CountDownLatch waiting = new CountDownLatch(1);

    public SqlKernelGateway(Path root, String kernel) {
        this.root = root;
        this.kernel = kernel;
    }

    @Override
    public KernelStatus status(String kernelId) {
        return kernelId.equals(kernel) ? new KernelStatus(Availability.READY, "")
                : new KernelStatus(Availability.MISSING, "kernel '" + kernelId + "' does not exist");
    }

    @Override
    public ExchangeArea openExchange(String kernelId, String runId, String nodeId) throws IOException {
        ExchangeArea area = new ExchangeArea(root.resolve(runId).resolve(nodeId), "/kernel/" + runId + "/" + nodeId);
        Files.createDirectories(area.inputs());
        Files.createDirectories(area.outputs());
        return area;
    }

    @Override
    public void closeExchange(ExchangeArea area) throws IOException {
        try (Stream<Path> paths = Files.walk(area.hostDirectory())) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        Files.deleteIfExists(area.hostDirectory().getParent());
    }

    /** Whether any exchange directory is left. */
    public boolean exchangesLeft() throws IOException {
        try (Stream<Path> paths = Files.list(root)) {
            return paths.findAny().isPresent();
        }
    }

    @Override
    public void run(ScriptCall call, ScriptListener listener) throws Exception {
        int run = runs.incrementAndGet();
        try (ArrowExchange arrow = new ArrowExchange(); Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckDb.createStatement()) {
            List<String> files = call.inputs().getOrDefault("main", List.of());
            for (int i = 0; i < files.size(); i++) {
                arrow.read(duckDb, hostPath(call.area(), files.get(i)), i == 0 ? "main" : "main_" + i);
            }
            String query = null;
            for (String cell : call.cells()) {
                if (cell.equals("WAIT")) {
                    waiting.countDown();
                    Thread.sleep(Long.MAX_VALUE); // until the run is cancelled
                }
                if (cell.equals("FAIL")) {
                    throw new NodeException(NodeErrorCode.SCRIPT_FAILED, "cell raised ValueError: bad");
                }
                query = cell.replace("{run}", Integer.toString(run));
                listener.stream("stdout", "ran " + query + "\n");
            }
            statement.execute("CREATE TABLE published AS " + query);
            arrow.write(duckDb, "published", call.area().outputs().resolve("main.arrow"));
        }
    }

    private static Path hostPath(ExchangeArea area, String kernelPath) {
        return area.hostDirectory().resolve(kernelPath.substring(area.kernelDirectory().length() + 1));
    }

}
