package io.flowfile.catalog.user;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.assertInvalidArguments;
import static io.flowfile.catalog.testing.CatalogAssertions.inParallel;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.CreatedToken;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.testing.TestSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** UserService against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class UserServiceContract {

    static final String PASSWORD = "correct horse battery";

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    SessionService sessions;

    @Inject
    UserRepository userRows;

    @Test
    void createAndReadBack() {
        String name = unique("ada");
        long before = users.count();

        UserRecord created = users.create(name, PASSWORD, Role.ADMIN);

        assertThat(created.username()).isEqualTo(name);
        assertThat(created.role()).isEqualTo(Role.ADMIN);
        assertThat(users.get(name)).isEqualTo(created);
        assertThat(users.find(name)).contains(created);
        assertThat(users.find(created.id())).contains(created);
        assertThat(users.find(UUID.randomUUID())).isEmpty();
        assertThat(users.find(unique("nobody"))).isEmpty();
        assertThat(users.count()).isEqualTo(before + 1);
        assertThat(users.list()).contains(created).extracting(UserRecord::username).isSorted();
        assertThat(users.list()).hasSize((int) users.count());
    }

    @Test
    void usernamesMayHoldLettersDigitsAndSomePunctuation() {
        String name = "Grace.Hopper_1906-" + UUID.randomUUID().toString().substring(0, 8) + "@navy";

        assertThat(users.create(name, PASSWORD, Role.USER).username()).isEqualTo(name);
        assertThat(users.authenticate(name, PASSWORD)).isPresent();
    }

    @Test
    void thePasswordIsKeptAsABcryptHashOfTheConfiguredCost() {
        String name = unique("hashed");
        users.create(name, PASSWORD, Role.USER);

        String hash = QuarkusTransaction.requiringNew().call(() -> userRows.findByUsername(name).orElseThrow().passwordHash());

        assertThat(hash).startsWith("$2y$0" + TestSettings.PASSWORD_HASH_COST + "$").doesNotContain(PASSWORD);
    }

    @Test
    void aTakenUsernameIsUserExists() {
        String name = unique("taken");
        users.create(name, PASSWORD, Role.USER);

        assertCatalogError(() -> users.create(name, "another password", Role.ADMIN), CatalogErrorCode.USER_EXISTS)
                .hasMessageContaining("a user named '" + name + "' exists already");
        assertThat(users.get(name).role()).isEqualTo(Role.USER);
        assertThat(users.authenticate(name, PASSWORD)).isPresent();
    }

    @Test
    void usernamesAreCaseSensitive() {
        String name = unique("case");
        users.create(name, PASSWORD, Role.USER);

        UserRecord upper = users.create(name.toUpperCase(), PASSWORD, Role.USER);

        assertThat(users.get(name.toUpperCase())).isEqualTo(upper);
        assertThat(users.get(name).id()).isNotEqualTo(upper.id());
    }

    @Test
    void ofConcurrentCreationsOfOneNameExactlyOneSucceeds() throws Exception {
        String name = unique("raced");
        int threads = 4;

        List<Object> outcomes = inParallel(threads, thread -> {
            try {
                return List.of(users.create(name, PASSWORD + thread, Role.USER));
            } catch (CatalogException e) {
                return List.of(e.code());
            }
        });

        List<UserRecord> created = new ArrayList<>();
        outcomes.forEach(outcome -> {
            if (outcome instanceof UserRecord user) {
                created.add(user);
            } else {
                assertThat(outcome).isEqualTo(CatalogErrorCode.USER_EXISTS);
            }
        });
        assertThat(created).hasSize(1);
        assertThat(users.get(name)).isEqualTo(created.get(0));
        assertThat(users.list()).extracting(UserRecord::username).containsOnlyOnce(name);
    }

    @Test
    void aCreationThatOnlyTheInsertFindsTakenIsUserExists() throws Exception {
        String name = unique("insert-race");
        CountDownLatch inserted = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // the first creation has inserted its row but not committed: the second does not see it
            // before inserting, and its insert waits for the first to commit, then violates the key
            Future<UserRecord> first = other.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                UserRecord user = users.create(name, PASSWORD, Role.USER);
                inserted.countDown();
                Thread.sleep(500);
                return user;
            }));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();

            assertCatalogError(() -> users.create(name, PASSWORD, Role.ADMIN), CatalogErrorCode.USER_EXISTS)
                    .hasMessageContaining("a user named '" + name + "' exists already")
                    .satisfies(e -> assertThat(Conflicts.isUniqueViolation(e)).as("failed at the insert").isTrue());
            assertThat(users.get(name)).isEqualTo(first.get(30, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void authenticateNeedsTheRightPasswordOfAnExistingUser() {
        String name = unique("login");
        UserRecord user = users.create(name, PASSWORD, Role.USER);

        assertThat(users.authenticate(name, PASSWORD)).contains(user);
        assertThat(users.authenticate(name, "correct horse batterY")).isEmpty();
        assertThat(users.authenticate(name, "")).isEmpty();
        assertThat(users.authenticate(name.toUpperCase(), PASSWORD)).isEmpty();
        assertThat(users.authenticate(unique("nobody"), PASSWORD)).isEmpty();
        assertThat(users.authenticate("not a username!", PASSWORD)).isEmpty();
        assertThat(users.authenticate(name, "x".repeat(UserService.MAX_PASSWORD + 1))).isEmpty();
        assertCatalogError(() -> users.authenticate(null, PASSWORD), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> users.authenticate(name, null), CatalogErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void everyCharacterOfALongPasswordCounts() {
        String name = unique("long");
        String password = "p".repeat(UserService.MAX_PASSWORD - 1) + "a";
        users.create(name, password, Role.USER);

        assertThat(users.authenticate(name, password)).isPresent();
        assertThat(users.authenticate(name, "p".repeat(UserService.MAX_PASSWORD - 1) + "b")).isEmpty();
    }

    @Test
    void setPasswordReplacesThePassword() {
        String name = unique("changes");
        UserRecord user = users.create(name, PASSWORD, Role.USER);
        String session = sessions.create(user.id(), java.time.Duration.ofHours(1)).secret();

        users.setPassword(name, "a new password");

        assertThat(sessions.authenticate(session)).as("a password change ends the user's sessions").isEmpty();
        assertThat(users.authenticate(name, PASSWORD)).isEmpty();
        assertThat(users.authenticate(name, "a new password")).contains(user);
        assertCatalogError(() -> users.setPassword(unique("nobody"), "a new password"), CatalogErrorCode.USER_NOT_FOUND);
        assertCatalogError(() -> users.setPassword(name, "short"), CatalogErrorCode.INVALID_ARGUMENT);
        assertThat(users.authenticate(name, "a new password")).contains(user);
    }

    @Test
    void deleteRemovesTheUserWithItsTokensAndSessions() {
        String name = unique("leaves");
        UserRecord user = users.create(name, PASSWORD, Role.USER);
        UserRecord other = users.create(unique("stays"), PASSWORD, Role.USER);
        CreatedToken token = tokens.create(user.id(), "ci", Optional.empty());
        CreatedToken otherToken = tokens.create(other.id(), "ci", Optional.empty());
        String session = sessions.create(user.id(), Duration.ofHours(1)).secret();
        String otherSession = sessions.create(other.id(), Duration.ofHours(1)).secret();

        users.delete(name);

        assertThat(users.find(name)).isEmpty();
        assertThat(users.find(user.id())).isEmpty();
        assertThat(users.authenticate(name, PASSWORD)).isEmpty();
        assertThat(tokens.authenticate(token.secret())).isEmpty();
        assertThat(sessions.authenticate(session)).isEmpty();
        assertThat(tokens.authenticate(otherToken.secret())).contains(other);
        assertThat(sessions.authenticate(otherSession)).isPresent();
        assertCatalogError(() -> users.get(name), CatalogErrorCode.USER_NOT_FOUND)
                .hasMessageContaining("no user is named '" + name + "'");
        assertCatalogError(() -> users.delete(name), CatalogErrorCode.USER_NOT_FOUND);
    }

    @Test
    void aDeletedNameIsNotGivenAgain() {
        String name = unique("again");
        users.create(name, PASSWORD, Role.USER);
        users.delete(name);

        assertCatalogError(() -> users.create(name, "another password", Role.ADMIN), CatalogErrorCode.USER_EXISTS)
                .hasMessageContaining("belonged to a user who was deleted");
        assertThat(users.find(name)).isEmpty();
        assertThat(users.authenticate(name, "another password")).isEmpty();
        users.create(name + ".2", "another password", Role.USER);
    }

    @Test
    void badArgumentsAreRefusedWithoutShowingThePassword() {
        String name = unique("bad");
        assertCatalogError(() -> users.create(name, "seven77", Role.USER), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("password of user '" + name + "' must be 8-1024 characters long, was 7")
                .hasMessageNotContaining("seven77");
        assertCatalogError(() -> users.create(name, "x".repeat(1025), Role.USER), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("was 1025");
        assertCatalogError(() -> users.create(name, null, Role.USER), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> users.create(name, PASSWORD, null), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> users.create("with space", PASSWORD, Role.USER), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("username must be 1-64 letters, digits, '_', '.', '@' or '-'");
        assertCatalogError(() -> users.create("", PASSWORD, Role.USER), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> users.create("u".repeat(65), PASSWORD, Role.USER), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> users.create("ümlaut", PASSWORD, Role.USER), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> users.get("no/such"), CatalogErrorCode.INVALID_ARGUMENT);
        assertThat(users.find(name)).isEmpty();
        // eight characters (one of them outside the BMP) is enough; 64 characters of a username too
        assertThat(users.create("u".repeat(56) + name.substring(name.length() - 8), "1234567🔑", Role.USER).username()).hasSize(64);
    }


    @Test
    void nullArgumentsAreInvalidArguments() {
        assertInvalidArguments(() -> users.create(null, PASSWORD, Role.USER), () -> users.get(null), () -> users.find((String) null),
                () -> users.find((UUID) null), () -> users.delete(null), () -> users.setPassword(null, PASSWORD));
    }
}
