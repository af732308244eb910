package io.flowfile.engine.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Small files that other processes on the same data directory read: each appears whole or not at
 * all, by a rename over its name, so a reader never sees half of one.
 */
public final class JsonFiles {

    private JsonFiles() {
    }

    /** Writes {@code value} as JSON to a temporary file beside {@code target}, then renames it over {@code target}. */
    public static void writeAtomically(ObjectMapper json, Object value, Path target) throws IOException {
        Path temporary = target.resolveSibling(".tmp-" + UUID.randomUUID() + ".json");
        try {
            json.writeValue(temporary.toFile(), value);
            replace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Moves {@code from} over {@code to}: atomically where the file system can, else as a plain replacing move. */
    public static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
