package io.flowfile.kernel.client;

import io.flowfile.kernel.protocol.Channel;
import io.flowfile.kernel.protocol.JupyterMessage;
import io.flowfile.kernel.protocol.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The one thread that owns the shell, control, stdin and iopub sockets (ZeroMQ sockets are not
 * thread-safe). Other threads hand it messages through a queue and wake it through an inproc pair;
 * it sends them, and passes every inbound message that survives the codec's checks to the sink.
 */
final class SocketLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketLoop.class);
    private static final List<Channel> INBOUND = List.of(Channel.SHELL, Channel.CONTROL, Channel.STDIN, Channel.IOPUB);
    /**
     * The most messages read from one socket per turn of the loop: a kernel flooding iopub must not
     * keep queued sends (an interrupt on control) waiting; the rest is read in the next turn.
     */
    static final int MAX_MESSAGES_PER_TURN = 64;

    private record Outbound(Channel channel, JupyterMessage message) {}

    private final ZContext context;
    private final Function<Channel, String> addresses;
    private final MessageCodec codec;
    private final byte[] identity;
    private final BiConsumer<Channel, JupyterMessage> sink;
    private final Queue<Outbound> outbound = new ConcurrentLinkedQueue<>();
    private final String wakeAddress = "inproc://flowfile-wake-" + UUID.randomUUID();
    private final ZMQ.Socket wakeSender;
    private final Thread thread;
    private volatile boolean running = true;

    SocketLoop(ZContext context, Function<Channel, String> addresses, MessageCodec codec, String session,
               BiConsumer<Channel, JupyterMessage> sink) {
        this.context = context;
        this.addresses = addresses;
        this.codec = codec;
        this.identity = session.getBytes(StandardCharsets.UTF_8);
        this.sink = sink;
        ZMQ.Socket wakeReceiver = context.createSocket(SocketType.PAIR);
        wakeReceiver.bind(wakeAddress);
        this.wakeSender = context.createSocket(SocketType.PAIR);
        wakeSender.setLinger(0);
        wakeSender.connect(wakeAddress);
        this.thread = Thread.ofPlatform().daemon().name("kernel-sockets-" + session.substring(0, Math.min(8, session.length())))
                .unstarted(() -> run(wakeReceiver));
    }

    void start() {
        thread.start();
    }

    /** Queues a message for its channel; safe from any thread. */
    void send(Channel channel, JupyterMessage message) {
        outbound.add(new Outbound(channel, message));
        synchronized (wakeSender) {
            wakeSender.send(new byte[0], ZMQ.DONTWAIT);
        }
    }

    private void run(ZMQ.Socket wakeReceiver) {
        Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
        try (ZMQ.Poller poller = context.createPoller(INBOUND.size() + 1)) {
            for (Channel channel : INBOUND) {
                ZMQ.Socket socket = context.createSocket(channel == Channel.IOPUB ? SocketType.SUB : SocketType.DEALER);
                socket.setLinger(0);
                if (channel == Channel.IOPUB) {
                    socket.subscribe(new byte[0]);
                } else {
                    socket.setIdentity(identity);
                }
                socket.connect(addresses.apply(channel));
                sockets.put(channel, socket);
                poller.register(socket, ZMQ.Poller.POLLIN);
            }
            int wakeIndex = poller.register(wakeReceiver, ZMQ.Poller.POLLIN);
            boolean unread = false;
            while (running && !Thread.currentThread().isInterrupted()) {
                poller.poll(unread ? 0 : 200);
                if (poller.pollin(wakeIndex)) {
                    while (wakeReceiver.recv(ZMQ.DONTWAIT) != null) {
                        // drained: one wake-up may stand for several queued messages
                    }
                }
                flushOutbound(sockets);
                unread = false;
                for (int i = 0; i < INBOUND.size(); i++) {
                    if (poller.pollin(i)) {
                        unread |= drain(INBOUND.get(i), sockets.get(INBOUND.get(i)));
                    }
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("kernel socket loop stopped: {}", e.toString());
            }
        } finally {
            sockets.values().forEach(ZMQ.Socket::close);
            wakeReceiver.close();
        }
    }

    private void flushOutbound(Map<Channel, ZMQ.Socket> sockets) {
        Outbound next;
        while ((next = outbound.poll()) != null) {
            List<byte[]> frames = codec.encode(next.message());
            ZMQ.Socket socket = sockets.get(next.channel());
            for (int i = 0; i < frames.size(); i++) {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
    }

    /** Reads what waits on the socket, up to the bound; answers whether more may wait. */
    private boolean drain(Channel channel, ZMQ.Socket socket) {
        for (int read = 0; read < MAX_MESSAGES_PER_TURN; read++) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return false;
            }
            List<byte[]> frames = new ArrayList<>(8);
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            switch (codec.decode(frames)) {
                case MessageCodec.Decoded.Accepted accepted -> deliver(channel, accepted.message());
                case MessageCodec.Decoded.Rejected rejected ->
                        LOG.warn("dropped a message on {}: {} ({})", channel, rejected.reason(), rejected.detail());
            }
        }
        return true;
    }

    private void deliver(Channel channel, JupyterMessage message) {
        try {
            sink.accept(channel, message);
        } catch (RuntimeException e) {
            LOG.warn("handling a {} message failed: {}", message.messageType(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (wakeSender) {
            wakeSender.send(new byte[0], ZMQ.DONTWAIT);
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (wakeSender) {
            wakeSender.close();
        }
    }
}
