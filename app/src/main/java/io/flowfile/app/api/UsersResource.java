package io.flowfile.app.api;

import io.flowfile.app.api.Dtos.NewToken;
import io.flowfile.app.api.Dtos.NewUser;
import io.flowfile.app.api.Dtos.TokenDto;
import io.flowfile.app.api.Dtos.UserDto;
import io.flowfile.app.security.Access;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.catalog.api.ApiTokenRecord;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Users (admins only) and each user's own API tokens. */
@Path("/api")
@Tag(name = "users", description = "Users and API tokens")
public class UsersResource {

    @Inject
    io.flowfile.app.security.StreamGuard guard;

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    CurrentUser current;

    @Inject
    Access access;

    @GET
    @Path("/users")
    @Operation(summary = "Every user (admins only)")
    public List<UserDto> list() {
        access.requireAdmin(current.get());
        return users.list().stream().map(AuthResource::dto).toList();
    }

    @POST
    @Path("/users")
    @Operation(summary = "Create a user (admins only); role admin or user")
    public Response create(NewUser request) {
        access.requireAdmin(current.get());
        if (request == null || request.username() == null || request.password() == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send {\"username\": ..., \"password\": ..., \"role\": \"user\"}");
        }
        Role role = role(request.role());
        return Response.status(201).entity(AuthResource.dto(users.create(request.username(), request.password(), role))).build();
    }

    @DELETE
    @Path("/users/{username}")
    @Operation(summary = "Delete a user with their tokens and sessions (admins only)")
    public Response delete(@PathParam("username") String username) {
        access.requireAdmin(current.get());
        if (username.equals(current.username())) {
            throw new ApiException(ServerErrorCode.CONFLICT, "you cannot delete yourself");
        }
        users.delete(username);
        guard.checkSoon(); // their open event streams end now, not at the next check
        return Response.noContent().build();
    }

    @GET
    @Path("/tokens")
    @Operation(summary = "My API tokens (never their secrets)")
    public List<TokenDto> tokens() {
        return tokens.list(current.get().id()).stream().map(token -> dto(token, null)).toList();
    }

    @POST
    @Path("/tokens")
    @Operation(summary = "Create an API token: its secret is in this answer only")
    public Response createToken(NewToken request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send {\"name\": ..., \"expires\": optional ISO-8601 instant}");
        }
        var created = tokens.create(current.get().id(), request.name(), Optional.ofNullable(request.expires()));
        return Response.status(201).entity(dto(created.record(), created.secret())).build();
    }

    @DELETE
    @Path("/tokens/{id}")
    @Operation(summary = "Revoke one of my API tokens")
    public Response revoke(@Parameter(schema = @Schema(implementation = UUID.class)) @PathParam("id") String id) {
        tokens.revoke(current.get().id(), Params.uuid(id, "a token id"));
        guard.checkSoon();
        return Response.noContent().build();
    }

    static TokenDto dto(ApiTokenRecord token, String secret) {
        return new TokenDto(token.id(), token.name(), token.created(), token.expires().orElse(null), token.lastUsed().orElse(null),
                token.revoked(), secret);
    }

    static Role role(String text) {
        if (text == null || text.isBlank()) {
            return Role.USER;
        }
        try {
            return Role.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "role must be admin or user, was '" + text + "'");
        }
    }
}
