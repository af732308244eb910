package io.flowfile.engine.arrow;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.InvalidArrowFileException;
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
        return write(connection, source, target, java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    /**
     * As {@link #write(Connection, String, Path)}, with the exporting statement in {@code running}
     * while it runs, so that cancelling the run cancels it.
     *
     * <p>DuckDB exports on the calling thread while a writer thread writes the batches already
     * exported: on two cores the file costs little more than the export itself.
     */
    public long write(Connection connection, String source, Path target, java.util.Set<Statement> running)
            throws SQLException, IOException {
        requireNonNull(source, "source is null");
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        long rows = 0;
        Statement statement = connection.createStatement();
        running.add(statement);
        BatchWriter writer = null;
        try (statement;
             ResultSet result = statement.executeQuery("SELECT * FROM " + source);
             ArrowReader reader = (ArrowReader) result.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, BATCH_ROWS)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            writer = new BatchWriter(root.getSchema(), temporary);
            while (reader.loadNextBatch()) {
                rows += root.getRowCount();
                writer.put(root);
            }
            writer.finish();
        } catch (SQLException | IOException | RuntimeException e) {
            if (writer != null) {
                writer.abandon(e);
            }
            Files.deleteIfExists(temporary);
            throw e;
        } finally {
            running.remove(statement);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return rows;
    }

    /**
     * Writes record batches to an Arrow IPC file on its own thread. A batch handed over moves its
     * buffers (no copy) out of the exporter's root, which is then free for the next batch; at most
     * {@value #QUEUED_BATCHES} batches wait, so a slow disk holds back the export instead of filling
     * the memory.
     */
    private final class BatchWriter {

        private static final int QUEUED_BATCHES = 4;
        private static final Object END = new Object();

        private final java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.ArrayBlockingQueue<>(QUEUED_BATCHES);
        private final java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        private final Thread thread;

        BatchWriter(org.apache.arrow.vector.types.pojo.Schema schema, Path file) {
            thread = Thread.ofPlatform().daemon().name("arrow-writer-" + file.getFileName()).start(() -> {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                } finally {
                    drain();
                }
            });
        }

        /** Hands the batch now in {@code exported} to the writer; waits while the queue is full. */
        void put(VectorSchemaRoot exported) throws IOException {
            VectorSchemaRoot batch = VectorSchemaRoot.create(exported.getSchema(), allocator);
            move(exported, batch);
            try {
                while (!queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (done.isDone()) {
                        batch.close();
                        finish(); // throws the writer's failure
                    }
                }
            } catch (InterruptedException e) {
                batch.close();
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while writing " + thread.getName());
            }
        }

        /** Waits until the file is complete, or throws what stopped it. */
        void finish() throws IOException {
            try {
                if (!done.isDone()) {
                    queue.put(END);
                }
                done.get();
            } catch (InterruptedException e) {
                abandon(e);
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while writing " + thread.getName());
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(cause);
            }
        }

        /** Stops the writer after a failure of the export and waits for it to let go of the file. */
        void abandon(Exception cause) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                cause.addSuppressed(e);
                Thread.currentThread().interrupt();
            }
            drain();
        }

        private void drain() {
            for (Object left = queue.poll(); left != null; left = queue.poll()) {
                if (left instanceof VectorSchemaRoot batch) {
                    batch.close();
                }
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
        if (!Files.isRegularFile(file)) {
            throw new IOException("no Arrow IPC file at " + file);
        }
        String stream = "arrow_" + UUID.randomUUID().toString().replace("-", "");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
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
            throw new IOException(file + " is not a complete Arrow IPC file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        allocator.close();
    }
}
