package io.flowfile.app.api;

import io.flowfile.app.api.Dtos.SecretDto;
import io.flowfile.app.api.Dtos.SecretValue;
import io.flowfile.app.security.CurrentUser;
import io.flowfile.catalog.api.SecretRecord;
import io.flowfile.catalog.user.UserSecretService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The current user's secrets: set by name, listed by name, deleted; a value is never answered. Nodes
 * refer to a secret by name (a node type's secret field, {@code flowfile.get_secret} in code) and get
 * its value only when they run on one of the user's kernels.
 */
@Path("/api/secrets")
@Tag(name = "secrets", description = "Your secrets (passwords, API keys) that nodes refer to by name")
public class SecretsResource {

    @Inject
    UserSecretService secrets;

    @Inject
    CurrentUser current;

    @GET
    @Operation(summary = "My secrets by name (never their values)")
    public List<SecretDto> list() {
        return secrets.list(current.get().id()).stream().map(SecretsResource::dto).toList();
    }

    @PUT
    @Path("/{name}")
    @Operation(summary = "Set one of my secrets: made, or its value replaced; the answer has no value")
    public SecretDto put(@PathParam("name") String name, SecretValue request) {
        if (request == null || request.value() == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send {\"value\": \"...\"}");
        }
        return dto(secrets.put(current.get().id(), name, request.value()));
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete one of my secrets (nodes that refer to it fail until it is set again)")
    public Response delete(@PathParam("name") String name) {
        secrets.delete(current.get().id(), name);
        return Response.noContent().build();
    }

    static SecretDto dto(SecretRecord secret) {
        return new SecretDto(secret.name(), secret.created(), secret.updated());
    }
}
