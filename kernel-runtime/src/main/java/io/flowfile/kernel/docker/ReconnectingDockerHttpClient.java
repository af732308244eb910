package io.flowfile.kernel.docker;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker engine's HTTP client, made afresh when its pooled connections have gone dead.
 *
 * <p>docker-java's Apache transport keeps connections to the engine's socket in a pool and never
 * checks an idle one before reusing it. After the engine restarts (or drops its end), every pooled
 * connection is dead, and the next requests fail with "Broken pipe" or "Connection reset" although
 * the engine answers again. A request that fails that way is tried once more on a new client (and so
 * new connections) when it can be sent again as it was: no hijacked stream and a body held as bytes.
 * The engine on the other end of a dead connection is a process that is gone, so it has not acted on
 * the request.
 */
final class ReconnectingDockerHttpClient implements DockerHttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingDockerHttpClient.class);

    private final Supplier<DockerHttpClient> connect;
    private DockerHttpClient current;

    ReconnectingDockerHttpClient(Supplier<DockerHttpClient> connect) {
        this.connect = requireNonNull(connect, "connect is null");
        this.current = requireNonNull(connect.get(), "the first client is null");
    }

    @Override
    public Response execute(Request request) {
        DockerHttpClient client = current();
        try {
            return client.execute(request);
        } catch (RuntimeException e) {
            if (!deadConnection(e)) {
                throw e;
            }
            DockerHttpClient fresh = reconnect(client); // the requests after this one get new connections either way
            if (!replayable(request)) {
                LOG.info("the Docker engine's connection was dead ({}); reconnected, {} {} cannot be sent again", rootMessage(e),
                        request.method(), request.path());
                throw e;
            }
            LOG.info("the Docker engine's connection was dead ({}); reconnecting and sending {} {} again", rootMessage(e),
                    request.method(), request.path());
            return fresh.execute(request);
        }
    }

    private synchronized DockerHttpClient current() {
        return current;
    }

    /**
     * A new client in place of {@code failed}, unless another request has already replaced it. The old one is not closed:
     * closing its pool would also cut the streams still read through it (logs, stats, an image build); its dead
     * connections hold nothing.
     */
    private synchronized DockerHttpClient reconnect(DockerHttpClient failed) {
        if (current == failed) {
            current = requireNonNull(connect.get(), "the new client is null");
        }
        return current;
    }

    /**
     * Whether {@code failure} says an open connection was found dead: the peer's end gone ("Broken pipe", "Connection
     * reset") or closed without an answer. Not a connection that could not be made (the socket file missing, nothing
     * listening): a new client would fail the same way.
     */
    static boolean deadConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof NoHttpResponseException || cause instanceof ConnectionClosedException) {
                return true;
            }
            // docker-java's Unix socket reports the system's error as a plain IOException with its text, the JDK's a SocketException
            if (cause instanceof IOException && cause.getMessage() != null
                    && (cause.getMessage().contains("Broken pipe") || cause.getMessage().contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    static boolean replayable(Request request) {
        return request.hijackedInput() == null && (request.bodyBytes() != null || request.body() == null);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public synchronized void close() throws IOException {
        current.close();
    }
}
