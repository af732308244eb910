package io.flowfile.catalog.user;

import static io.flowfile.catalog.testing.BeforeStatement.interleave;
import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.inParallel;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogSettings;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.SecretRecord;
import io.flowfile.catalog.api.UserRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** UserSecretService against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class UserSecretServiceContract {

    @Inject
    UserSecretService secrets;

    @Inject
    UserSecretRepository rows;

    @Inject
    UserService users;

    @Inject
    CatalogSettings settings;

    private UserRecord user() {
        return users.create(unique("secret-user"), "correct horse battery", Role.USER);
    }

    private UserSecretEntity row(UUID userId, String name) {
        return QuarkusTransaction.requiringNew().call(() -> rows.find(userId, name).orElseThrow());
    }

    @Test
    void aSecretIsListedByNameOnlyAndOpensForItsUser() {
        UserRecord user = user();

        SecretRecord made = secrets.put(user.id(), "warehouse.password", "s3cr3t-ünïcode");

        assertThat(made.name()).isEqualTo("warehouse.password");
        assertThat(made.updated()).isEqualTo(made.created());
        assertThat(secrets.list(user.id())).containsExactly(made);
        assertThat(made.toString()).doesNotContain("s3cr3t");
        assertThat(secrets.reveal(user.id(), "warehouse.password")).isEqualTo("s3cr3t-ünïcode");
        // the database holds no trace of the value; the key file is the server user's only
        String stored = row(user.id(), "warehouse.password").sealed().ciphertext();
        assertThat(stored).doesNotContain("s3cr3t");
        assertThat(new String(Base64.getDecoder().decode(stored), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("s3cr3t");
        if (settings.secretsKey() == null) {
            assertThat(settings.dataDirectory().resolve(SecretCipher.KEY_FILE)).satisfies(file -> assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        }
    }

    @Test
    void settingAgainReplacesTheValueAndKeepsWhenItWasMade() throws Exception {
        UserRecord user = user();
        SecretRecord first = secrets.put(user.id(), "token", "one");
        Thread.sleep(5);

        SecretRecord second = secrets.put(user.id(), "token", "two");

        assertThat(second.created()).isEqualTo(first.created());
        assertThat(second.updated()).isAfter(first.updated());
        assertThat(secrets.reveal(user.id(), "token")).isEqualTo("two");
        assertThat(secrets.list(user.id())).hasSize(1);
    }

    @Test
    void anotherUserSeesAndOpensNoneOfThem() {
        UserRecord owner = user();
        UserRecord other = user();
        secrets.put(owner.id(), "api-key", "mine");

        assertThat(secrets.list(other.id())).isEmpty();
        assertCatalogError(() -> secrets.reveal(other.id(), "api-key"), CatalogErrorCode.SECRET_NOT_FOUND)
                .hasMessageContaining("no secret named 'api-key'");
        assertCatalogError(() -> secrets.delete(other.id(), "api-key"), CatalogErrorCode.SECRET_NOT_FOUND);
        assertThat(secrets.reveal(owner.id(), "api-key")).isEqualTo("mine");
    }

    @Test
    void aValueMovedToAnotherUserOrNameDoesNotOpen() {
        UserRecord owner = user();
        UserRecord other = user();
        secrets.put(owner.id(), "moved", "value");
        secrets.put(other.id(), "moved", "theirs");
        String ownersCiphertext = row(owner.id(), "moved").sealed().ciphertext();

        QuarkusTransaction.requiringNew().run(() -> rows.update("ciphertext = ?1 where userId = ?2 and name = ?3", ownersCiphertext, other.id(), "moved"));

        assertCatalogError(() -> secrets.reveal(other.id(), "moved"), CatalogErrorCode.SECRET_KEY_MISMATCH).hasMessageContaining("does not open");
    }

    @Test
    void aServerWithAnotherKeySaysSoByTheKeysIds() {
        UserRecord user = user();
        secrets.put(user.id(), "shared", "value");
        SecretCipher.Sealed sealed = row(user.id(), "shared").sealed();
        SecretCipher otherServer = new SecretCipher(settings.withSecretsKey(Base64.getEncoder().encodeToString(new byte[32])));

        assertCatalogError(() -> otherServer.open(user.id(), "shared", sealed), CatalogErrorCode.SECRET_KEY_MISMATCH)
                .hasMessageContaining("encrypted with secrets key " + sealed.keyId()).hasMessageContaining("same key");
        assertCatalogError(() -> new SecretCipher(settings.withSecretsKey("c2hvcnQ=")).seal(user.id(), "x", "y"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("must be 32 bytes").hasMessageContaining("was 5 bytes");
    }

    @Test
    void deletingTheSecretOrItsUserRemovesIt() {
        UserRecord user = user();
        secrets.put(user.id(), "a", "1");
        secrets.put(user.id(), "b", "2");

        secrets.delete(user.id(), "a");

        assertThat(secrets.list(user.id())).extracting(SecretRecord::name).containsExactly("b");
        assertCatalogError(() -> secrets.delete(user.id(), "a"), CatalogErrorCode.SECRET_NOT_FOUND);
        users.delete(user.username());
        assertThat(QuarkusTransaction.requiringNew().call(() -> rows.listForUser(user.id()))).isEmpty();
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrong() {
        UserRecord user = user();
        assertCatalogError(() -> secrets.put(user.id(), "has space", "v"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("name of a secret must be 1-128 letters");
        assertCatalogError(() -> secrets.put(user.id(), "../etc", "v"), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> secrets.put(user.id(), "..", "v"), CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("not dots only");
        assertCatalogError(() -> secrets.put(user.id(), "x".repeat(129), "v"), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> secrets.put(user.id(), "empty", ""), CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("is empty");
        assertCatalogError(() -> secrets.put(user.id(), "big", "x".repeat(UserSecretService.MAX_VALUE_BYTES + 1)), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("at most 65536");
        assertCatalogError(() -> secrets.put(UUID.randomUUID(), "orphan", "v"), CatalogErrorCode.USER_NOT_FOUND);
        assertThat(secrets.list(user.id())).isEmpty();
    }

    @Test
    void concurrentFirstSetsOfOneNameMakeOneSecret() throws Exception {
        UserRecord user = user();

        inParallel(4, thread -> List.of(secrets.put(user.id(), "raced", "value-" + thread)));

        assertThat(secrets.list(user.id())).hasSize(1);
        assertThat(secrets.reveal(user.id(), "raced")).startsWith("value-");
    }


    @Test
    void aSecretOfAUserDeletedAfterTheCheckIsUserNotFound() {
        UserRecord user = user();

        assertCatalogError(() -> interleave("insert into user_secrets", () -> users.delete(user.username()),
                () -> secrets.put(user.id(), "warehouse.password", "s3cr3t")), CatalogErrorCode.USER_NOT_FOUND)
                .hasMessageContaining(user.id().toString());
    }
}
