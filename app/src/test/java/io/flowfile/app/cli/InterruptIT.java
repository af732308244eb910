package io.flowfile.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * Ctrl-C during {@code flowfile run}, as a user presses it: the packaged command line gets SIGINT
 * while a writer is half-way through its file, ends within seconds with exit code 130, and leaves
 * neither the output nor its temporary file behind.
 */
class InterruptIT {

    @TempDir
    Path dir;

    @Test
    void ctrlCCancelsTheRunPromptlyAndLeavesNoFileBehind() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("the packaged app (mvn package)").exists();
        Files.writeString(dir.resolve("flow.yaml"), """
                flowfile: 1
                name: long
                nodes:
                  - {id: one, type: manual_input, settings: {columns: [{name: x, type: BIGINT}], rows: [[1]]}}
                  - {id: gen, type: sql, settings: {query: "SELECT i, md5(CAST(i AS VARCHAR)) AS h FROM main, range(200000000) t(i)"}}
                  - {id: out, type: write_csv, settings: {path: out.csv}}
                edges:
                  - {from: one, to: gen}
                  - {from: gen, to: out}
                """);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Stream.of(System.getProperty("serve.test.jvm.flags", "").split(" ")).filter(flag -> !flag.isBlank()).toList());
        command.addAll(List.of("-jar", jar.toString(), "run", dir.resolve("flow.yaml").toString(), "--data-dir", dir.resolve("data").toString()));
        Path log = dir.resolve("run.log");
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (temporaryFiles().isEmpty() && run.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(temporaryFiles()).as("the writer's temporary file while it writes; %s", Files.readString(log)).isNotEmpty();
            new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor(10, TimeUnit.SECONDS);

            assertThat(run.waitFor(20, TimeUnit.SECONDS)).as("the run ends after Ctrl-C").isTrue();
            String printed = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(run.exitValue()).as(printed).isEqualTo(130);
            assertThat(printed).contains("cancelled");
            assertThat(temporaryFiles()).isEmpty();
            assertThat(dir.resolve("out.csv")).doesNotExist();
        } finally {
            run.destroyForcibly();
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".out.csv.tmp-")).toList();
        }
    }
}
