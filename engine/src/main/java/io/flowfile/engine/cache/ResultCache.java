package io.flowfile.engine.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowfile.node.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Results by content key, on disk under the data directory: {@code <key>.parquet} with
 * {@code <key>.json} beside it. Shared by every run in the process and across processes; files
 * appear by atomic rename, so a reader never sees half an entry. Least recently used entries are
 * evicted past a size limit.
 */
public final class ResultCache {

    /** A cached relation. */
    public record Entry(String key, Path file, long rows, Schema schema) {
    }

    /** What a sink wrote for a key: when the file is still as written, the sink need not run. */
    public record SinkRecord(String key, String target, long size, long modified, long rows) {
    }

    private record Metadata(long rows, Schema schema) {
    }

    private final Path directory;
    private final long maxBytes;
    private final ObjectMapper json = JsonMapper.builder().build();

    public ResultCache(Path directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cache directory " + directory, e);
        }
    }

    public Optional<Entry> find(String key) {
        Path data = directory.resolve(key + ".parquet");
        Path metadata = directory.resolve(key + ".json");
        if (!Files.exists(data) || !Files.exists(metadata)) {
            return Optional.empty();
        }
        try {
            Metadata read = json.readValue(metadata.toFile(), Metadata.class);
            Files.setLastModifiedTime(metadata, FileTime.from(Instant.now()));
            return Optional.of(new Entry(key, data, read.rows(), read.schema()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A fresh temporary path in the cache directory for a writer to fill before {@link #commit}. */
    public Path temporaryFile() {
        return directory.resolve(".tmp-" + UUID.randomUUID() + ".parquet");
    }

    /** Moves a completely written {@code parquet} file into the cache under {@code key}. */
    public Entry commit(String key, Path parquet, long rows, Schema schema) {
        try {
            Path data = directory.resolve(key + ".parquet");
            JsonFiles.replace(parquet, data);
            JsonFiles.writeAtomically(json, new Metadata(rows, schema), directory.resolve(key + ".json"));
            evict();
            return new Entry(key, data, rows, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache entry " + key, e);
        }
    }

    public Optional<SinkRecord> sink(String key) {
        Path record = directory.resolve(key + ".sink.json");
        if (!Files.exists(record)) {
            return Optional.empty();
        }
        try {
            SinkRecord read = json.readValue(record.toFile(), SinkRecord.class);
            Path target = Path.of(read.target());
            if (Files.exists(target) && Files.size(target) == read.size()
                    && Files.getLastModifiedTime(target).toMillis() == read.modified()) {
                return Optional.of(read);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void recordSink(String key, Path target, long rows) {
        try {
            var record = new SinkRecord(key, target.toString(), Files.size(target),
                    Files.getLastModifiedTime(target).toMillis(), rows);
            JsonFiles.writeAtomically(json, record, directory.resolve(key + ".sink.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record sink " + key, e);
        }
    }

    /** Removes the least recently used entries until the cache is under its size limit. */
    private synchronized void evict() throws IOException {
        List<Path> metadata;
        try (Stream<Path> files = Files.list(directory)) {
            metadata = files.filter(file -> file.getFileName().toString().matches("[0-9a-f]{64}\\.json")).toList();
        }
        long total = 0;
        var entries = new ArrayList<Path>();
        for (Path file : metadata) {
            Path data = sibling(file, ".parquet");
            if (Files.exists(data)) {
                total += Files.size(data);
                entries.add(file);
            }
        }
        entries.sort(Comparator.comparingLong(ResultCache::modified));
        for (Path file : entries) {
            if (total <= maxBytes) {
                break;
            }
            Path data = sibling(file, ".parquet");
            total -= Files.size(data);
            Files.deleteIfExists(file);
            Files.deleteIfExists(data);
        }
    }

    private static Path sibling(Path metadata, String suffix) {
        String name = metadata.getFileName().toString();
        return metadata.resolveSibling(name.substring(0, name.length() - ".json".length()) + suffix);
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
