package io.flowfile.catalog.blob;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.internal.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store on a real file system; it needs no database. */
class BlobStoreTest {

    @TempDir
    Path directory;

    private BlobStore store;
    private Path temporary;

    @BeforeEach
    void createStore() {
        store = new BlobStore(directory.resolve("blobs"));
        temporary = directory.resolve("blobs/tmp");
    }

    private Path source(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(directory, "source", ".bin"), content);
    }

    @Test
    void putStoresTheContentUnderItsSha256AndLeavesTheSource() throws IOException {
        byte[] content = new byte[3 * (1 << 20) + 17]; // more than one copy buffer
        new Random(7).nextBytes(content);
        Path source = source(content);

        String sha256 = store.put(source);

        assertThat(sha256).isEqualTo(Sha256.of(content));
        Path stored = store.path(sha256);
        assertThat(stored).isEqualTo(directory.resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2)));
        assertThat(Files.readAllBytes(stored)).isEqualTo(content);
        assertThat(Files.readAllBytes(source)).isEqualTo(content);
        assertThat(store.contains(sha256)).isTrue();
        assertThat(temporary).isEmptyDirectory();
    }

    @Test
    void equalContentIsStoredOnce() throws IOException {
        byte[] content = "same".getBytes(UTF_8);
        String first = store.put(source(content));
        Files.setLastModifiedTime(store.path(first), FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        String second = store.put(source(content));

        assertThat(second).isEqualTo(first);
        assertThat(store.list()).singleElement().satisfies(entry -> {
            assertThat(entry.sha256()).isEqualTo(first);
            assertThat(entry.sizeBytes()).isEqualTo(4);
            // storing it again makes it young, so a sweep leaves it to the publish that is about to name it
            assertThat(entry.lastModified()).isAfter(Instant.now().minus(Duration.ofHours(1)));
        });
        assertThat(temporary).isEmptyDirectory();
    }

    @Test
    void theExpectedChecksumIsVerifiedAndAMismatchStoresNothing() throws IOException {
        byte[] content = "payload".getBytes(UTF_8);
        Path source = source(content);
        String wrong = Sha256.of("something else".getBytes(UTF_8));

        assertCatalogError(() -> store.put(source, wrong), CatalogErrorCode.CHECKSUM_MISMATCH)
                .hasMessageContaining("has SHA-256 " + Sha256.of(content) + ", not the expected " + wrong);
        assertThat(store.list()).isEmpty();
        assertThat(temporary).isEmptyDirectory();

        assertThat(store.put(source, Sha256.of(content))).isEqualTo(Sha256.of(content));
        assertCatalogError(() -> store.put(source, "NOT-HEX"), CatalogErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void anEmptyFileIsABlobToo() throws IOException {
        String sha256 = store.put(source(new byte[0]));

        assertThat(sha256).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Files.size(store.require(sha256))).isZero();
    }

    @Test
    void openReadsAndVerifiesTheContent() throws IOException {
        byte[] content = "read me".getBytes(UTF_8);
        String sha256 = store.put(source(content));

        try (InputStream in = store.open(sha256)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        store.verify(sha256);

        Files.writeString(store.path(sha256), "tampered");
        assertThatThrownBy(() -> {
            try (InputStream in = store.open(sha256)) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("is damaged: its content has SHA-256 " + Sha256.of("tampered".getBytes(UTF_8)));
        assertCatalogError(() -> store.verify(sha256), CatalogErrorCode.CHECKSUM_MISMATCH).hasMessageContaining("is damaged");
    }

    @Test
    void deleteRemovesTheBlob() throws IOException {
        String sha256 = store.put(source("bye".getBytes(UTF_8)));

        assertThat(store.delete(sha256)).isTrue();
        assertThat(store.delete(sha256)).isFalse();
        assertThat(store.contains(sha256)).isFalse();
        assertCatalogError(() -> store.require(sha256), CatalogErrorCode.BLOB_NOT_FOUND).hasMessageContaining(sha256);
        assertCatalogError(() -> store.open(sha256), CatalogErrorCode.BLOB_NOT_FOUND);
    }

    @Test
    void aMissingSourceIsTheCallersError() {
        Path missing = directory.resolve("missing.bin");
        assertCatalogError(() -> store.put(missing), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("blob file " + missing + " does not exist");
    }

    @Test
    void leftoverTemporaryFilesAreCleanedWhenOld() throws IOException {
        Files.createDirectories(temporary);
        Path old = Files.writeString(temporary.resolve("old.part"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = Files.writeString(temporary.resolve("fresh.part"), "y");

        assertThat(store.deleteTemporaryFiles(Duration.ofDays(1))).isEqualTo(1);

        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(store.list()).isEmpty();
    }
}
