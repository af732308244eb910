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
     */
    public long write(Connection connection, String source, Path target, java.util.Set<Statement> running)
            throws SQLException, IOException {
        requireNonNull(source, "source is null");
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        long rows = 0;
        Statement statement = connection.createStatement();
        running.add(statement);
        try (statement;
             ResultSet result = statement.executeQuery("SELECT * FROM " + source);
             ArrowReader reader = (ArrowReader) result.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, BATCH_ROWS);
             FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            try (ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
                writer.start();
                while (reader.loadNextBatch()) {
                    rows += root.getRowCount();
                    writer.writeBatch();
                }
                writer.end();
            }
        } catch (SQLException | IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        } finally {
            running.remove(statement);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return rows;
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
