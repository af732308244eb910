package io.flowfile.catalog.blob;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogSettings;
import io.flowfile.catalog.internal.Sha256;
import java.io.IOException;
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
        store = new BlobStore(new CatalogSettings(directory, Duration.ofHours(1)));
        temporary = directory.resolve("blobs/tmp");
    }

    private Path source(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(directory, "source", ".bin"), content);
    }

    private BlobStore.Entry put(byte[] content) throws IOException {
        return store.put(source(content), null, content.length);
    }

    private void makeOld(String sha256) throws IOException {
        Files.setLastModifiedTime(store.path(sha256), FileTime.from(Instant.now().minus(Duration.ofDays(1))));
    }

    @Test
    void putStoresTheContentUnderItsSha256AndLeavesTheSource() throws IOException {
        byte[] content = new byte[3 * (1 << 20) + 17]; // more than one copy buffer
        new Random(7).nextBytes(content);
        Path source = source(content);

        BlobStore.Entry stored = store.put(source, Sha256.of(content), content.length);

        assertThat(stored.sha256()).isEqualTo(Sha256.of(content));
        assertThat(stored.sizeBytes()).isEqualTo(content.length);
        Path path = store.path(stored.sha256());
        assertThat(path).isEqualTo(directory.resolve("blobs").resolve(stored.sha256().substring(0, 2)).resolve(stored.sha256().substring(2)));
        assertThat(Files.readAllBytes(path)).isEqualTo(content);
        assertThat(Files.readAllBytes(source)).isEqualTo(content);
        assertThat(temporary).isEmptyDirectory();
    }

    @Test
    void equalContentIsStoredOnceAndMadeYoungAgain() throws IOException {
        byte[] content = "same".getBytes(UTF_8);
        String first = put(content).sha256();
        makeOld(first);

        String second = put(content).sha256();

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
    void theExpectedChecksumAndSizeAreVerifiedAndAMismatchStoresNothing() throws IOException {
        byte[] content = "payload".getBytes(UTF_8);
        Path source = source(content);
        String wrong = Sha256.of("something else".getBytes(UTF_8));

        assertCatalogError(() -> store.put(source, wrong, content.length), CatalogErrorCode.CHECKSUM_MISMATCH)
                .hasMessageContaining("has SHA-256 " + Sha256.of(content) + ", not the expected " + wrong);
        assertCatalogError(() -> store.put(source, null, 3), CatalogErrorCode.CHECKSUM_MISMATCH)
                .hasMessageContaining("file " + source + " has 7 bytes, but the publisher said 3");
        assertThat(store.list()).isEmpty();
        assertThat(temporary).isEmptyDirectory();

        assertThat(store.put(source, Sha256.of(content), content.length).sha256()).isEqualTo(Sha256.of(content));
        assertCatalogError(() -> store.put(source, "NOT-HEX", content.length), CatalogErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void anEmptyFileIsABlobToo() throws IOException {
        String sha256 = put(new byte[0]).sha256();

        assertThat(sha256).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Files.size(store.verified(sha256))).isZero();
    }

    @Test
    void verifiedReadsTheBlobThroughAndRefusesADamagedOrMissingOne() throws IOException {
        byte[] content = "read me".getBytes(UTF_8);
        String sha256 = put(content).sha256();

        assertThat(store.verified(sha256)).isEqualTo(store.path(sha256)).hasBinaryContent(content);

        Files.writeString(store.path(sha256), "tampered");
        assertCatalogError(() -> store.verified(sha256), CatalogErrorCode.CHECKSUM_MISMATCH)
                .hasMessageContaining("is damaged: its content has SHA-256 " + Sha256.of("tampered".getBytes(UTF_8)));
        Files.delete(store.path(sha256));
        assertCatalogError(() -> store.verified(sha256), CatalogErrorCode.BLOB_NOT_FOUND).hasMessageContaining(sha256 + " is missing");
    }

    @Test
    void deleteIfNotModifiedSinceReadsTheTimeAgain() throws IOException {
        byte[] content = "bye".getBytes(UTF_8);
        String sha256 = put(content).sha256();
        makeOld(sha256);
        Instant before = Instant.now().minus(Duration.ofHours(1));
        BlobStore.Entry listed = store.list().get(0);
        assertThat(listed.lastModified()).isBefore(before); // what a sweep saw when it listed the blob

        put(content); // a publish stores the same content again after that listing

        assertThat(store.deleteIfNotModifiedSince(sha256, before)).isFalse();
        assertThat(store.path(sha256)).exists();
        makeOld(sha256);
        assertThat(store.deleteIfNotModifiedSince(sha256, before)).isTrue();
        assertThat(store.path(sha256)).doesNotExist();
        assertThat(store.deleteIfNotModifiedSince(sha256, before)).isFalse();
    }

    @Test
    void aPutAfterTheBlobWasSweptStoresItAgain() throws IOException {
        byte[] content = "swept".getBytes(UTF_8);
        String sha256 = put(content).sha256();
        makeOld(sha256);
        assertThat(store.deleteIfNotModifiedSince(sha256, Instant.now())).isTrue();

        assertThat(put(content).sha256()).isEqualTo(sha256);

        assertThat(store.verified(sha256)).hasBinaryContent(content);
    }

    @Test
    void aMissingSourceIsTheCallersError() {
        Path missing = directory.resolve("missing.bin");
        assertCatalogError(() -> store.put(missing, null, 0), CatalogErrorCode.INVALID_ARGUMENT)
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
