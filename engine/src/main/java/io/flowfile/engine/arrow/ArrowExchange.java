package io.flowfile.engine.arrow;

import static java.util.Objects.requireNonNull;

import io.flowfile.node.AreaFiles;
import io.flowfile.node.Sql;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.InvalidArrowFileException;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * Moves tables between DuckDB and uncompressed Arrow IPC files, the format that crosses the kernel
 * boundary: a Python kernel memory-maps what the engine writes and writes what the engine reads.
 * Files are written under a temporary name in the target's directory and renamed when complete,
 * so a reader never sees half a file. Record batches hold {@value #BATCH_ROWS} rows: Polars scans
 * a memory-mapped file batch by batch, and one huge batch would be copied whole.
 */
public final class ArrowExchange implements AutoCloseable {

    public static final int BATCH_ROWS = 100_000;

    private final BufferAllocator allocator = new RootAllocator();

    /**
     * Writes the rows of {@code source} (a table name, or any relation such as
     * {@code read_parquet('...')}) to {@code target}.
     *
     * @return the number of rows written
     */
    public long write(Connection connection, String source, Path target) throws SQLException, IOException {
        return write(connection, source, target, ConcurrentHashMap.newKeySet());
    }

    /**
     * As {@link #write(Connection, String, Path)}, with the exporting statement in {@code running}
     * while it runs, so that cancelling the run cancels it.
     *
     * <p>DuckDB exports on the calling thread while a writer thread writes the batches already
     * exported: on two cores the file costs little more than the export itself.
     */
    public long write(Connection connection, String source, Path target, Set<Statement> running)
            throws SQLException, IOException {
        try (AreaFiles files = AreaFiles.trusted(target.toAbsolutePath().getParent())) {
            return write(connection, source, files, target.getFileName().toString(), running);
        }
    }

    /**
     * As {@link #write(Connection, String, Path, Set)}, into {@code relative} of an exchange area
     * whose files the kernel may tamper with: the file is created new (never over a link) as a
     * temporary name beside it and renamed when complete, both relative to the opened area.
     */
    public long write(Connection connection, String source, AreaFiles files, String relative, Set<Statement> running)
            throws SQLException, IOException {
        requireNonNull(source, "source is null");
        int slash = relative.lastIndexOf('/');
        String temporary = relative.substring(0, slash + 1) + "." + relative.substring(slash + 1) + "." + UUID.randomUUID() + ".tmp";
        long rows = 0;
        Statement statement = connection.createStatement();
        running.add(statement);
        BatchWriter writer = null;
        try (statement;
             ResultSet result = statement.executeQuery("SELECT " + columns(connection, source) + " FROM " + source);
             ArrowReader reader = (ArrowReader) result.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, BATCH_ROWS)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            writer = new BatchWriter(root.getSchema(), files.create(temporary), relative.substring(slash + 1));
            while (reader.loadNextBatch()) {
                rows += root.getRowCount();
                writer.put(root);
            }
            writer.finish();
        } catch (SQLException | IOException | RuntimeException | Error e) {
            if (writer != null) {
                writer.abandon(e);
            }
            files.delete(temporary);
            throw e;
        } finally {
            running.remove(statement);
        }
        files.rename(temporary, relative);
        return rows;
    }

    private static final Pattern ENUM = Pattern.compile("ENUM\\((?:'(?:[^']|'')*'(?:, )?)*\\)");

    /**
     * The select list that exports {@code source}: every column as it is, but ENUM values (also
     * inside lists and structs) as VARCHAR. DuckDB exports an ENUM as a dictionary-encoded column
     * whose dictionary can differ from batch to batch, which the IPC file format cannot hold; a
     * Polars script sees the strings either way.
     */
    private static String columns(Connection connection, String source) throws SQLException {
        StringBuilder select = new StringBuilder();
        try (Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (columns.next()) {
                String name = Sql.identifier(columns.getString("column_name"));
                String type = columns.getString("column_type");
                Matcher enums = ENUM.matcher(type);
                select.append(select.isEmpty() ? "" : ", ")
                        .append(enums.find() ? "CAST(" + name + " AS " + enums.replaceAll("VARCHAR") + ") AS " + name : name);
            }
        }
        return select.isEmpty() ? "*" : select.toString();
    }

    /**
     * Writes record batches to an Arrow IPC file on its own thread. A batch handed over moves its
     * buffers (no copy) out of the exporter's root, which is then free for the next batch; at most
     * {@value #QUEUED_BATCHES} batches wait, so a slow disk holds back the export instead of filling
     * the memory.
     */
    private final class BatchWriter {

        private static final int QUEUED_BATCHES = 4;
        private static final int STOP_SECONDS = 30;
        private static final Object END = new Object();

        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Thread thread;

        /** Writes into {@code channel} (a new file), which it closes. */
        BatchWriter(Schema schema, WritableByteChannel channel, String name) {
            thread = Thread.ofPlatform().daemon().name("arrow-writer-" + name).start(() -> {
                Throwable failure = null;
                try (channel;
                     VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                     ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
                    writer.start();
                    for (Object next = queue.take(); next != END; next = queue.take()) {
                        try (VectorSchemaRoot batch = (VectorSchemaRoot) next) {
                            move(batch, root);
                            writer.writeBatch();
                        }
                    }
                    writer.end();
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    drain();
                }
                // Done only once the file, the writer's buffers and the queue are let go of.
                if (failure == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(failure);
                }
            });
        }

        /** Hands the batch now in {@code exported} to the writer; waits while the queue is full. */
        void put(VectorSchemaRoot exported) throws IOException {
            VectorSchemaRoot batch = VectorSchemaRoot.create(exported.getSchema(), allocator);
            move(exported, batch);
            enqueue(batch);
        }

        /** Waits until the file is complete (for as long as the writer lives), or throws what stopped it. */
        void finish() throws IOException {
            enqueue(END);
            try {
                while (true) {
                    try {
                        done.get(1, TimeUnit.SECONDS);
                        return;
                    } catch (TimeoutException e) {
                        if (!thread.isAlive() && !done.isDone()) {
                            throw new IOException(thread.getName() + " stopped without finishing the file");
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing " + thread.getName());
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            }
        }

        /**
         * Queues a batch (or the end) while the writer lives; a writer that stopped is reported by
         * throwing its failure instead of waiting on a queue nobody takes from. A batch that could not
         * be queued is released here; one that was is released by whoever drains the queue.
         */
        private void enqueue(Object next) throws IOException {
            boolean queued = false;
            try {
                while (!(queued = queue.offer(next, 100, TimeUnit.MILLISECONDS)) && !done.isDone()) {
                    // the writer is busy: wait for room
                }
            } catch (InterruptedException e) {
                close(next);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing " + thread.getName());
            }
            if (!queued) {
                close(next);
            }
            if (done.isCompletedExceptionally()) {
                throw failure(done.exceptionNow());
            }
        }

        private static IOException failure(Throwable cause) {
            if (cause instanceof IOException io) {
                return io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            return new IOException(cause);
        }

        /**
         * Stops the writer after a failure and waits (at most {@value #STOP_SECONDS} s) for it to let
         * go of the file and of the batches it holds.
         */
        void abandon(Throwable cause) {
            boolean interrupted = Thread.interrupted(); // restored below: the wait must not end at once
            thread.interrupt();
            try {
                if (!thread.join(Duration.ofSeconds(STOP_SECONDS))) {
                    cause.addSuppressed(new IOException(thread.getName() + " did not stop within " + STOP_SECONDS + " s"));
                }
            } catch (InterruptedException e) {
                interrupted = true;
                cause.addSuppressed(e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            drain();
        }

        private static void close(Object queued) {
            if (queued instanceof VectorSchemaRoot batch) {
                batch.close();
            }
        }

        private void drain() {
            for (Object left = queue.poll(); left != null; left = queue.poll()) {
                close(left);
            }
        }

        private static void move(VectorSchemaRoot from, VectorSchemaRoot to) {
            for (int i = 0; i < from.getFieldVectors().size(); i++) {
                from.getVector(i).makeTransferPair(to.getVector(i)).transfer();
            }
            to.setRowCount(from.getRowCount());
        }
    }

    /**
     * Creates {@code table} (a qualified, quoted name) from an Arrow IPC file.
     *
     * @return the number of rows read
     * @throws IOException naming the file when it is missing or not a complete Arrow IPC file
     */
    public long read(Connection connection, Path file, String table) throws SQLException, IOException {
        try (AreaFiles files = AreaFiles.trusted(file.toAbsolutePath().getParent())) {
            return read(connection, files, file.getFileName().toString(), table);
        }
    }

    /** As {@link #read(Connection, Path, String)}, from {@code relative} of an exchange area, opened without following links. */
    public long read(Connection connection, AreaFiles files, String relative, String table) throws SQLException, IOException {
        String stream = "arrow_" + UUID.randomUUID().toString().replace("-", "");
        SeekableByteChannel channel;
        try {
            channel = files.read(relative);
        } catch (NoSuchFileException e) {
            throw new IOException("no Arrow IPC file at " + e.getFile(), e);
        }
        try (channel;
             ArrowFileReader reader = new ArrowFileReader(channel, allocator);
             ArrowArrayStream exported = ArrowArrayStream.allocateNew(allocator)) {
            reader.getVectorSchemaRoot(); // reads the footer: fails here for a truncated or foreign file
            Data.exportArrayStream(allocator, reader, exported);
            connection.unwrap(DuckDBConnection.class).registerArrowStream(stream, exported);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + table + " AS SELECT * FROM " + stream);
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    count.next();
                    return count.getLong(1);
                }
            }
        } catch (InvalidArrowFileException e) {
            throw new IOException(relative + " is not a complete Arrow IPC file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        allocator.close();
    }
}
