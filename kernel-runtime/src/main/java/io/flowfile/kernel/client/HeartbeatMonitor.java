package io.flowfile.kernel.client;

import io.flowfile.kernel.protocol.Channel;
import io.flowfile.kernel.protocol.ConnectionInfo;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pings the kernel's heartbeat channel (a REQ socket the kernel echoes on a thread of its own, so
 * it answers while a cell runs). After {@code misses} unanswered pings in a row the kernel is
 * reported lost, once; a REQ socket that timed out is replaced, as its state machine is stuck.
 */
final class HeartbeatMonitor implements AutoCloseable {

    /** Told when the kernel stops answering. */
    interface Listener {
        void heartbeatLost(int misses, Duration silence);
    }

    private final ZContext context;
    private final String address;
    private final ClientOptions options;
    private final Listener listener;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastAnswerNanos = System.nanoTime();

    HeartbeatMonitor(ZContext context, ConnectionInfo connection, ClientOptions options, Listener listener) {
        this.context = context;
        this.address = connection.address(Channel.HEARTBEAT);
        this.options = options;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("kernel-heartbeat").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    boolean lost() {
        return lost.get();
    }

    private void run() {
        ZMQ.Socket socket = newSocket();
        int misses = 0;
        byte[] ping = "ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            while (running) {
                socket.send(ping, 0);
                try (ZMQ.Poller poller = context.createPoller(1)) {
                    poller.register(socket, ZMQ.Poller.POLLIN);
                    long deadline = System.nanoTime() + options.heartbeatTimeout().toNanos();
                    // In short slices, so close() is never kept waiting for a whole timeout.
                    while (running && !poller.pollin(0) && System.nanoTime() < deadline) {
                        poller.poll(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
                    }
                    if (!running) {
                        break;
                    }
                    if (poller.pollin(0)) {
                        socket.recv(0);
                        misses = 0;
                        lastAnswerNanos = System.nanoTime();
                    } else if (running) {
                        misses++;
                        socket.close();
                        socket = newSocket();
                        if (misses >= options.heartbeatMisses() && lost.compareAndSet(false, true)) {
                            listener.heartbeatLost(misses, Duration.ofNanos(System.nanoTime() - lastAnswerNanos));
                        }
                    }
                }
                sleep(options.heartbeatInterval());
            }
        } catch (RuntimeException e) {
            if (running) {
                throw e;
            }
        } finally {
            socket.close();
        }
    }

    private ZMQ.Socket newSocket() {
        ZMQ.Socket socket = context.createSocket(SocketType.REQ);
        socket.setLinger(0);
        socket.connect(address);
        return socket;
    }

    private void sleep(Duration duration) {
        // parkNanos, not Thread.sleep + interrupt: an interrupt would close JeroMQ's NIO signalling pipes.
        java.util.concurrent.locks.LockSupport.parkNanos(duration.toNanos());
    }

    @Override
    public void close() {
        running = false;
        java.util.concurrent.locks.LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
