package io.flowfile.kernel.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.kernel.protocol.Channel;
import io.flowfile.kernel.protocol.ConnectionInfo;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.kernel.protocol.HmacSigner;
import io.flowfile.kernel.protocol.JupyterMessage;
import io.flowfile.kernel.protocol.MessageCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The socket thread against a hand-written kernel that floods iopub. Over inproc a message is
 * readable as soon as its send returns, so the kernel can keep the next output waiting whenever
 * the client looks: the flood never lets up, on every run.
 */
class SocketLoopTest {

    private static final int FLOOD = 5_000;
    /** The most outputs the kernel sends ahead of what the client has read (well below the high-water mark). */
    private static final int AHEAD = 100;

    @Test
    void anInterruptGoesOutWhileIopubFloods() throws Exception {
        String key = ConnectionInfo.newKey();
        String base = "inproc://flood-" + UUID.randomUUID() + "-";
        Function<Channel, String> addresses = channel -> base + channel.name();
        MessageCodec kernelCodec = new MessageCodec(new HmacSigner(key), 16);
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket iopub = context.createSocket(SocketType.PUB);
            iopub.bind(addresses.apply(Channel.IOPUB));
            ZMQ.Socket control = context.createSocket(SocketType.ROUTER);
            control.bind(addresses.apply(Channel.CONTROL));
            for (Channel channel : List.of(Channel.SHELL, Channel.STDIN)) {
                context.createSocket(SocketType.ROUTER).bind(addresses.apply(channel));
            }
            AtomicLong sent = new AtomicLong();
            AtomicLong read = new AtomicLong(-1);
            AtomicInteger firstRead = new AtomicInteger(-1);
            CompletableFuture<Long> interruptArrived = new CompletableFuture<>();
            CountDownLatch subscribed = new CountDownLatch(1);
            SocketLoop[] loop = new SocketLoop[1];
            loop[0] = new SocketLoop(context, addresses, new MessageCodec(new HmacSigner(key), 16), UUID.randomUUID().toString(),
                    (channel, message) -> {
                        if (channel != Channel.IOPUB) {
                            return;
                        }
                        if (message.messageType().equals("status")) {
                            subscribed.countDown();
                            return;
                        }
                        int index = ((Number) message.content(Content.CommMsg.class).data().get("i")).intValue();
                        if (firstRead.compareAndSet(-1, index)) {
                            // Asked for while the client is busy reading outputs, as a user's interrupt is.
                            loop[0].send(Channel.CONTROL, MessageCodec.create(new Content.InterruptRequest(), "client", Optional.empty()));
                        }
                        read.set(index);
                        // The next output is waiting before the client looks for it.
                        while (sent.get() < Math.min(index + 2, FLOOD) && !interruptArrived.isDone()) {
                            Thread.onSpinWait();
                        }
                    });
            Thread kernel = Thread.ofPlatform().name("flooding-kernel").unstarted(() -> {
                // A publisher drops what it sends before the subscription arrives: probe until one gets through.
                while (!awaitQuietly(subscribed)) {
                    send(iopub, kernelCodec.encode(MessageCodec.create(new Content.Status("starting"), "kernel", Optional.empty())));
                }
                for (int i = 0; i < FLOOD && !interruptArrived.isDone(); i++) {
                    while (i - read.get() > AHEAD && !interruptArrived.isDone()) {
                        Thread.onSpinWait();
                    }
                    send(iopub, kernelCodec.encode(MessageCodec.create(new Content.CommMsg("flood", Map.of("i", i)), "kernel", Optional.empty())));
                    sent.set(i + 1);
                    if (control.recv(ZMQ.DONTWAIT) != null) {
                        interruptArrived.complete(sent.get());
                    }
                }
                control.setReceiveTimeOut(5_000);
                if (!interruptArrived.isDone() && control.recv(0) != null) {
                    interruptArrived.complete(sent.get());
                }
            });
            loop[0].start();
            kernel.start();
            try {
                long sentWhenInterrupted = interruptArrived.get(30, TimeUnit.SECONDS);
                assertThat(sentWhenInterrupted - firstRead.get()).as("outputs sent after the interrupt was asked for")
                        .isLessThan(FLOOD / 2);
            } finally {
                interruptArrived.complete(-1L);
                kernel.join(10_000);
                loop[0].close();
            }
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(1, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
