package io.flowfile.engine.testing;

import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.flow.FlowCodec;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.registry.NodeRegistry;
import java.nio.file.Path;

/** Engines and flows for engine tests, with the test node types only. */
public final class Flows {

    private Flows() {
    }

    public static NodeRegistry registry() {
        return NodeRegistry.of(java.util.List.of(new TableSourceNode(), new QueryNode(), new CsvSinkNode(), new ScriptNode()));
    }

    public static FlowEngine engine(Path dataDirectory) {
        return FlowEngine.create(new EngineConfig(dataDirectory, 2, 2, "2GB", 1L << 30), registry());
    }

    /** An engine whose code nodes run on {@code kernels}. */
    public static FlowEngine engine(Path dataDirectory, io.flowfile.node.KernelGateway kernels) {
        return FlowEngine.create(new EngineConfig(dataDirectory, 2, 2, "2GB", 1L << 30), registry(), kernels);
    }

    /** A flow from YAML text. */
    public static FlowDocument yaml(String text) {
        return new FlowCodec().read(text, FlowFormat.YAML);
    }
}
