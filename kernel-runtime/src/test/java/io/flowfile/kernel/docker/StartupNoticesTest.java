package io.flowfile.kernel.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A kernel's "last log lines" show what went wrong, not what ipykernel prints at every start. */
class StartupNoticesTest {

    private static final String STARTUP = """
            [IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication (including code and outputs) is sent in plain text and is susceptible to eavesdropping. Use IPC transport or launch with kernel manager-provisioned CurveZMQ keys to enable transport encryption.
            NOTE: When using the `ipython kernel` entry point, Ctrl-C will not work.

            To exit, you will have to explicitly quit this process, by either sending
            "quit" from a client, or using Ctrl-\\ in UNIX-like environments.

            To read more about this, see https://github.com/ipython/ipython/issues/2049


            To connect another client to this kernel, use:
                --existing /flowfile/connection.json
            """;

    @Test
    void theStartupNoticesAreLeftOutAndEverythingElseKept() {
        assertThat(DockerProvisioner.withoutStartupNotices(STARTUP)).isEmpty();
        assertThat(DockerProvisioner.withoutStartupNotices(STARTUP + "Traceback (most recent call last):\n  File \"x.py\", line 1\nMemoryError\n"))
                .isEqualTo("Traceback (most recent call last):\n  File \"x.py\", line 1\nMemoryError");
    }
}
