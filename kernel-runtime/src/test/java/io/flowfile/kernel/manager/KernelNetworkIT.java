package io.flowfile.kernel.manager;

import static io.flowfile.kernel.testing.KernelTesting.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.WaitContainerResultCallback;
import io.flowfile.kernel.docker.DockerProvisioner;
import io.flowfile.kernel.testing.KernelTesting;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Kernels reach nothing but their engine. From inside a real kernel: a service on every host
 * address (as PostgreSQL or {@code flowfile serve --host 0.0.0.0} would be), PostgreSQL's port on
 * the host, another owner's kernel, outside addresses and name lookups are all refused, while the
 * engine still drives the kernel. A container of the same image without the guard reaches the host
 * service, so the probe can tell.
 */
class KernelNetworkIT {

    /** Tries each target from Python; prints "name: reached" or "name: refused (...)". */
    private static final String PROBE = """
            import socket
            def probe(name, host, port, kind=socket.SOCK_STREAM):
                s = socket.socket(socket.AF_INET, kind)
                s.settimeout(3)
                try:
                    if kind == socket.SOCK_STREAM:
                        s.connect((host, port))
                    else:
                        s.sendto(b"\\x00" * 12, (host, port))
                        s.recvfrom(512)
                    print(f"{name}: reached")
                except OSError as e:
                    print(f"{name}: refused ({type(e).__name__}: {e})")
                finally:
                    s.close()
            def lookup(name, host):
                try:
                    socket.getaddrinfo(host, 80)
                    print(f"{name}: reached")
                except OSError as e:
                    print(f"{name}: refused ({type(e).__name__}: {e})")
            """;

    private KernelManager manager;

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void aKernelAnswersItsEngineAndReachesNothingElse(TestInfo test) throws Exception {
        manager = new KernelManager(KernelTesting.config(test.getTestMethod().orElseThrow().getName()));
        manager.define(KernelDefinition.of("probe", "alice"));
        manager.define(KernelDefinition.of("bobs", "bob"));
        String probe = manager.start("probe").get(60, TimeUnit.SECONDS).containerId().orElseThrow();
        String bobs = manager.start("bobs").get(60, TimeUnit.SECONDS).containerId().orElseThrow();
        DockerProvisioner docker = manager.provisioner();
        String gateway = docker.docker().inspectContainerCmd(probe).exec().getNetworkSettings().getGateway();
        String bobsAddress = docker.docker().inspectContainerCmd(bobs).exec().getNetworkSettings().getIpAddress();

        try (ServerSocket hostService = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            AtomicInteger accepted = new AtomicInteger();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!hostService.isClosed()) {
                    try (Socket ignored = hostService.accept()) {
                        accepted.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("host service via the bridge gateway", "probe('host service via the bridge gateway', '" + gateway + "', " + hostService.getLocalPort() + ")");
            for (String address : hostAddresses()) {
                targets.put("host service on " + address, "probe('host service on " + address + "', '" + address + "', " + hostService.getLocalPort() + ")");
            }
            targets.put("PostgreSQL's port on the host", "probe(\"PostgreSQL's port on the host\", '" + gateway + "', 5432)");
            targets.put("another owner's kernel", "probe(\"another owner's kernel\", '" + bobsAddress + "', 5555)");
            targets.put("an outside address (TCP)", "probe('an outside address (TCP)', '1.1.1.1', 80)");
            targets.put("an outside address (UDP)", "probe('an outside address (UDP)', '8.8.8.8', 53, socket.SOCK_DGRAM)");
            targets.put("a name lookup", "lookup('a name lookup', 'example.com')");
            String code = PROBE + String.join("\n", targets.values()) + "\nprobe('its own loopback', '127.0.0.1', 5555)\n";

            Map<String, String> seen = parse(stdout(manager, "probe", code));
            assertThat(seen).as("the probe's answers").containsKeys(targets.keySet().toArray(String[]::new));
            assertThat(seen.get("its own loopback")).as("the kernel's own loopback (the probe can reach)").isEqualTo("reached");
            for (String target : targets.keySet()) {
                assertThat(seen.get(target)).as(target).startsWith("refused");
            }
            assertThat(accepted.get()).as("connections the host service accepted").isZero();

            // The same probe in a container of the same image on the same bridge, without the guard.
            String unguarded = unguardedProbe(docker, manager.config().image(), PROBE + targets.get("host service via the bridge gateway"));
            assertThat(unguarded).as("an unguarded container (shows the probe can reach the host)")
                    .contains("host service via the bridge gateway: reached");
            assertThat(accepted.get()).isEqualTo(1);
            hostService.close();
            acceptor.join(5_000);
        }
        assertThat(stdout(manager, "probe", "print(6 * 7)")).isEqualTo("42");
        assertThat(stdout(manager, "bobs", "print('still here')")).isEqualTo("still here");
    }

    private static List<String> hostAddresses() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(Inet4Address.class::isInstance).forEach(address -> addresses.add(address.getHostAddress()));
            }
        }
        return addresses;
    }

    private static Map<String, String> parse(String printed) {
        return printed.lines().filter(line -> line.contains(": "))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(": ")), line -> line.substring(line.indexOf(": ") + 2),
                        (a, b) -> b, LinkedHashMap::new));
    }

    private static String unguardedProbe(DockerProvisioner docker, String image, String code) throws Exception {
        var client = docker.docker();
        String id = client.createContainerCmd(image)
                .withEntrypoint("python3", "-c", code)
                .withLabels(Map.of("io.flowfile.test", "KernelNetworkIT"))
                .exec().getId();
        try {
            client.startContainerCmd(id).exec();
            client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(60, TimeUnit.SECONDS);
            return docker.logTail(id, 50);
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
