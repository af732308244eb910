package io.flowfile.app.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.flowfile.catalog.CatalogException;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import io.flowfile.node.ErrorCode;
import io.flowfile.node.ErrorType;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns exceptions into the API's error body {@link ApiError} and a status:
 * a user's mistake is a 4xx naming it; anything unexpected is a 500 logged under an id the body
 * carries.
 */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.code().status(), e.code(), e.getMessage(), e.problems(), null, e.details().isEmpty() ? null : e.details());
    }

    @ServerExceptionMapper
    public Response flow(FlowException e) {
        List<Problem> problems = e.problems();
        ErrorCode code = problems.isEmpty() ? ServerErrorCode.MALFORMED_REQUEST : problems.getFirst().code();
        String message = problems.size() == 1 ? problems.getFirst().toString()
                : problems.size() + " problems: " + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
        return respond(status(code.type(), code.name()), code, message, problems, null);
    }

    @ServerExceptionMapper
    public Response catalog(CatalogException e) {
        Map<String, Object> details = e instanceof io.flowfile.catalog.StaleRevisionException stale
                ? Map.of("currentRevision", stale.currentRevision()) : null;
        return module(e, e.code().code(), e.code().name(), e.code().type().name(), details);
    }

    @ServerExceptionMapper
    public Response kernel(io.flowfile.kernel.KernelException e) {
        if (!e.invalid().isEmpty()) {
            // a refused kernel definition: one problem per bad value, its path the request's field (memoryGb, not memory_gb)
            NamedCode code = new NamedCode(e.code().code(), e.code().name(), ErrorType.valueOf(e.code().type().name()));
            List<Problem> problems = e.invalid().stream()
                    .map(invalid -> Problem.ofDocument(camelCase(invalid.field()), code, invalid.message())).toList();
            return respond(status(code.type(), code.name()), code, e.getMessage(), problems, null);
        }
        return module(e, e.code().code(), e.code().name(), e.code().type().name(), null);
    }

    /** memory_gb -> memoryGb. */
    static String camelCase(String field) {
        var text = new StringBuilder();
        boolean upper = false;
        for (char c : field.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                text.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return text.toString();
    }

    /**
     * An error of a module that stands alone (catalog, kernel runtime): its code keeps its number and
     * name; its type, named as the node SDK's, gives the status.
     */
    private static Response module(RuntimeException e, int number, String name, String typeName, Map<String, Object> details) {
        ErrorType type = ErrorType.valueOf(typeName);
        if (type == ErrorType.INTERNAL_ERROR) {
            return internal(e);
        }
        return respond(status(type, name), new NamedCode(number, name, type), e.getMessage(), List.of(), null, details);
    }

    @ServerExceptionMapper
    public Response unrecognized(UnrecognizedPropertyException e) {
        return malformed("unknown field '" + e.getPropertyName() + "'" + at(e) + "; known fields: "
                + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return malformed("'" + e.getValue() + "'" + at(e) + " is not a valid " + simpleType(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "value" : simpleType(e.getTargetType());
        return malformed(field.isEmpty() ? "the request body is not a " + expected + " (or is empty)"
                : "field '" + field + "' must be a " + expected);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e) {
        var location = e.getLocation();
        return malformed("the request body is not valid JSON" + (location == null ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr()) + ": " + withoutSource(e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        if (e.getCause() instanceof JsonParseException parse) {
            return parse(parse);
        }
        String field = path(e);
        return malformed((field.isEmpty() ? "" : "field '" + field + "': ") + withoutSource(e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return malformed("the request body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(404, ServerErrorCode.NOT_FOUND, "no such resource", List.of(), null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return respond(405, ServerErrorCode.METHOD_NOT_ALLOWED, "method not allowed here; allowed: "
                + String.join(", ", e.getResponse().getAllowedMethods()), List.of(), null);
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return respond(415, ServerErrorCode.UNSUPPORTED_MEDIA_TYPE, "unsupported content type; send application/json", List.of(), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response fromBody = jsonCause(e);
        if (fromBody != null) {
            return fromBody;
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        ServerErrorCode code = status == 413 ? ServerErrorCode.BODY_TOO_LARGE : ServerErrorCode.MALFORMED_REQUEST;
        return respond(status, code, e.getMessage() == null ? "request refused" : e.getMessage(), List.of(), null);
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        // records validate themselves in their constructors: their messages name what is wrong
        return malformed(e.getMessage() == null ? "invalid argument" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Response fromBody = jsonCause(e);
        return fromBody != null ? fromBody : internal(e);
    }

    /** A request body that did not read as JSON of the right shape, wrapped by the REST layer. */
    private Response jsonCause(Throwable e) {
        return switch (e.getCause()) {
            case UnrecognizedPropertyException cause -> unrecognized(cause);
            case InvalidFormatException cause -> invalidFormat(cause);
            case MismatchedInputException cause -> mismatched(cause);
            case JsonParseException cause -> parse(cause);
            case JsonMappingException cause -> mapping(cause);
            case JsonProcessingException cause -> json(cause);
            case null, default -> null;
        };
    }

    private static Response internal(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "internal error %s", id);
        return respond(500, ServerErrorCode.INTERNAL, "internal error " + id + " (logged by the server)", List.of(), id);
    }

    private static Response malformed(String message) {
        return respond(400, ServerErrorCode.MALFORMED_REQUEST, message, List.of(), null);
    }

    public static Response respond(int status, ErrorCode code, String message, List<Problem> problems, String errorId) {
        return respond(status, code, message, problems, errorId, null);
    }

    public static Response respond(int status, ErrorCode code, String message, List<Problem> problems, String errorId,
                                   Map<String, Object> details) {
        var body = new ApiError(code.code(), code.name(), code.type().name(), message, ApiError.problems(problems), errorId, details);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** The status of an error by its type and name: not found 404, not yours 403, conflicts 409, other user errors 400. */
    static int status(ErrorType type, String name) {
        return switch (type) {
            case USER_ERROR -> name.endsWith("NOT_FOUND") || name.equals("UNKNOWN_KERNEL") ? 404
                    : name.endsWith("NOT_OWNED") ? 403
                    : name.equals("STALE_REVISION") || name.endsWith("_EXISTS") || name.equals("FLOW_HAS_RUNS")
                    || name.endsWith("NOT_READY") ? 409 : 400;
            case INTERNAL_ERROR -> 500;
            case EXTERNAL -> name.equals("CONCURRENT_UPDATE") ? 409 : 503;
            case INSUFFICIENT_RESOURCES -> 507;
        };
    }

    /** Jackson's message without its "[Source: REDACTED ...]" aside. */
    private static String withoutSource(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\][^)]*\\)", "")
                .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
    }

    private static String path(JsonMappingException e) {
        var text = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static String at(JsonMappingException e) {
        String field = path(e);
        return field.isEmpty() ? "" : " (at " + field + ")";
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "JSON object";
    }

    /** A catalog code under the SDK's error-code interface (the catalog depends on no other module). */
    private record NamedCode(int code, String name, ErrorType type) implements ErrorCode {
    }
}
