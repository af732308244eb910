package io.flowfile.catalog.user;

import static io.flowfile.catalog.testing.BeforeStatement.interleave;
import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.CreatedSession;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.Session;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.internal.Sha256;
import io.flowfile.catalog.internal.Times;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SessionService against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class SessionServiceContract {

    @Inject
    SessionService sessions;

    @Inject
    UserService users;

    @Inject
    SessionRepository sessionRows;

    private UserRecord user() {
        return users.create(unique("session-user"), "correct horse battery", Role.USER);
    }

    /** Makes the session expired, as time would. */
    private void expire(CreatedSession session) {
        QuarkusTransaction.requiringNew().run(() -> sessionRows.update("expiresAt = ?1 where secretSha256 = ?2",
                Times.now().minusSeconds(1), Sha256.of(session.secret().getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aNewSessionAuthenticatesItsUserUntilItExpires() {
        UserRecord user = user();
        Instant before = Times.now();

        CreatedSession created = sessions.create(user.id(), Duration.ofHours(8));

        assertThat(created.secret()).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(created.secret());
        assertThat(created.expires()).isBetween(before.plus(Duration.ofHours(8)), Times.now().plus(Duration.ofHours(8)));
        assertThat(created.toString()).doesNotContain(created.secret()).doesNotContain(created.csrfToken());
        Session session = sessions.authenticate(created.secret()).orElseThrow();
        assertThat(session).isEqualTo(new Session(user, created.csrfToken(), created.expires()));
        assertThat(session.toString()).doesNotContain(created.csrfToken());

        expire(created);

        assertThat(sessions.authenticate(created.secret())).isEmpty();
    }

    @Test
    void theSecretIsKeptAsItsSha256() {
        CreatedSession created = sessions.create(user().id(), Duration.ofMinutes(5));

        String sha256 = Sha256.of(created.secret().getBytes(StandardCharsets.UTF_8));

        assertThat(QuarkusTransaction.requiringNew().call(() -> sessionRows.findByIdOptional(sha256))).isPresent();
        assertThat(QuarkusTransaction.requiringNew().call(() -> sessionRows.findByIdOptional(created.secret()))).isEmpty();
    }

    @Test
    void unknownAndMalformedSecretsAuthenticateNobody() {
        CreatedSession created = sessions.create(user().id(), Duration.ofMinutes(5));
        String secret = created.secret();
        char last = secret.charAt(secret.length() - 1);

        assertThat(sessions.authenticate(secret.substring(0, 42) + (last == 'A' ? 'B' : 'A'))).isEmpty();
        assertThat(sessions.authenticate(created.csrfToken())).isEmpty();
        assertThat(sessions.authenticate(secret + "=")).isEmpty();
        assertThat(sessions.authenticate("")).isEmpty();
        assertCatalogError(() -> sessions.authenticate(null), CatalogErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void deleteEndsTheSession() {
        UserRecord user = user();
        CreatedSession ended = sessions.create(user.id(), Duration.ofMinutes(5));
        CreatedSession kept = sessions.create(user.id(), Duration.ofMinutes(5));

        sessions.delete(ended.secret());
        sessions.delete(ended.secret());
        sessions.delete("not a secret");

        assertThat(sessions.authenticate(ended.secret())).isEmpty();
        assertThat(sessions.authenticate(kept.secret())).isPresent();
    }

    @Test
    void deleteExpiredDeletesOnlyExpiredSessions() {
        UserRecord user = user();
        CreatedSession expired = sessions.create(user.id(), Duration.ofMinutes(5));
        CreatedSession valid = sessions.create(user.id(), Duration.ofMinutes(5));
        expire(expired);

        assertThat(sessions.deleteExpired()).isGreaterThanOrEqualTo(1);

        String expiredSha256 = Sha256.of(expired.secret().getBytes(StandardCharsets.UTF_8));
        assertThat(QuarkusTransaction.requiringNew().call(() -> sessionRows.findByIdOptional(expiredSha256))).isEmpty();
        assertThat(sessions.authenticate(valid.secret())).isPresent();
        assertThat(sessions.deleteExpired()).isZero();
    }

    @Test
    void deleteForUserEndsEverySessionOfTheUser() {
        UserRecord user = user();
        UserRecord other = user();
        CreatedSession first = sessions.create(user.id(), Duration.ofMinutes(5));
        CreatedSession second = sessions.create(user.id(), Duration.ofMinutes(5));
        CreatedSession others = sessions.create(other.id(), Duration.ofMinutes(5));

        assertThat(sessions.deleteForUser(user.id())).isEqualTo(2);

        assertThat(sessions.authenticate(first.secret())).isEmpty();
        assertThat(sessions.authenticate(second.secret())).isEmpty();
        assertThat(sessions.authenticate(others.secret())).isPresent();
        assertThat(sessions.deleteForUser(user.id())).isZero();
    }

    @Test
    void badArgumentsAreRefused() {
        UserRecord user = user();
        assertCatalogError(() -> sessions.create(UUID.randomUUID(), Duration.ofMinutes(5)), CatalogErrorCode.USER_NOT_FOUND);
        assertCatalogError(() -> sessions.create(user.id(), Duration.ZERO), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("session lifetime must be positive");
        assertCatalogError(() -> sessions.create(user.id(), Duration.ofMinutes(-1)), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> sessions.create(user.id(), Duration.ofDays(367)), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> sessions.create(user.id(), null), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> sessions.create(null, Duration.ofMinutes(5)), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> sessions.delete(null), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> sessions.deleteForUser(null), CatalogErrorCode.INVALID_ARGUMENT);
    }


    @Test
    void aSessionOfAUserDeletedAfterTheCheckIsUserNotFound() {
        UserRecord user = user();

        assertCatalogError(() -> interleave("insert into user_sessions", () -> users.delete(user.username()),
                () -> sessions.create(user.id(), Duration.ofHours(1))), CatalogErrorCode.USER_NOT_FOUND)
                .hasMessageContaining(user.id().toString());
    }
}
