package io.flowfile.app.cli;

import io.flowfile.engine.flow.FlowCodec;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowfile format FLOW}: the flow in its stable text form, as JSON or YAML. */
@Command(name = "format", description = "Print a flow in its stable form (the form saving produces), as JSON or YAML.")
public final class FormatCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FLOW")
    Path flow;

    @Option(names = "--to", paramLabel = "json|yaml", converter = Converters.Format.class,
            description = "Output format (default: the output file's, else the flow file's own).")
    FlowFormat to;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @CommandLine.Mixin
    DataDirectoryOption dataDirectory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (output != null) {
            checkOutput();
        }
        var codec = new FlowCodec();
        FlowDocument document = codec.read(flow);
        FlowFormat format = to != null ? to : output != null ? FlowFormat.of(output) : FlowFormat.of(flow);
        if (output != null) {
            try {
                Files.writeString(output, codec.write(document, format), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + output + ": " + e.getMessage(), e);
            }
        } else {
            spec.commandLine().getOut().print(codec.write(document, format));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** The output goes into a directory that exists, as JSON or YAML by its extension or {@code --to}. */
    private void checkOutput() {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output: the directory " + parent
                    + " does not exist; make it first");
        }
        if (Files.isDirectory(output)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output: " + output + " is a directory; give a file");
        }
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (to == null && !name.endsWith(".json") && !name.endsWith(".yaml") && !name.endsWith(".yml")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--output: " + output.getFileName()
                    + " is neither .json nor .yaml (or .yml); name the file so, or give the format with --to");
        }
    }
}
