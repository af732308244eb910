package io.flowfile.catalog.blob;

import static java.util.Objects.requireNonNull;

import io.flowfile.catalog.CatalogConfig;
import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * either holds its complete content or nothing. Putting equal content twice stores it once. The store
 * keeps no references: the services that name blobs sweep the ones nobody names any more.
 */
@ApplicationScoped
public class BlobStore {

    private static final int BUFFER = 1 << 20;
    private static final String TEMPORARY = "tmp";

    /** A stored blob. */
    public record Entry(String sha256, long sizeBytes, Instant lastModified) {
    }

    private final Path root;

    @Inject
    public BlobStore(CatalogConfig config) {
        this(config.dataDirectory().resolve("blobs"));
    }

    /** A store rooted at {@code root} (created when first written). */
    public BlobStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /** Copies {@code source} into the store (the source stays) and returns its SHA-256. */
    public String put(Path source) {
        return put(source, null);
    }

    /**
     * Copies {@code source} into the store, checking its content against {@code expectedSha256} (when
     * not null) as it copies: a mismatch stores nothing and fails with CHECKSUM_MISMATCH. Content the
     * store already holds is not stored again (its modification time is refreshed instead, which keeps
     * it from a sweep for the grace period).
     *
     * @return the SHA-256 of the content
     */
    public String put(Path source, String expectedSha256) {
        requireNonNull(source, "source is null");
        if (expectedSha256 != null) {
            Checks.sha256(expectedSha256, "expected sha256");
        }
        Path temporary = root.resolve(TEMPORARY).resolve(UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(temporary.getParent());
            String sha256 = copy(source, temporary);
            if (expectedSha256 != null && !expectedSha256.equals(sha256)) {
                throw new CatalogException(CatalogErrorCode.CHECKSUM_MISMATCH, "file " + source + " has SHA-256 " + sha256
                        + ", not the expected " + expectedSha256 + ": it changed or was damaged on the way; publish it again");
            }
            Path target = path(sha256);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            } else {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return sha256;
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

    /** Where the blob with this SHA-256 lives (whether or not it is stored). */
    public Path path(String sha256) {
        Checks.sha256(sha256, "sha256");
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    public boolean contains(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /** The blob's path; BLOB_NOT_FOUND when it is not stored. */
    public Path require(String sha256) {
        Path path = path(sha256);
        if (!Files.isRegularFile(path)) {
            throw new CatalogException(CatalogErrorCode.BLOB_NOT_FOUND, "blob " + sha256 + " is missing from the blob store " + root);
        }
        return path;
    }

    /**
     * Opens the blob for reading. The stream checks the content against its name as it reads: reading to
     * the end of a damaged blob fails with an IOException that says so.
     */
    public InputStream open(String sha256) {
        Path path = require(sha256);
        try {
            return new VerifyingInputStream(Files.newInputStream(path), sha256, path);
        } catch (IOException e) {
            throw storageError("opening blob " + sha256, e);
        }
    }

    /** Reads the whole blob again; CHECKSUM_MISMATCH when its content no longer has its name's SHA-256. */
    public void verify(String sha256) {
        Path path = require(sha256);
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(path)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw storageError("reading blob " + sha256, e);
        }
        String actual = Sha256.hex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new CatalogException(CatalogErrorCode.CHECKSUM_MISMATCH, "blob " + path + " is damaged: its content has SHA-256 " + actual);
        }
    }

    /** Deletes the blob; the caller knows nothing names it. Returns whether it was there. */
    public boolean delete(String sha256) {
        try {
            return Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw storageError("deleting blob " + sha256, e);
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
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        String sha256 = prefix + file.getFileName();
                        if (Checks.SHA256.matcher(sha256).matches()) {
                            entries.add(new Entry(sha256, Files.size(file), Files.getLastModifiedTime(file).toInstant()));
                        }
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // a blob or directory went while listing: it is not there
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

    /** Copies, syncs and hashes in one pass. */
    private static String copy(Path source, Path target) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
            out.force(true);
        }
        return Sha256.hex(digest.digest());
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

    /** Checks the content against the blob's name when the reader reaches the end. */
    private static final class VerifyingInputStream extends FilterInputStream {

        private final MessageDigest digest = Sha256.newDigest();
        private final String sha256;
        private final Path path;
        private boolean checked;

        VerifyingInputStream(InputStream in, String sha256, Path path) {
            super(in);
            this.sha256 = sha256;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value < 0) {
                check();
            } else {
                digest.update((byte) value);
            }
            return value;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = super.read(bytes, offset, length);
            if (read < 0) {
                check();
            } else {
                digest.update(bytes, offset, read);
            }
            return read;
        }

        @Override
        public long skip(long count) throws IOException {
            byte[] buffer = new byte[(int) Math.min(count, 8192)];
            long skipped = 0;
            while (skipped < count) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void check() throws IOException {
            if (checked) {
                return;
            }
            checked = true;
            String actual = Sha256.hex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new IOException("blob " + path + " is damaged: its content has SHA-256 " + actual);
            }
        }
    }
}
