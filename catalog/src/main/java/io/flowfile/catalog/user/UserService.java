package io.flowfile.catalog.user;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.CatalogSettings;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.internal.Checks;
import io.flowfile.catalog.internal.Conflicts;
import io.flowfile.catalog.internal.Times;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The server's users. Usernames are unique as written (case matters). Passwords are kept as bcrypt
 * hashes of the cost {@link CatalogSettings#passwordHashCost()}; hashing and checking happen outside
 * any transaction of the service's own (a check takes about a quarter of a second at cost 12).
 * Deleting a user deletes its API tokens and sessions; its drafts, flows, kernels, runs and
 * schedules stay (they name their owner), so its name is retired: no new user gets it and with it
 * the old one's things.
 */
@ApplicationScoped
public class UserService {

    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 1024;

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;

    public UserService(UserRepository users, SessionRepository sessions, CatalogSettings settings) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = new PasswordHasher(settings.passwordHashCost());
    }

    /**
     * Creates a user; USER_EXISTS when the username is taken (also when a concurrent caller creates
     * it first).
     *
     * @param username 1-64 letters, digits, '_', '.', '@' or '-'
     * @param password 8-1024 characters
     */
    public UserRecord create(String username, String password, Role role) {
        Checks.username(username, "username");
        checkPassword(password, username);
        Checks.notNull(role, "role of user '" + username + "'");
        String hash = hasher.hash(password);
        return Conflicts.insertUnique("user '" + username + "'", () -> {
            if (users.findByUsername(username).isPresent()) {
                throw exists(username, null);
            }
            if (users.getEntityManager().find(RetiredUsernameEntity.class, username) != null) {
                throw new CatalogException(CatalogErrorCode.USER_EXISTS, "the name '" + username + "' belonged to a user who was "
                        + "deleted; the drafts, flows, kernels and runs that name their owner '" + username + "' are still theirs, so "
                        + "the name is not given again: choose another");
            }
            UserEntity created = new UserEntity(username, hash, role, Times.now());
            users.persistAndFlush(created);
            return created.toRecord();
        }, taken -> exists(username, taken));
    }

    /**
     * The user with that username and password, or empty (no such user, or another password). Costs
     * one password check either way, so the time taken does not tell whether the user exists.
     */
    public Optional<UserRecord> authenticate(String username, String password) {
        Checks.notNull(username, "username");
        Checks.notNull(password, "password");
        Optional<Credentials> found = Checks.USERNAME.matcher(username).matches()
                ? QuarkusTransaction.joiningExisting().call(() -> users.findByUsername(username).map(Credentials::of))
                : Optional.empty();
        if (found.isEmpty()) {
            hasher.matchNone(password);
            return Optional.empty();
        }
        return hasher.matches(found.get().passwordHash(), password) ? Optional.of(found.get().user()) : Optional.empty();
    }

    /** USER_NOT_FOUND when no user has that username. */
    @Transactional
    public UserRecord get(String username) {
        return find(username).orElseThrow(() -> notFound(username));
    }

    @Transactional
    public Optional<UserRecord> find(String username) {
        Checks.username(username, "username");
        return users.findByUsername(username).map(UserEntity::toRecord);
    }

    @Transactional
    public Optional<UserRecord> find(UUID id) {
        Checks.notNull(id, "user id");
        return users.findByIdOptional(id).map(UserEntity::toRecord);
    }

    /** Every user, by username. */
    @Transactional
    public List<UserRecord> list() {
        return users.listByUsername().stream().map(UserEntity::toRecord).toList();
    }

    @Transactional
    public long count() {
        return users.count();
    }

    /**
     * Deletes the user with its API tokens and sessions (not its drafts and the rest) and retires its
     * name; USER_NOT_FOUND when there is none.
     */
    @Transactional
    public void delete(String username) {
        Checks.username(username, "username");
        users.delete(users.findByUsername(username).orElseThrow(() -> notFound(username)));
        users.getEntityManager().persist(new RetiredUsernameEntity(username, Times.now()));
    }

    /** Replaces the user's password and ends its browser sessions (its API tokens stay valid: revoke them apart). */
    public void setPassword(String username, String password) {
        Checks.username(username, "username");
        checkPassword(password, username);
        String hash = hasher.hash(password);
        Conflicts.inTransaction("user '" + username + "'", () -> {
            var user = users.findByUsername(username).orElseThrow(() -> notFound(username));
            user.changePasswordHash(hash);
            sessions.deleteForUser(user.id());
            return null;
        });
    }

    /** Never names the password itself. */
    private static void checkPassword(String password, String username) {
        Checks.notNull(password, "password of user '" + username + "'");
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw Checks.invalid("password of user '" + username + "' must be " + MIN_PASSWORD + "-" + MAX_PASSWORD
                    + " characters long, was " + length);
        }
    }

    static CatalogException notFound(String username) {
        return new CatalogException(CatalogErrorCode.USER_NOT_FOUND, "no user is named '" + username + "'");
    }

    /** @param cause the failure that showed it (a user deleted concurrently), or null */
    static CatalogException notFound(UUID id, Throwable cause) {
        return new CatalogException(CatalogErrorCode.USER_NOT_FOUND, "no user has id " + id, cause);
    }

    private static CatalogException exists(String username, Throwable cause) {
        return new CatalogException(CatalogErrorCode.USER_EXISTS, "a user named '" + username + "' exists already", cause);
    }

    /** A user with its password hash, read in a transaction and checked after it. */
    private record Credentials(UserRecord user, String passwordHash) {

        static Credentials of(UserEntity entity) {
            return new Credentials(entity.toRecord(), entity.passwordHash());
        }
    }
}
