package io.flowfile.kernel.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.kernel.protocol.ConnectionInfo;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.kernel.protocol.HmacSigner;
import io.flowfile.kernel.protocol.JupyterMessage;
import io.flowfile.kernel.protocol.MessageCodec;
import io.flowfile.kernel.protocol.Rejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The client's side of message security, against a hand-written peer that plays a hostile kernel
 * (a real ipykernel never sends forged replies, so this is the only way to send one).
 */
class KernelClientTest {

    @Test
    void forgedAndReplayedRepliesAreDroppedCountedAndNeverActedOn() throws Exception {
        String key = ConnectionInfo.newKey();
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket shell = context.createSocket(SocketType.ROUTER);
            int shellPort = shell.bindToRandomPort("tcp://127.0.0.1");
            ZMQ.Socket iopub = context.createSocket(SocketType.PUB);
            int iopubPort = iopub.bindToRandomPort("tcp://127.0.0.1");
            ZMQ.Socket other = context.createSocket(SocketType.ROUTER);
            int otherPort = other.bindToRandomPort("tcp://127.0.0.1");
            ConnectionInfo connection = new ConnectionInfo("tcp", "127.0.0.1", shellPort, iopubPort, otherPort, otherPort, otherPort,
                    key, "hmac-sha256", "python3");
            try (KernelClient client = KernelClient.connect(connection, ClientOptions.defaults()
                    .withHeartbeat(Duration.ofSeconds(30), Duration.ofSeconds(30), 3))) {
                CompletableFuture<JupyterMessage> reply = client.requestAsync(new Content.KernelInfoRequest(), Duration.ofSeconds(10));
                List<byte[]> request = receive(shell);
                MessageCodec peer = new MessageCodec(new HmacSigner(key), 16);
                JupyterMessage received = ((MessageCodec.Decoded.Accepted) peer.decode(request)).message();
                List<byte[]> identity = request.subList(0, 1);

                MessageCodec forger = new MessageCodec(new HmacSigner("wrong key"), 16);
                send(shell, withIdentity(identity, forger.encode(answer(received))));
                Thread.sleep(300);
                assertThat(reply).as("a forged reply is not accepted").isNotDone();

                List<byte[]> genuine = withIdentity(identity, peer.encode(answer(received)));
                send(shell, genuine);
                assertThat(reply.get(5, TimeUnit.SECONDS).content(Content.KernelInfoReply.class).implementation()).isEqualTo("fake");
                send(shell, genuine);
                Thread.sleep(300);
                assertThat(client.rejections()).containsEntry(Rejection.BAD_SIGNATURE, 1L).containsEntry(Rejection.REPLAYED, 1L);
            }
        }
    }

    private static JupyterMessage answer(JupyterMessage request) {
        return MessageCodec.create(new Content.KernelInfoReply("ok", "5.3", "fake", "1", null, ""), "peer", Optional.of(request.header()));
    }

    private static List<byte[]> withIdentity(List<byte[]> identity, List<byte[]> frames) {
        List<byte[]> all = new ArrayList<>(identity);
        all.addAll(frames);
        return all;
    }

    /** One whole message; fails the test after 10 s instead of waiting for ever. */
    private static List<byte[]> receive(ZMQ.Socket socket) {
        socket.setReceiveTimeOut(10_000);
        List<byte[]> frames = new ArrayList<>();
        byte[] first = socket.recv(0);
        if (first == null) {
            throw new AssertionError("no message from the client within 10 s");
        }
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

}
