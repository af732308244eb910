package io.flowfile.kernel.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The end-to-end case (the Docker engine restarted under a running server) is FaultSuiteIT's dockerd fault. */
class ReconnectingDockerHttpClientTest {

    /** A client whose connections died: every request fails with {@code failure}. */
    private record Dead(RuntimeException failure, List<String> sent) implements DockerHttpClient {
        @Override
        public Response execute(Request request) {
            sent.add(request.method() + " " + request.path());
            throw failure;
        }

        @Override
        public void close() {}
    }

    private record Alive(List<String> sent) implements DockerHttpClient {
        @Override
        public Response execute(Request request) {
            sent.add(request.method() + " " + request.path());
            return new Response() {
                @Override
                public int getStatusCode() {
                    return 201;
                }

                @Override
                public Map<String, List<String>> getHeaders() {
                    return Map.of();
                }

                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {}
    }

    private static DockerHttpClient reconnecting(RuntimeException firstFailure, List<String> sent) {
        List<DockerHttpClient> clients = new ArrayList<>(List.of(new Dead(firstFailure, sent), new Alive(sent)));
        return new ReconnectingDockerHttpClient(clients::removeFirst);
    }

    private static DockerHttpClient.Request create() {
        return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST).path("/containers/create")
                .bodyBytes("{\"Image\":\"k\"}".getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void aRequestOnADeadConnectionIsSentOnceMoreOnANewClient() {
        List<String> sent = new ArrayList<>();
        DockerHttpClient client = reconnecting(new UncheckedIOException(new SocketException("Broken pipe")), sent);
        assertThat(client.execute(create()).getStatusCode()).isEqualTo(201);
        assertThat(sent).containsExactly("POST /containers/create", "POST /containers/create");
        client.execute(create());
        assertThat(sent).as("the new client stays").hasSize(3);
    }

    /** What CI saw: docker-java's own Unix socket reports EPIPE as a plain IOException, wrapped by its Apache transport. */
    @Test
    void brokenPipeFromDockerJavasUnixSocketIsADeadConnection() {
        List<String> sent = new ArrayList<>();
        DockerHttpClient client = reconnecting(new RuntimeException(new IOException("Broken pipe")), sent);
        assertThat(client.execute(create()).getStatusCode()).isEqualTo(201);
        assertThat(sent).hasSize(2);
    }

    @Test
    void aStreamedBodyIsNotSentTwice() {
        List<String> sent = new ArrayList<>();
        DockerHttpClient client = reconnecting(new UncheckedIOException(new SocketException("Connection reset")), sent);
        DockerHttpClient.Request build = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST).path("/build")
                .body(new ByteArrayInputStream(new byte[10])).build();
        assertThatThrownBy(() -> client.execute(build)).hasRootCauseMessage("Connection reset");
        assertThat(sent).hasSize(1);
        client.execute(create());
        assertThat(sent).as("the next request goes out on the new client").containsExactly("POST /build", "POST /containers/create");
    }

    @Test
    void otherFailuresAreNotRetried() {
        for (RuntimeException failure : List.of(new UncheckedIOException(new ConnectException("Connection refused")),
                new RuntimeException(new SocketException("No such file or directory")), // the engine's socket is not there
                new IllegalStateException("bad request"), new UncheckedIOException(new IOException("other")))) {
            List<String> sent = new ArrayList<>();
            DockerHttpClient client = reconnecting(failure, sent);
            assertThatThrownBy(() -> client.execute(create())).isSameAs(failure);
            assertThat(sent).as(failure.toString()).hasSize(1);
        }
    }
}
