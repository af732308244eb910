package io.flowfile.catalog.blob;

import static java.util.Objects.requireNonNull;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.CatalogSettings;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A content-addressed store of files on disk: a blob is named by the SHA-256 of its bytes and lives at
 * {@code <data-directory>/blobs/ab/cdef...} (the first two hex digits name the directory). Blobs are
 * written through a temporary file that is synced and then renamed into place, so a blob's path
 * either holds its complete content or nothing. Putting equal content twice stores it once and makes
 * the blob young again. The store keeps no references: the services that name blobs sweep the ones
 * nobody names any more, with {@link #deleteIfNotModifiedSince}.
 *
 * <p>Within this process, making a blob young (or moving it into place) and the sweep's last look at
 * its time before deleting it happen one at a time per blob, so a put never loses its blob to a sweep;
 * a put that finds its blob deleted by another process stores it again.
 */
@ApplicationScoped
public class BlobStore {

    private static final int BUFFER = 1 << 20;
    private static final String TEMPORARY = "tmp";

    /** A stored blob. */
    public record Entry(String sha256, long sizeBytes, Instant lastModified) {
    }

    private final Path root;
    /** One lock per first byte of the SHA-256: puts and sweeps of one blob go one at a time. */
    private final Object[] locks = new Object[256];

    public BlobStore(CatalogSettings settings) {
        this.root = requireNonNull(settings, "settings is null").dataDirectory().resolve("blobs");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Copies {@code source} into the store, checking what it copied against {@code expectedSha256} (when
     * not null) and {@code expectedSizeBytes}: a mismatch stores nothing and fails with
     * CHECKSUM_MISMATCH. Content the store already holds is not stored again; its modification time is
     * refreshed instead, which keeps it from a sweep for the grace period.
     *
     * @return the stored blob, as copied
     */
    public Entry put(Path source, String expectedSha256, long expectedSizeBytes) {
        requireNonNull(source, "source is null");
        if (expectedSha256 != null) {
            Checks.sha256(expectedSha256, "expected sha256");
        }
        Path temporary = root.resolve(TEMPORARY).resolve(UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(temporary.getParent());
            Entry copied = copy(source, temporary);
            if (expectedSha256 != null && !expectedSha256.equals(copied.sha256())) {
                throw new CatalogException(CatalogErrorCode.CHECKSUM_MISMATCH, "file " + source + " has SHA-256 " + copied.sha256()
                        + ", not the expected " + expectedSha256 + ": it changed or was damaged on the way; publish it again");
            }
            if (copied.sizeBytes() != expectedSizeBytes) {
                throw new CatalogException(CatalogErrorCode.CHECKSUM_MISMATCH, "file " + source + " has " + copied.sizeBytes()
                        + " bytes, but the publisher said " + expectedSizeBytes + ": it changed or was damaged on the way; publish it again");
            }
            install(temporary, copied.sha256());
            return copied;
        } catch (NoSuchFileException e) {
            if (e.getFile() != null && e.getFile().equals(source.toString())) {
                throw Checks.invalid("blob file " + source + " does not exist");
            }
            throw storageError("storing " + source, e);
        } catch (IOException e) {
            throw storageError("storing " + source, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** Stores {@code content} as {@link #put(Path, String, long)} stores a file, written once. */
    public Entry put(byte[] content) {
        requireNonNull(content, "content is null");
        String sha256 = Sha256.of(content);
        Path temporary = root.resolve(TEMPORARY).resolve(UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(temporary.getParent());
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            install(temporary, sha256);
            return new Entry(sha256, content.length, Instant.now());
        } catch (IOException e) {
            throw storageError("storing " + content.length + " bytes", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** Moves a complete temporary file into place as blob {@code sha256}, or refreshes the blob already there. */
    private void install(Path temporary, String sha256) throws IOException {
        Path target = path(sha256);
        Files.createDirectories(target.getParent());
        synchronized (lock(sha256)) {
            if (!refresh(target)) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /**
     * The blob's content, read once and checked against its SHA-256: BLOB_NOT_FOUND when it is not
     * stored, CHECKSUM_MISMATCH when its content no longer has its name's SHA-256. For blobs that
     * fit in memory.
     */
    public byte[] readVerified(String sha256) {
        Path path = path(sha256);
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CatalogException(CatalogErrorCode.BLOB_NOT_FOUND, "blob " + sha256 + " is missing from the blob store " + root, e);
        } catch (IOException e) {
            throw storageError("reading blob " + sha256, e);
        }
        String actual = Sha256.of(content);
        if (!actual.equals(sha256)) {
            throw new CatalogException(CatalogErrorCode.CHECKSUM_MISMATCH, "blob " + path + " is damaged: its content has SHA-256 " + actual);
        }
        return content;
    }

    /** Where the blob with this SHA-256 lives (whether or not it is stored). */
    public Path path(String sha256) {
        Checks.sha256(sha256, "sha256");
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    /**
     * The blob's path, after reading it through: BLOB_NOT_FOUND when it is not stored,
     * CHECKSUM_MISMATCH when its content no longer has its name's SHA-256.
     */
    public Path verified(String sha256) {
        Path path = path(sha256);
        String actual;
        try {
            actual = hash(path, null);
        } catch (NoSuchFileException e) {
            throw new CatalogException(CatalogErrorCode.BLOB_NOT_FOUND, "blob " + sha256 + " is missing from the blob store " + root, e);
        } catch (IOException e) {
            throw storageError("reading blob " + sha256, e);
        }
        if (!actual.equals(sha256)) {
            throw new CatalogException(CatalogErrorCode.CHECKSUM_MISMATCH, "blob " + path + " is damaged: its content has SHA-256 " + actual);
        }
        return path;
    }

    /**
     * Deletes the blob unless it was modified after {@code before}: the time is read again here, so a
     * put that refreshed it since the caller listed it keeps it. The caller knows nothing names it.
     *
     * @return whether it was deleted
     */
    public boolean deleteIfNotModifiedSince(String sha256, Instant before) {
        Path path = path(sha256);
        synchronized (lock(sha256)) {
            try {
                if (Files.getLastModifiedTime(path).toInstant().isAfter(before)) {
                    return false;
                }
                return Files.deleteIfExists(path);
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                throw storageError("deleting blob " + sha256, e);
            }
        }
    }

    /** Every stored blob. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (Stream<Path> directories = Files.list(root)) {
            for (Path directory : directories.filter(Files::isDirectory).toList()) {
                String prefix = directory.getFileName().toString();
                if (prefix.length() != 2) {
                    continue; // the temporary directory
                }
                listInto(directory, prefix, entries);
            }
        } catch (IOException e) {
            throw storageError("listing the blob store " + root, e);
        }
        return entries;
    }

    /** Deletes temporary files that interrupted writes left behind, if older than {@code age}. */
    public int deleteTemporaryFiles(Duration age) {
        Path directory = root.resolve(TEMPORARY);
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        Instant before = Instant.now().minus(age);
        int deleted = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (NoSuchFileException e) {
            // someone else cleaned up
        } catch (IOException e) {
            throw storageError("cleaning " + directory, e);
        }
        return deleted;
    }

    private static void listInto(Path directory, String prefix, List<Entry> entries) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String sha256 = prefix + file.getFileName();
                if (!Checks.SHA256.matcher(sha256).matches()) {
                    continue;
                }
                try {
                    entries.add(new Entry(sha256, Files.size(file), Files.getLastModifiedTime(file).toInstant()));
                } catch (NoSuchFileException e) {
                    // deleted while listing: it is not there
                }
            }
        } catch (NoSuchFileException e) {
            // the directory went while listing
        }
    }

    /** Makes a stored blob young again; false when it is not stored (never was, or was just swept). */
    private static boolean refresh(Path blob) throws IOException {
        try {
            Files.setLastModifiedTime(blob, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Copies, syncs and hashes in one pass. */
    private static Entry copy(Path source, Path target) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            String sha256 = hash(source, out);
            out.force(true);
            return new Entry(sha256, out.size(), Instant.now());
        }
    }

    /** Reads {@code source} to its end, writing what it reads to {@code sink} (when not null); returns its SHA-256. */
    private static String hash(Path source, FileChannel sink) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer.duplicate());
                while (sink != null && buffer.hasRemaining()) {
                    sink.write(buffer);
                }
                buffer.clear();
            }
        }
        return Sha256.hex(digest.digest());
    }

    private Object lock(String sha256) {
        return locks[Integer.parseInt(sha256, 0, 2, 16)];
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temporary file; deleteTemporaryFiles removes it later
        }
    }

    private CatalogException storageError(String action, IOException e) {
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                && fileSystem.getReason().contains("No space left")) {
            return new CatalogException(CatalogErrorCode.STORAGE_FULL, action + " failed: the disk of " + root + " is full", e);
        }
        return new CatalogException(CatalogErrorCode.STORAGE_ERROR, action + " failed in " + root + ": " + e, e);
    }
}
