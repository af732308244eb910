package io.flowfile.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.app.config.FlowfileConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

/**
 * How large a request body may be: an upload ({@code POST /api/files}) up to
 * {@code flowfile.server.upload-max-bytes}, any other body up to {@code flowfile.server.request-max-bytes}
 * (16 MiB). Two Vert.x route handlers around Quarkus's own body limit (which application.properties
 * sets out of their way): before it, a declared {@code Content-Length} over the limit is answered with
 * the API's 413 error body without reading the body; after it, a body without a length (chunked) is
 * cut off by the REST layer's input stream past the limit — an upload instead is counted by
 * {@code FilesService} as it streams to disk, which answers the 413 itself and leaves nothing behind.
 * A refused request's connection is closed after the answer, once the rest of its body is read (up
 * to {@value #DRAIN_MAX_BYTES} bytes; past that at once).
 */
@ApplicationScoped
public class BodyLimits {

    /** A refused body up to this size is read to its end before the connection closes (see {@link #drain}). */
    static final long DRAIN_MAX_BYTES = 64L << 20;

    @Inject
    FlowfileConfig config;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::declaredLength);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::streamedLength);
    }

    static boolean isUpload(RoutingContext context) {
        String path = context.normalizedPath();
        return context.request().method() == HttpMethod.POST && (path.equals("/api/files") || path.equals("/api/files/"));
    }

    private void declaredLength(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header != null) {
            long declared;
            try {
                declared = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                context.next(); // the HTTP layer refuses a malformed length
                return;
            }
            boolean upload = isUpload(context);
            long limit = upload ? config.server().uploadMaxBytes() : config.server().requestMaxBytes();
            if (declared > limit) {
                refuse(context, declared, (upload ? "the upload has " : "the request body has ") + declared + " bytes (" + megabytes(declared)
                        + "); at most " + limit + " (" + megabytes(limit) + ") are accepted (" + (upload ? "flowfile.server.upload-max-bytes" : "flowfile.server.request-max-bytes") + ")");
                return;
            }
        }
        context.next();
    }

    private void streamedLength(RoutingContext context) {
        if (!context.request().headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            if (isUpload(context)) {
                context.remove(VertxInputStream.MAX_REQUEST_SIZE_KEY); // FilesService counts what it writes
            } else {
                context.put(VertxInputStream.MAX_REQUEST_SIZE_KEY, config.server().requestMaxBytes());
            }
        }
        context.next();
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private void refuse(RoutingContext context, long declared, String message) {
        ServerErrorCode code = ServerErrorCode.BODY_TOO_LARGE;
        String body;
        try {
            body = json.writeValueAsString(new ApiError(code.code(), code.name(), code.type().name(), message, List.of(), null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response().putHeader(HttpHeaders.CONNECTION, "close");
        if (request.isEnded()) {
            response.endHandler(ignored -> close(request));
        } else if (declared <= DRAIN_MAX_BYTES) {
            // read the refused body to its end first: closing on unread data resets the connection, and the client may lose the answer
            request.handler(ignored -> { });
            request.endHandler(ignored -> close(request));
            request.resume();
        } else {
            response.endHandler(ignored -> close(request));
        }
        response.setStatusCode(code.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    /**
     * Reads what is left of a refused body, at most {@value #DRAIN_MAX_BYTES} bytes, so that the
     * answer reaches the client; past that (or when reading fails) the connection is closed after
     * the answer.
     */
    public static void drain(InputStream body, HttpServerRequest request) {
        if (body == null) {
            return;
        }
        long left = DRAIN_MAX_BYTES;
        byte[] buffer = new byte[64 * 1024];
        try {
            int read;
            while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
            if (body.read() < 0) {
                return;
            }
        } catch (IOException e) {
            // the client is gone or sent too much: closed below
        }
        closeAfterResponse(request);
    }

    /** Closes the connection once the response is sent (the rest of a refused body is not read). */
    public static void closeAfterResponse(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            return;
        }
        response.putHeader(HttpHeaders.CONNECTION, "close");
        response.endHandler(ignored -> close(request));
    }

    private static void close(HttpServerRequest request) {
        if (request.connection() != null) {
            request.connection().close();
        }
    }
}
