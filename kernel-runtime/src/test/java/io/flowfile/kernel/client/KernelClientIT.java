package io.flowfile.kernel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.KernelRuntimeConfig;
import io.flowfile.kernel.docker.ContainerSpec;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.docker.KernelContainer;
import io.flowfile.kernel.docker.ResourceProfile;
import io.flowfile.kernel.protocol.Channel;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.kernel.protocol.HmacSigner;
import io.flowfile.kernel.protocol.JupyterMessage;
import io.flowfile.kernel.protocol.MessageCodec;
import io.flowfile.kernel.testing.KernelTesting;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Our Jupyter client against a real ipykernel in a real container. */
class KernelClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static DockerProvisioner provisioner;
    private static KernelContainer container;
    private static KernelClient client;

    @BeforeAll
    static void startKernel() throws Exception {
        KernelRuntimeConfig config = KernelTesting.config("client");
        provisioner = new DockerProvisioner(config);
        provisioner.ping();
        container = provisioner.create(new ContainerSpec(config.image(), "client-test", "client-kernel",
                new ResourceProfile(1L << 30, 1_000_000_000L, 0)));
        client = KernelClient.connect(container.connection(), ClientOptions.defaults());
        Content.KernelInfoReply info = client.waitForReady(Duration.ofSeconds(60));
        assertThat(info.languageInfo().name()).isEqualTo("python");
        assertThat(info.protocolVersion()).startsWith("5.");
    }

    @AfterAll
    static void removeKernel() {
        if (client != null) {
            client.close();
        }
        if (container != null) {
            provisioner.remove(container.id());
        }
        if (provisioner != null) {
            provisioner.close();
        }
    }

    /** Collects everything a listener receives. */
    static final class Recorder implements ExecutionListener {
        final List<Content> outputs = new CopyOnWriteArrayList<>();

        @Override public void onStream(Content.Stream stream) { outputs.add(stream); }
        @Override public void onDisplayData(Content.DisplayData display) { outputs.add(display); }
        @Override public void onUpdateDisplayData(Content.UpdateDisplayData update) { outputs.add(update); }
        @Override public void onExecuteResult(Content.ExecuteResult result) { outputs.add(result); }
        @Override public void onError(Content.Error error) { outputs.add(error); }
        @Override public void onClearOutput(Content.ClearOutput clear) { outputs.add(clear); }

        String streamText(String name) {
            StringBuilder text = new StringBuilder();
            outputs.stream().filter(Content.Stream.class::isInstance).map(Content.Stream.class::cast)
                    .filter(stream -> stream.name().equals(name)).forEach(stream -> text.append(stream.text()));
            return text.toString();
        }
    }

    private ExecutionResult run(String code, ExecutionListener listener) throws Exception {
        return client.execute(Content.ExecuteRequest.of(code), listener, Optional.empty(), TIMEOUT).result()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void streamsStdoutAndStderrAsTheyArrive() throws Exception {
        Recorder recorder = new Recorder();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        ExecutionListener timed = new ExecutionListener() {
            @Override public void onStream(Content.Stream stream) {
                arrivals.add(System.nanoTime());
                recorder.onStream(stream);
            }
        };
        long start = System.nanoTime();
        ExecutionResult result = run("import sys, time\nprint('first', flush=True)\ntime.sleep(0.8)\nprint('second')\nprint('oops', file=sys.stderr)", timed);
        long end = System.nanoTime();
        assertThat(result.ok()).isTrue();
        assertThat(recorder.streamText("stdout")).isEqualTo("first\nsecond\n");
        assertThat(recorder.streamText("stderr")).isEqualTo("oops\n");
        // The first line reached us while the cell was still sleeping.
        assertThat(end - arrivals.getFirst()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(arrivals.getFirst() - start).isGreaterThan(0);
    }

    @Test
    void deliversExecuteResultAndDisplayData() throws Exception {
        Recorder recorder = new Recorder();
        ExecutionResult result = run("from IPython.display import display, HTML\n"
                + "h = display(HTML('<b>x</b>'), display_id=True)\nh.update(HTML('<b>y</b>'))\n40 + 2", recorder);
        assertThat(result.ok()).isTrue();
        assertThat(result.reply().executionCount()).isPositive();
        assertThat(recorder.outputs).anySatisfy(output -> assertThat(output).isInstanceOfSatisfying(Content.DisplayData.class,
                display -> assertThat(display.data()).containsEntry("text/html", "<b>x</b>")));
        assertThat(recorder.outputs).anySatisfy(output -> assertThat(output).isInstanceOfSatisfying(Content.UpdateDisplayData.class,
                update -> assertThat(update.data()).containsEntry("text/html", "<b>y</b>")));
        assertThat(recorder.outputs.getLast()).isInstanceOfSatisfying(Content.ExecuteResult.class,
                executed -> assertThat(executed.data()).containsEntry("text/plain", "42"));
    }

    @Test
    void reportsAnErrorWithItsTraceback() throws Exception {
        Recorder recorder = new Recorder();
        ExecutionResult result = run("def inner():\n    raise ValueError('bad value 7')\ninner()", recorder);
        assertThat(result.ok()).isFalse();
        assertThat(result.errorName()).isEqualTo("ValueError");
        assertThat(result.errorValue()).isEqualTo("bad value 7");
        assertThat(String.join("\n", result.traceback())).contains("inner()").contains("bad value 7");
        assertThat(recorder.outputs).anySatisfy(output -> assertThat(output).isInstanceOf(Content.Error.class));
    }

    @Test
    void answersInputFromTheCaller() throws Exception {
        Recorder recorder = new Recorder();
        ExecutionResult result = client.execute(Content.ExecuteRequest.of("name = input('Your name? ')\nprint('hello', name)"),
                recorder, Optional.of(request -> request.prompt().equals("Your name? ") ? "Ada" : "?"), TIMEOUT).result().get(30, TimeUnit.SECONDS);
        assertThat(result.ok()).isTrue();
        assertThat(recorder.streamText("stdout")).isEqualTo("hello Ada\n");
    }

    @Test
    void inputWithoutAnAnswererIsAClearError() throws Exception {
        ExecutionResult result = run("input('x? ')", ExecutionListener.NONE);
        assertThat(result.ok()).isFalse();
        assertThat(result.errorName()).as(result.reply().toString()).isEqualTo("StdinNotImplementedError");
        assertThat(result.errorValue()).contains("input");
    }

    @Test
    void interruptsSleepAndABusyLoop() throws Exception {
        for (String code : List.of("import time\ntime.sleep(60)", "while True:\n    pass")) {
            Execution execution = client.execute(Content.ExecuteRequest.of(code), ExecutionListener.NONE, Optional.empty(), TIMEOUT);
            Thread.sleep(500);
            long start = System.nanoTime();
            client.interrupt(Duration.ofSeconds(5));
            ExecutionResult result = execution.result().get(10, TimeUnit.SECONDS);
            assertThat(result.errorName()).as(code).isEqualTo("KeyboardInterrupt");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
        assertThat(client.execute("1 + 1", TIMEOUT).ok()).isTrue();
    }

    @Test
    void completesInspectsAndChecksCompleteness() {
        client.execute("alpha_value = 3", TIMEOUT);
        assertThat(client.complete("alpha_v", 7, TIMEOUT).matches()).contains("alpha_value");
        Content.InspectReply inspect = client.inspect("len", 3, TIMEOUT);
        assertThat(inspect.found()).isTrue();
        assertThat(client.isComplete("for i in range(3):", TIMEOUT).status()).isEqualTo("incomplete");
        assertThat(client.isComplete("x = 1", TIMEOUT).status()).isEqualTo("complete");
    }

    @Test
    void timesOutACellThatRunsTooLong() {
        assertThatThrownBy(() -> client.execute("import time\ntime.sleep(5)", Duration.ofMillis(300)))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.code()).isEqualTo(KernelErrorCode.EXECUTION_TIMEOUT));
        client.interrupt(Duration.ofSeconds(5));
        // The kernel aborts requests queued behind the interrupted cell; wait until it takes work again.
        for (int attempt = 0; attempt < 20 && !client.execute("pass", TIMEOUT).ok(); attempt++) {
            Thread.onSpinWait();
        }
    }

    @Test
    void theCommMessagesOfAnExecutionReachItsListenerBeforeItsResult() throws Exception {
        List<JupyterMessage> comms = new CopyOnWriteArrayList<>();
        ExecutionResult result = run("from comm import create_comm\nc = create_comm(target_name='flowfile.engine', data={'a': 1})\n"
                + "c.send({'request_id': 'r1', 'action': 'ping'})", new ExecutionListener() {
                    @Override
                    public void onComm(JupyterMessage message) {
                        comms.add(message);
                    }
                });
        assertThat(result.ok()).as(result.errorValue()).isTrue();
        assertThat(comms).extracting(JupyterMessage::messageType).containsExactly("comm_open", "comm_msg");
        assertThat(comms.get(1).content(Content.CommMsg.class).data()).containsEntry("action", "ping");
        // A later execution's comm messages go to its own listener, not to the first one.
        List<JupyterMessage> other = new CopyOnWriteArrayList<>();
        assertThat(run("c.close()", new ExecutionListener() {
            @Override
            public void onComm(JupyterMessage message) {
                other.add(message);
            }
        }).ok()).isTrue();
        assertThat(other).extracting(JupyterMessage::messageType).containsExactly("comm_close");
        assertThat(comms).hasSize(2);
    }

    @Test
    void receivesCommMessagesFromTheKernel() throws Exception {
        List<JupyterMessage> comms = new CopyOnWriteArrayList<>();
        client.addListener(new KernelClient.Listener() {
            @Override public void comm(JupyterMessage message) { comms.add(message); }
        });
        ExecutionResult result = client.execute("from comm import create_comm\nc = create_comm(target_name='flowfile.test', data={'hello': 1})\n"
                + "c.on_msg(lambda msg: c.send({'echo': msg['content']['data']['n'] * 10}))\n"
                + "c.send({'n': 2})", TIMEOUT);
        assertThat(result.ok()).as(result.errorValue()).isTrue();
        assertThat(comms).extracting(JupyterMessage::messageType).contains("comm_open", "comm_msg");
        Content.CommOpen opened = comms.stream().filter(m -> m.messageType().equals("comm_open")).findFirst().orElseThrow()
                .content(Content.CommOpen.class);
        assertThat(opened.targetName()).isEqualTo("flowfile.test");
        // And back: a comm_msg from us reaches the kernel's handler, which answers on the same comm.
        client.sendComm(new Content.CommMsg(opened.commId(), java.util.Map.of("n", 4)), Optional.empty());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (comms.stream().noneMatch(m -> m.messageType().equals("comm_msg")
                && Integer.valueOf(40).equals(m.content(Content.CommMsg.class).data().get("echo"))) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(comms).anySatisfy(m -> assertThat(m.content().path("data").path("echo").asInt()).isEqualTo(40));
    }

    @Test
    void theKernelIgnoresForgedAndReplayedRequests() throws Exception {
        assertThat(client.execute("counter = 0", TIMEOUT).ok()).isTrue();
        try (ZContext context = new ZContext(1)) {
            MessageCodec real = new MessageCodec(new HmacSigner(container.connection().key()), 16);
            ZMQ.Socket shell = connectAnsweredShell(context, real);
            MessageCodec forger = new MessageCodec(new HmacSigner("not-the-key"), 16);
            send(shell, forger.encode(MessageCodec.create(Content.ExecuteRequest.of("counter += 100"), "intruder", Optional.empty())));
            List<byte[]> once = real.encode(MessageCodec.create(Content.ExecuteRequest.of("counter += 1"), "replayer", Optional.empty()));
            send(shell, once);
            send(shell, once);
            // The genuine request is delivered eventually (a busy machine may take seconds to connect);
            // wait for it, bounded, before closing the socket, then give a replay time to land too.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!counter().equals("1\n") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_000);
        }
        assertThat(counter()).isEqualTo("1\n");
    }

    /**
     * A shell socket of the test's own on which the kernel has answered a genuine kernel_info_request, so what
     * follows reaches the kernel. A connection through Docker's port proxy can stall while it is first made
     * (CI saw one socket get no answer for 30 s while the shared client worked), so each attempt is a fresh
     * socket given 3 s, for at most 60 s in all.
     */
    private static ZMQ.Socket connectAnsweredShell(ZContext context, MessageCodec real) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
            ZMQ.Socket shell = context.createSocket(SocketType.DEALER);
            shell.setLinger(0);
            shell.setIdentity(("replayer-" + attempt).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            shell.setReceiveTimeOut(3_000);
            shell.connect(container.connection().address(Channel.SHELL));
            send(shell, real.encode(MessageCodec.create(new Content.KernelInfoRequest(), "replayer", Optional.empty())));
            if (shell.recv() != null) {
                while (shell.hasReceiveMore()) {
                    shell.recv();
                }
                return shell;
            }
            context.destroySocket(shell);
        }
        // Say whether the kernel still answers the shared client: a dead kernel and a lost socket are different failures.
        boolean kernelAnswers = client.request(new Content.KernelInfoRequest(), Duration.ofSeconds(5)) != null;
        throw new AssertionError("no kernel_info_reply on a fresh shell socket within 60 s (the shared client "
                + (kernelAnswers ? "is answered" : "is not answered") + ")");
    }

    private String counter() throws Exception {
        Recorder recorder = new Recorder();
        run("print(counter)", recorder);
        return recorder.streamText("stdout");
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
