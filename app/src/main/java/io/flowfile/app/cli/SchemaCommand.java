package io.flowfile.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowfile.engine.registry.JsonSchemas;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.node.NodeType;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flowfile schema [TYPE]}: JSON Schema of a node type's settings, or of the flow document. */
@Command(name = "schema", description = "Print the JSON Schema of a node type's settings, or of the whole flow document.")
public final class SchemaCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE", description = "Node type; omit for the flow document.")
    String type;

    @CommandLine.Mixin
    DataDirectoryOption dataDirectory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NodeRegistry registry = CliNodeTypes.registry(dataDirectory.dataDirectory());
        var schemas = new JsonSchemas();
        ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Object schema;
        if (type == null) {
            schema = schemas.document(registry);
        } else {
            NodeType<?> nodeType = registry.find(type).orElse(null);
            if (nodeType == null) {
                spec.commandLine().getErr().println("unknown node type '" + type + "'; known types: " + String.join(", ", registry.names()));
                return FlowfileCommand.INVALID;
            }
            schema = schemas.settings(nodeType);
        }
        spec.commandLine().getOut().println(json.writeValueAsString(schema));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
