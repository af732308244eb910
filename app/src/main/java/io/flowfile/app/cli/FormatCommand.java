package io.flowfile.app.cli;

import io.flowfile.engine.flow.FlowCodec;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowFormat;
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

    @Option(names = "--to", paramLabel = "json|yaml", description = "Output format (default: the file's own).")
    String to;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @CommandLine.Mixin
    DataDirectoryOption dataDirectory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var codec = new FlowCodec();
        FlowDocument document = codec.read(flow);
        FlowFormat format = to != null ? FlowFormat.valueOf(to.toUpperCase(Locale.ROOT))
                : output != null ? FlowFormat.of(output) : FlowFormat.of(flow);
        if (output != null) {
            codec.write(document, output);
        } else {
            spec.commandLine().getOut().print(codec.write(document, format));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
