package io.flowfile.catalog.user;

import static io.flowfile.catalog.testing.BeforeStatement.interleave;
import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.ApiTokenRecord;
import io.flowfile.catalog.api.CreatedToken;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.internal.Sha256;
import io.flowfile.catalog.internal.Times;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** ApiTokenService against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class ApiTokenServiceContract {

    @Inject
    ApiTokenService tokens;

    @Inject
    UserService users;

    @Inject
    ApiTokenRepository tokenRows;

    private UserRecord user() {
        return users.create(unique("token-user"), "correct horse battery", Role.USER);
    }

    /** Changes a row as time would have: {@code assignments} is JPQL, e.g. "expiresAt = ?1". */
    private void changeRow(UUID tokenId, String assignments, Instant value) {
        QuarkusTransaction.requiringNew().run(() -> tokenRows.update(assignments + " where id = ?2", value, tokenId));
    }

    @Test
    void aNewTokenShowsItsSecretOnceAndAuthenticatesItsUser() {
        UserRecord user = user();
        Instant expires = Instant.now().plus(Duration.ofDays(30));

        CreatedToken created = tokens.create(user.id(), "ci", Optional.of(expires));

        assertThat(created.secret()).startsWith("ff_").hasSize(46).matches("ff_[A-Za-z0-9_-]{43}");
        assertThat(created.toString()).doesNotContain(created.secret().substring(3));
        ApiTokenRecord record = created.record();
        assertThat(record.userId()).isEqualTo(user.id());
        assertThat(record.name()).isEqualTo("ci");
        assertThat(record.expires()).contains(expires.truncatedTo(ChronoUnit.MICROS));
        assertThat(record.lastUsed()).isEmpty();
        assertThat(record.revoked()).isFalse();
        assertThat(tokens.list(user.id())).containsExactly(record);
        assertThat(tokens.authenticate(created.secret())).contains(user);
        assertThat(tokens.create(user.id(), "ci", Optional.empty()).secret()).isNotEqualTo(created.secret());
    }

    @Test
    void onlyTheSecretsSha256IsKept() {
        CreatedToken created = tokens.create(user().id(), "stored", Optional.empty());
        String sha256 = Sha256.of(created.secret().getBytes(StandardCharsets.UTF_8));

        assertThat(QuarkusTransaction.requiringNew().call(() -> tokenRows.findBySecret(sha256).map(ApiTokenEntity::id)))
                .contains(created.record().id());
        assertThat(QuarkusTransaction.requiringNew().call(() -> tokenRows.findBySecret(created.secret()))).isEmpty();
    }

    @Test
    void unknownAndMalformedSecretsAuthenticateNobody() {
        CreatedToken created = tokens.create(user().id(), "real", Optional.empty());
        String secret = created.secret();
        char last = secret.charAt(secret.length() - 1);

        assertThat(tokens.authenticate(secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
        assertThat(tokens.authenticate(secret.substring(3))).isEmpty();
        assertThat(tokens.authenticate(secret + "x")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate("ff_")).isEmpty();
        assertCatalogError(() -> tokens.authenticate(null), CatalogErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void anExpiredTokenAuthenticatesNobody() {
        UserRecord user = user();
        CreatedToken created = tokens.create(user.id(), "short-lived", Optional.of(Instant.now().plusSeconds(3600)));
        assertThat(tokens.authenticate(created.secret())).contains(user);

        changeRow(created.record().id(), "expiresAt = ?1", Times.now().minusSeconds(1));

        assertThat(tokens.authenticate(created.secret())).isEmpty();
        assertThat(tokens.list(user.id())).singleElement().satisfies(token -> assertThat(token.revoked()).isFalse());
    }

    @Test
    void aRevokedTokenAuthenticatesNobody() {
        UserRecord user = user();
        CreatedToken revoked = tokens.create(user.id(), "old", Optional.empty());
        CreatedToken kept = tokens.create(user.id(), "new", Optional.empty());

        tokens.revoke(user.id(), revoked.record().id());
        tokens.revoke(user.id(), revoked.record().id());

        assertThat(tokens.authenticate(revoked.secret())).isEmpty();
        assertThat(tokens.authenticate(kept.secret())).contains(user);
        assertThat(tokens.list(user.id())).extracting(ApiTokenRecord::name, ApiTokenRecord::revoked)
                .containsExactly(Tuple.tuple("old", true), Tuple.tuple("new", false));
    }

    @Test
    void revokingAnotherUsersOrAnUnknownTokenIsTokenNotFound() {
        UserRecord owner = user();
        UserRecord other = user();
        CreatedToken created = tokens.create(owner.id(), "mine", Optional.empty());
        UUID unknown = UUID.randomUUID();

        assertCatalogError(() -> tokens.revoke(other.id(), created.record().id()), CatalogErrorCode.TOKEN_NOT_FOUND)
                .hasMessageContaining("user " + other.id() + " has no API token with id " + created.record().id());
        assertCatalogError(() -> tokens.revoke(owner.id(), unknown), CatalogErrorCode.TOKEN_NOT_FOUND);
        assertThat(tokens.authenticate(created.secret())).contains(owner);
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinute() {
        UserRecord user = user();
        CreatedToken created = tokens.create(user.id(), "busy", Optional.empty());
        UUID id = created.record().id();

        Instant before = Times.now();
        tokens.authenticate(created.secret());
        Instant first = tokens.list(user.id()).get(0).lastUsed().orElseThrow();
        tokens.authenticate(created.secret());
        tokens.authenticate(created.secret());

        assertThat(first).isAfterOrEqualTo(before);
        assertThat(tokens.list(user.id()).get(0).lastUsed()).contains(first);

        Instant twoMinutesAgo = Times.now().minus(Duration.ofMinutes(2));
        changeRow(id, "lastUsedAt = ?1", twoMinutesAgo);
        tokens.authenticate(created.secret());

        assertThat(tokens.list(user.id()).get(0).lastUsed()).hasValueSatisfying(last -> assertThat(last).isAfter(first));
    }

    @Test
    void listGivesTheUsersTokensOldestFirst() {
        UserRecord user = user();
        UserRecord other = user();
        ApiTokenRecord a = tokens.create(user.id(), "a", Optional.empty()).record();
        ApiTokenRecord b = tokens.create(user.id(), "b", Optional.of(Instant.now().plusSeconds(60))).record();
        tokens.create(other.id(), "c", Optional.empty());

        assertThat(tokens.list(user.id())).containsExactly(a, b);
        assertCatalogError(() -> tokens.list(UUID.randomUUID()), CatalogErrorCode.USER_NOT_FOUND);
    }

    @Test
    void revokeNamedRevokesTheMatchingTokensOfEveryUser() {
        UserRecord user = user();
        UserRecord other = user();
        String prefix = unique("link of ");
        CreatedToken dead = tokens.create(user.id(), prefix + "dead", Optional.empty());
        CreatedToken live = tokens.create(other.id(), prefix + "live", Optional.empty());
        CreatedToken unrelated = tokens.create(other.id(), "ci dead", Optional.empty());

        assertThat(tokens.revokeNamed(prefix, name -> name.endsWith("dead"))).isEqualTo(1);

        assertThat(tokens.authenticate(dead.secret())).isEmpty();
        assertThat(tokens.authenticate(live.secret())).contains(other);
        assertThat(tokens.authenticate(unrelated.secret())).contains(other);
        assertThat(tokens.revokeNamed(prefix, name -> true)).as("a revoked token is not counted again").isEqualTo(1);
        assertCatalogError(() -> tokens.revokeNamed("50%", name -> true), CatalogErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void badArgumentsAreRefused() {
        UserRecord user = user();
        assertCatalogError(() -> tokens.create(UUID.randomUUID(), "ci", Optional.empty()), CatalogErrorCode.USER_NOT_FOUND);
        assertCatalogError(() -> tokens.create(user.id(), " ", Optional.empty()), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> tokens.create(user.id(), "n".repeat(129), Optional.empty()), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> tokens.create(user.id(), "ci", Optional.of(Instant.now().minusSeconds(1))), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("which is not in the future");
        assertCatalogError(() -> tokens.create(null, "ci", Optional.empty()), CatalogErrorCode.INVALID_ARGUMENT);
        assertCatalogError(() -> tokens.create(user.id(), "ci", null), CatalogErrorCode.INVALID_ARGUMENT);
        assertThat(tokens.list(user.id())).isEmpty();
    }


    @Test
    void aTokenOfAUserDeletedAfterTheCheckIsUserNotFound() {
        UserRecord user = user();

        assertCatalogError(() -> interleave("insert into api_tokens", () -> users.delete(user.username()),
                () -> tokens.create(user.id(), "ci", Optional.empty())), CatalogErrorCode.USER_NOT_FOUND)
                .hasMessageContaining(user.id().toString());
    }
}
