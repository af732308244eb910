package io.flowfile.catalog.user;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.SecretRecord;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Users' secrets: values (passwords, API keys) a user sets once and nodes refer to by name, so that no
 * flow, setting, log or run shows them. Kept encrypted ({@link SecretCipher}); listed by name only;
 * opened for the code of the user's own nodes. Deleting the user deletes its secrets.
 */
@ApplicationScoped
public class UserSecretService {

    /** The names a secret reference of a node's settings takes. */
    public static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9_.-]{1,128}");
    /** The largest value, in bytes of UTF-8 (a certificate or a service account's JSON key fits). */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    private final UserSecretRepository secrets;
    private final UserRepository users;
    private final SecretCipher cipher;

    public UserSecretService(UserSecretRepository secrets, UserRepository users, SecretCipher cipher) {
        this.secrets = secrets;
        this.users = users;
        this.cipher = cipher;
    }

    /** The user's secrets by name, without their values. */
    @Transactional
    public List<SecretRecord> list(UUID userId) {
        Checks.notNull(userId, "user id");
        return secrets.listForUser(userId).stream().map(UserSecretEntity::toRecord).toList();
    }

    /**
     * Sets the user's secret {@code name} to {@code value}, making it or replacing its value
     * (USER_NOT_FOUND when there is no such user).
     */
    public SecretRecord put(UUID userId, String name, String value) {
        Checks.notNull(userId, "user id");
        name(name);
        Checks.notNull(value, "value of secret '" + name + "'");
        if (value.isEmpty()) {
            throw Checks.invalid("the value of secret '" + name + "' is empty");
        }
        int bytes = value.getBytes(UTF_8).length;
        if (bytes > MAX_VALUE_BYTES) {
            throw Checks.invalid("the value of secret '" + name + "' is " + bytes + " bytes; at most " + MAX_VALUE_BYTES + " are kept");
        }
        SecretCipher.Sealed sealed = cipher.seal(userId, name, value);
        return Conflicts.withReferences(() -> Conflicts.upsert("secret '" + name + "'", () -> {
            var now = Times.now();
            var existing = secrets.find(userId, name);
            if (existing.isPresent()) {
                existing.get().replace(sealed, now);
                return existing.get().toRecord();
            }
            users.findByIdOptional(userId).orElseThrow(() -> UserService.notFound(userId, null));
            UserSecretEntity made = new UserSecretEntity(userId, name, sealed, now);
            secrets.persistAndFlush(made);
            return made.toRecord();
        }), deleted -> UserService.notFound(userId, deleted));
    }

    /** Deletes the user's secret (SECRET_NOT_FOUND when there is none). */
    @Transactional
    public void delete(UUID userId, String name) {
        Checks.notNull(userId, "user id");
        if (secrets.delete(userId, name(name)) == 0) {
            throw notFound(name);
        }
    }

    /** The value of the user's secret, for the code of the user's own nodes only. */
    @Transactional
    public String reveal(UUID userId, String name) {
        Checks.notNull(userId, "user id");
        UserSecretEntity secret = secrets.find(userId, name(name)).orElseThrow(() -> notFound(name));
        return cipher.open(userId, name, secret.sealed());
    }

    private static String name(String name) {
        return Checks.matching(name, NAME, "name of a secret", "1-128 letters, digits, '.', '_' or '-' (not dots only)");
    }

    private static CatalogException notFound(String name) {
        return new CatalogException(CatalogErrorCode.SECRET_NOT_FOUND, "there is no secret named '" + name + "': set it under Secrets first");
    }
}
