package io.flowfile.kernel.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.kernel.testing.KernelTesting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A standard Python jupyter_client attaches to a managed kernel through its connection file. */
class JupyterClientCompatibilityIT {

    private static final String ATTACH = """
            import sys
            from jupyter_client import BlockingKernelClient
            client = BlockingKernelClient(connection_file=sys.argv[1])
            client.load_connection_file()
            client.start_channels()
            client.wait_for_ready(timeout=30)
            outputs = []
            reply = client.execute_interactive("shared_value * 2", timeout=30,
                output_hook=lambda msg: outputs.append(msg["content"].get("data", {}).get("text/plain", "")))
            print(reply["content"]["status"], "".join(outputs))
            client.stop_channels()
            """;

    @Test
    void jupyterClientAttachesAndExecutes() throws Exception {
        try (KernelManager manager = new KernelManager(KernelTesting.config("compat"))) {
            manager.define(KernelDefinition.of("shared", "alice"));
            KernelInfo info = manager.start("shared").get(60, TimeUnit.SECONDS);
            assertThat(manager.client("shared").execute("shared_value = 21", java.time.Duration.ofSeconds(30)).ok()).isTrue();
            Path connectionFile = info.connectionFile().orElseThrow();
            Process python = new ProcessBuilder(KernelTesting.hostPython(KernelTesting.repositoryRoot()), "-c", ATTACH, connectionFile.toString())
                    .redirectErrorStream(true).start();
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.exitValue()).as(output).isZero();
            assertThat(output.strip()).isEqualTo("ok 42");
        }
    }
}
