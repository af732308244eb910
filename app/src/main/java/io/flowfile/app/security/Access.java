package io.flowfile.app.security;

import io.flowfile.app.api.ApiException;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The one place that decides who may see what: a user sees and changes their own drafts, runs and
 * kernels; an admin sees all. What a user may not see does not exist for them: a 404, never a 403.
 */
@ApplicationScoped
public class Access {

    public boolean maySee(UserRecord user, String owner) {
        return user.role() == Role.ADMIN || user.username().equals(owner);
    }

    /** The owner filter of a listing: none for an admin, the user's own otherwise. */
    public Optional<String> ownerFilter(UserRecord user) {
        return user.role() == Role.ADMIN ? Optional.empty() : Optional.of(user.username());
    }

    /** {@code thing} if {@code user} may see it (owned by {@code owner}), else a 404 naming {@code what}. */
    public <T> T check(UserRecord user, String owner, T thing, String what) {
        if (!maySee(user, owner)) {
            throw ApiException.notFound(what);
        }
        return thing;
    }

    public void requireAdmin(UserRecord user) {
        if (user.role() != Role.ADMIN) {
            throw ApiException.notFound("resource");
        }
    }
}
