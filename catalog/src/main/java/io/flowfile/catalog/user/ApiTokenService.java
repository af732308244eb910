package io.flowfile.catalog.user;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.ApiTokenRecord;
import io.flowfile.catalog.api.CreatedToken;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * API tokens: a user's secrets for scripts and the CLI. A secret is {@code ff_} and 32 random bytes in
 * URL-safe base64, shown once when the token is made; the catalog keeps only its SHA-256. A revoked
 * or expired token authenticates nothing; deleting the user deletes its tokens.
 */
@ApplicationScoped
public class ApiTokenService {

    public static final String PREFIX = "ff_";
    public static final int MAX_NAME = 128;
    /** A token's last use is written at most this often, so that not every request writes. */
    public static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private static final Pattern SECRET = Pattern.compile(Pattern.quote(PREFIX) + Secrets.RANDOM_PART.pattern());

    private final ApiTokenRepository tokens;
    private final UserRepository users;

    public ApiTokenService(ApiTokenRepository tokens, UserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    /**
     * Makes a token for the user (USER_NOT_FOUND when there is none).
     *
     * @param name    what the user calls it, 1-128 characters
     * @param expires when it stops working (in the future), or empty for never
     */
    @Transactional
    public CreatedToken create(UUID userId, String name, Optional<Instant> expires) {
        Checks.notNull(userId, "user id");
        Checks.withoutNul(Checks.text(name, "name of an API token", MAX_NAME), "name of an API token");
        Checks.notNull(expires, "expiry of API token '" + name + "'");
        Instant now = Times.now();
        Optional<Instant> checkedExpiry = expires.map(at -> at.truncatedTo(ChronoUnit.MICROS));
        if (checkedExpiry.isPresent() && !checkedExpiry.get().isAfter(now)) {
            throw Checks.invalid("API token '" + name + "' would expire at " + checkedExpiry.get() + ", which is not in the future");
        }
        return Conflicts.withReferences(() -> {
            users.findByIdOptional(userId).orElseThrow(() -> UserService.notFound(userId, null));
            String secret = PREFIX + Secrets.random();
            ApiTokenEntity token = new ApiTokenEntity(userId, name, Secrets.sha256(secret), now, checkedExpiry.orElse(null));
            tokens.persistAndFlush(token);
            return new CreatedToken(token.toRecord(), secret);
        }, deleted -> UserService.notFound(userId, deleted));
    }

    /**
     * The user whose valid token has this secret, or empty (unknown, malformed, revoked or expired).
     * Records the token's use, at most once per {@link #LAST_USED_PRECISION}.
     */
    @Transactional
    public Optional<UserRecord> authenticate(String secret) {
        Checks.notNull(secret, "API token");
        if (!SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        Instant now = Times.now();
        Optional<ApiTokenEntity> token = tokens.findBySecret(Secrets.sha256(secret)).filter(found -> found.isValidAt(now));
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Instant notAfter = now.minus(LAST_USED_PRECISION);
        if (token.get().lastUsedAt().map(last -> !last.isAfter(notAfter)).orElse(true)) {
            tokens.markUsed(token.get().id(), now, notAfter);
        }
        return users.findByIdOptional(token.get().userId()).map(UserEntity::toRecord);
    }

    /** The user's tokens (revoked and expired ones too), oldest first; USER_NOT_FOUND when there is no such user. */
    @Transactional
    public List<ApiTokenRecord> list(UUID userId) {
        Checks.notNull(userId, "user id");
        users.findByIdOptional(userId).orElseThrow(() -> UserService.notFound(userId, null));
        return tokens.listForUser(userId).stream().map(ApiTokenEntity::toRecord).toList();
    }

    /**
     * Revokes one of the user's tokens (revoking it again changes nothing); TOKEN_NOT_FOUND when the
     * user has no token with that id (another user's token included).
     */
    @Transactional
    public void revoke(UUID userId, UUID tokenId) {
        Checks.notNull(userId, "user id");
        Checks.notNull(tokenId, "token id");
        ApiTokenEntity token = tokens.findByIdOptional(tokenId).filter(found -> found.userId().equals(userId))
                .orElseThrow(() -> new CatalogException(CatalogErrorCode.TOKEN_NOT_FOUND,
                        "user " + userId + " has no API token with id " + tokenId));
        tokens.revoke(token.id());
    }

    /**
     * Revokes the tokens not yet revoked, of any user, whose name starts with {@code prefix} and
     * satisfies {@code revoke} (the server's own tokens, such as a login link's); the number revoked.
     */
    @Transactional
    public int revokeNamed(String prefix, java.util.function.Predicate<String> revoke) {
        Checks.notNull(prefix, "prefix");
        Checks.notNull(revoke, "revoke");
        if (prefix.isEmpty() || prefix.contains("%") || prefix.contains("_")) {
            throw Checks.invalid("prefix must be plain text without '%' or '_', was '" + prefix + "'");
        }
        int revoked = 0;
        for (ApiTokenEntity token : tokens.listUnrevokedNamed(prefix)) {
            if (revoke.test(token.toRecord().name())) {
                tokens.revoke(token.id());
                revoked++;
            }
        }
        return revoked;
    }
}
