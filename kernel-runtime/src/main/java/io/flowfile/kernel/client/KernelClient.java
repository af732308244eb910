package io.flowfile.kernel.client;

import static java.util.Objects.requireNonNull;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.protocol.Channel;
import io.flowfile.kernel.protocol.ConnectionInfo;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.kernel.protocol.HmacSigner;
import io.flowfile.kernel.protocol.JupyterMessage;
import io.flowfile.kernel.protocol.MessageCodec;
import io.flowfile.kernel.protocol.MessageType;
import io.flowfile.kernel.protocol.Rejection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * A Jupyter client for one kernel: requests and replies on shell and control, outputs from iopub
 * streamed to a listener while the cell runs, {@code input()} answered on stdin, comms both ways,
 * and a heartbeat. Every call has a timeout. Thread-safe.
 *
 * <p>Listeners run on a callback thread of their own, in arrival order. Futures complete on the
 * socket thread when nothing is left to deliver (so a waiting caller wakes without another hop):
 * code chained onto them must not block.
 */
public final class KernelClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelClient.class);

    /** Told about the kernel's health and about comm messages from the kernel. */
    public interface Listener {
        default void heartbeatLost(Duration silence) {}

        default void comm(JupyterMessage message) {}
    }

    private final ConnectionInfo connection;
    private final ClientOptions options;
    private final ZContext context = new ZContext(1);
    private final MessageCodec codec;
    private final SocketLoop sockets;
    private final HeartbeatMonitor heartbeat;
    private final ExecutorService callbacks;
    private final ScheduledExecutorService timer;
    private final Map<String, CompletableFuture<JupyterMessage>> requests = new ConcurrentHashMap<>();
    private final Map<String, PendingExecution> executions = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean iopubAlive;
    private volatile boolean closed;

    private KernelClient(ConnectionInfo connection, ClientOptions options) {
        this.connection = requireNonNull(connection, "connection is null");
        this.options = requireNonNull(options, "options is null");
        this.codec = new MessageCodec(new HmacSigner(connection.key()), options.replayWindow());
        String name = options.session().substring(0, Math.min(8, options.session().length()));
        this.callbacks = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("kernel-callbacks-" + name).factory());
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("kernel-timer-" + name).factory());
        this.sockets = new SocketLoop(context, connection::address, codec, options.session(), this::route);
        this.heartbeat = new HeartbeatMonitor(context, connection, options, this::onHeartbeatLost);
    }

    /** Connects the five channels (ZeroMQ connects lazily: nothing is sent yet). */
    public static KernelClient connect(ConnectionInfo connection, ClientOptions options) {
        KernelClient client = new KernelClient(connection, options);
        client.sockets.start();
        client.heartbeat.start();
        return client;
    }

    public ConnectionInfo connection() {
        return connection;
    }

    public void addListener(Listener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Waits until the kernel answers kernel_info and iopub delivers (so no output is lost to a
     * subscription that is not yet live), retrying the request as a starting kernel may miss it.
     */
    public Content.KernelInfoReply waitForReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration attempt = Duration.ofMillis(250);
        Content.KernelInfoReply reply = null;
        while (System.nanoTime() < deadline) {
            try {
                reply = request(new Content.KernelInfoRequest(), attempt).content(Content.KernelInfoReply.class);
                if (iopubAlive) {
                    return reply;
                }
            } catch (KernelException e) {
                if (e.code() != KernelErrorCode.EXECUTION_TIMEOUT) {
                    throw e;
                }
                attempt = Duration.ofMillis(Math.min(attempt.toMillis() * 2, 1_000));
            }
        }
        throw new KernelException(KernelErrorCode.EXECUTION_TIMEOUT, "the kernel at " + connection.ip()
                + " did not become ready within " + timeout.toMillis() + " ms"
                + (reply == null ? " (no kernel_info_reply)" : " (iopub delivered nothing)"));
    }

    /** Sends a request on its channel and waits for the reply. */
    public JupyterMessage request(Content content, Duration timeout) {
        return await(requestAsync(content, timeout), timeout);
    }

    public CompletableFuture<JupyterMessage> requestAsync(Content content, Duration timeout) {
        ensureOpen();
        MessageType type = MessageType.of(content);
        JupyterMessage message = MessageCodec.create(content, options.session(), Optional.empty());
        CompletableFuture<JupyterMessage> reply = new CompletableFuture<>();
        String id = message.header().messageId();
        requests.put(id, reply);
        reply.whenComplete((ignored, error) -> requests.remove(id));
        timeout(reply, timeout, "no " + type.wireName().replace("_request", "_reply") + " within " + timeout.toMillis() + " ms");
        sockets.send(type.channel(), message);
        return reply;
    }

    /** Runs code; outputs stream to the listener; the result completes once all outputs arrived. */
    public Execution execute(Content.ExecuteRequest request, ExecutionListener listener, Optional<InputHandler> input,
                             Duration timeout) {
        ensureOpen();
        Content.ExecuteRequest sent = request.withAllowStdin(input.isPresent());
        JupyterMessage message = MessageCodec.create(sent, options.session(), Optional.empty());
        String id = message.header().messageId();
        PendingExecution pending = new PendingExecution(id, listener, input, System.nanoTime());
        executions.put(id, pending);
        pending.result.whenComplete((ignored, error) -> executions.remove(id));
        timeout(pending.result, timeout, "the cell did not finish within " + timeout.toMillis() + " ms");
        sockets.send(Channel.SHELL, message);
        return new Execution(id, pending.result);
    }

    public ExecutionResult execute(String code, Duration timeout) {
        return await(execute(Content.ExecuteRequest.of(code), ExecutionListener.NONE, Optional.empty(), timeout).result(), timeout);
    }

    /** Asks the kernel (on control) to raise KeyboardInterrupt in the running cell. */
    public Content.InterruptReply interrupt(Duration timeout) {
        return request(new Content.InterruptRequest(), timeout).content(Content.InterruptReply.class);
    }

    public Content.ShutdownReply shutdown(boolean restart, Duration timeout) {
        return request(new Content.ShutdownRequest(restart), timeout).content(Content.ShutdownReply.class);
    }

    public Content.CompleteReply complete(String code, int cursor, Duration timeout) {
        return request(new Content.CompleteRequest(code, cursor), timeout).content(Content.CompleteReply.class);
    }

    public Content.InspectReply inspect(String code, int cursor, Duration timeout) {
        return request(new Content.InspectRequest(code, cursor, 0), timeout).content(Content.InspectReply.class);
    }

    public Content.IsCompleteReply isComplete(String code, Duration timeout) {
        return request(new Content.IsCompleteRequest(code), timeout).content(Content.IsCompleteReply.class);
    }

    /** Sends comm_open, comm_msg or comm_close to the kernel (no reply is expected). */
    public void sendComm(Content comm, Optional<JupyterMessage> inReplyTo) {
        ensureOpen();
        if (!(comm instanceof Content.CommOpen || comm instanceof Content.CommMsg || comm instanceof Content.CommClose)) {
            throw new IllegalArgumentException("not a comm message: " + comm.getClass().getSimpleName());
        }
        sockets.send(Channel.SHELL, MessageCodec.create(comm, options.session(), inReplyTo.map(JupyterMessage::header)));
    }

    /** Inbound messages dropped without being acted on, by reason. */
    public Map<Rejection, Long> rejections() {
        return codec.rejections();
    }

    public boolean heartbeatLost() {
        return heartbeat.lost();
    }

    // ---- inbound routing (socket thread)

    private void route(Channel channel, JupyterMessage message) {
        switch (channel) {
            case SHELL, CONTROL -> routeReply(message);
            case IOPUB -> routeIopub(message);
            case STDIN -> routeInputRequest(message);
            case HEARTBEAT -> { }
        }
    }

    private void routeReply(JupyterMessage message) {
        PendingExecution execution = executions.get(message.parentId());
        if (execution != null && message.messageType().equals("execute_reply")) {
            execution.reply = message.content(Content.ExecuteReply.class);
            completeWhenDone(execution);
            return;
        }
        CompletableFuture<JupyterMessage> reply = requests.get(message.parentId());
        if (reply != null) {
            reply.complete(message);
        }
    }

    private void routeIopub(JupyterMessage message) {
        iopubAlive = true;
        String type = message.messageType();
        PendingExecution execution = executions.get(message.parentId());
        if (type.startsWith("comm_")) {
            // Counted against the execution that sent it, so its result completes after the comm is handled.
            if (execution != null) {
                execution.undelivered.incrementAndGet();
            }
            callbacks.execute(() -> {
                if (execution != null) {
                    safely(() -> execution.listener.onComm(message));
                }
                listeners.forEach(listener -> safely(() -> listener.comm(message)));
                if (execution != null) {
                    execution.undelivered.decrementAndGet();
                }
            });
            return;
        }
        if (execution == null) {
            return;
        }
        if (type.equals("status")) {
            if ("idle".equals(message.content(Content.Status.class).executionState())) {
                execution.idle = true;
                completeWhenDone(execution);
            }
            return;
        }
        ExecutionListener listener = execution.listener;
        Runnable delivery = switch (type) {
            case "stream" -> () -> listener.onStream(message.content(Content.Stream.class));
            case "display_data" -> () -> listener.onDisplayData(message.content(Content.DisplayData.class));
            case "update_display_data" -> () -> listener.onUpdateDisplayData(message.content(Content.UpdateDisplayData.class));
            case "execute_result" -> () -> listener.onExecuteResult(message.content(Content.ExecuteResult.class));
            case "error" -> () -> listener.onError(message.content(Content.Error.class));
            case "clear_output" -> () -> listener.onClearOutput(message.content(Content.ClearOutput.class));
            default -> null;
        };
        if (delivery != null && listener != ExecutionListener.NONE) {
            execution.undelivered.incrementAndGet();
            callbacks.execute(() -> {
                safely(delivery);
                execution.undelivered.decrementAndGet();
            });
        }
    }

    private void routeInputRequest(JupyterMessage message) {
        PendingExecution execution = executions.get(message.parentId());
        if (execution == null || execution.input.isEmpty() || !message.messageType().equals("input_request")) {
            return;
        }
        Content.InputRequest request = message.content(Content.InputRequest.class);
        InputHandler handler = execution.input.get();
        // Answered off the socket thread: a person may take a while to type.
        Thread.ofVirtual().name("kernel-input").start(() -> {
            try {
                String value = handler.answer(request);
                sockets.send(Channel.STDIN, MessageCodec.create(new Content.InputReply(value == null ? "" : value),
                        options.session(), Optional.of(message.header())));
            } catch (Exception e) {
                LOG.info("no answer for input({}): {}; interrupting the cell", request.prompt(), e.toString());
                requestAsync(new Content.InterruptRequest(), Duration.ofSeconds(5));
            }
        });
    }

    private void completeWhenDone(PendingExecution execution) {
        if (execution.reply != null && execution.idle) {
            ExecutionResult result = new ExecutionResult(execution.messageId, execution.reply,
                    Duration.ofNanos(System.nanoTime() - execution.startNanos));
            if (execution.undelivered.get() == 0) {
                execution.result.complete(result); // nothing left to deliver: no extra thread hop
            } else {
                // Queued behind the outputs already handed to the callback thread, so they come first.
                callbacks.execute(() -> execution.result.complete(result));
            }
        }
    }

    private void onHeartbeatLost(int misses, Duration silence) {
        KernelException lost = new KernelException(KernelErrorCode.HEARTBEAT_LOST,
                "the kernel stopped answering its heartbeat (" + misses + " pings unanswered, silent for "
                        + silence.toMillis() + " ms)");
        failAll(lost);
        callbacks.execute(() -> listeners.forEach(listener -> safely(() -> listener.heartbeatLost(silence))));
    }

    /** Fails every call in flight, e.g. when the manager learns the container died. */
    public void failAll(KernelException cause) {
        requests.values().forEach(reply -> reply.completeExceptionally(cause));
        executions.values().forEach(execution -> execution.result.completeExceptionally(cause));
    }

    private void timeout(CompletableFuture<?> future, Duration timeout, String message) {
        var task = timer.schedule(() -> future.completeExceptionally(
                new KernelException(KernelErrorCode.EXECUTION_TIMEOUT, message)), timeout.toNanos(), TimeUnit.NANOSECONDS);
        future.whenComplete((ignored, error) -> task.cancel(false));
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout) {
        try {
            // The future carries its own timeout; the extra second only guards against a lost timer.
            return future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof KernelException kernel) {
                throw kernel;
            }
            throw new KernelException(KernelErrorCode.PROTOCOL_ERROR, "kernel call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KernelException(KernelErrorCode.EXECUTION_TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException(KernelErrorCode.CANCELLED, "interrupted while waiting for the kernel");
        }
    }

    private static void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("kernel listener failed: {}", e.toString());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new KernelException(KernelErrorCode.KERNEL_STOPPED, "the client for kernel at " + connection.ip() + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        failAll(new KernelException(KernelErrorCode.KERNEL_STOPPED, "the kernel client was closed"));
        heartbeat.close();
        sockets.close();
        callbacks.shutdown();
        timer.shutdownNow();
        context.close();
    }

    private static final class PendingExecution {
        final String messageId;
        final ExecutionListener listener;
        final Optional<InputHandler> input;
        final long startNanos;
        final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        /** Outputs handed to the callback thread and not yet delivered. */
        final java.util.concurrent.atomic.AtomicInteger undelivered = new java.util.concurrent.atomic.AtomicInteger();
        // Written and read on the socket thread only.
        Content.ExecuteReply reply;
        boolean idle;

        PendingExecution(String messageId, ExecutionListener listener, Optional<InputHandler> input, long startNanos) {
            this.messageId = messageId;
            this.listener = listener;
            this.input = input;
            this.startNanos = startNanos;
        }
    }
}
