package io.flowfile.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line with no Docker engine to reach (DOCKER_HOST names a socket nobody
 * listens on): validating or running a flow with a Python Script node answers that its kernel
 * cannot be reached and why, as a problem of that node, never with an exception; the flow's other
 * problems are still reported beside it.
 */
class DockerDownIT {

    @TempDir
    Path dir;

    private record Result(int exit, String printed) {}

    private Result flowfile(String... arguments) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("the packaged app (mvn package)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Stream.of(System.getProperty("serve.test.jvm.flags", "").split(" ")).filter(flag -> !flag.isBlank()).toList());
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        Path log = dir.resolve("command.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"));
        Process process = builder.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command ends").isTrue();
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void validatingAndRunningSayTheKernelCannotBeReachedAndWhy() throws Exception {
        Path flow = dir.resolve("flow.yaml");
        Files.writeString(flow, """
                flowfile: 1
                name: needs-a-kernel
                nodes:
                  - {id: rows, type: manual_input, settings: {columns: [{name: x, type: BIGINT}], rows: [[1]]}}
                  - id: score
                    type: python_script
                    settings:
                      kernel_id: analytics
                      start_kernel: true
                      cells: ["flowfile.publish_output(flowfile.read_input())"]
                      output_schemas: {main: {x: BIGINT}}
                  - {id: broken, type: filter, settings: {mode: advanced, expression: "no_such_column > 1"}}
                edges:
                  - {from: rows, to: score}
                  - {from: rows, to: broken}
                """);
        String socket = "unix://" + dir.resolve("no-docker.sock");
        for (String command : new String[] {"validate", "run"}) {
            Result result = flowfile(command, flow.toString());
            assertThat(result.exit()).as(result.printed()).isNotZero();
            assertThat(result.printed()).as(command)
                    .contains("node 'score'")
                    .contains("kernel 'analytics' cannot be reached: kernels are unavailable: cannot reach the Docker engine at " + socket)
                    .contains("[KERNEL_UNAVAILABLE]")
                    .contains("node 'broken'").contains("no_such_column")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
