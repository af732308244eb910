package io.flowfile.app.cli;

import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.node.InputPort;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeType;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flowfile nodes}: the node types, by category. */
@Command(name = "nodes", description = "List the node types.")
public final class NodesCommand implements Callable<Integer> {

    @CommandLine.Mixin
    DataDirectoryOption dataDirectory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        NodeRegistry registry = CliNodeTypes.registry(dataDirectory.dataDirectory());
        var byCategory = registry.types().stream()
                .map(NodeType::descriptor)
                .sorted(Comparator.comparing(NodeDescriptor::category).thenComparing(NodeDescriptor::type))
                .collect(Collectors.groupingBy(NodeDescriptor::category, java.util.TreeMap::new, Collectors.toList()));
        byCategory.forEach((category, descriptors) -> {
            out.println(category.name().charAt(0) + category.name().substring(1).toLowerCase(Locale.ROOT));
            for (NodeDescriptor descriptor : descriptors) {
                String inputs = descriptor.ports().inputs().stream().map(NodesCommand::port).collect(Collectors.joining(", "));
                out.printf("  %-14s %s%n  %-14s in: %s  out: %s%n", descriptor.type(), descriptor.description(), "",
                        inputs.isEmpty() ? "-" : inputs,
                        descriptor.ports().outputs().isEmpty() ? "-" : String.join(", ", descriptor.ports().outputs()));
            }
        });
        out.flush();
        return 0;
    }

    private static String port(InputPort port) {
        return switch (port.arity()) {
            case ONE -> port.name();
            case OPTIONAL -> port.name() + "?";
            case MANY -> port.name() + "*";
        };
    }
}
