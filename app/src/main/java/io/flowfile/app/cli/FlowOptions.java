package io.flowfile.app.cli;

import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.flow.FlowCodec;
import io.flowfile.engine.validate.ValidatedFlow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A flow file and parameter values. */
public final class FlowOptions {

    @Parameters(index = "0", paramLabel = "FLOW", description = "Flow file (.json, .yaml or .yml).")
    Path flow;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Override a flow parameter; repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    private byte[] bytes;

    /** The flow file, absolute. */
    public Path file() {
        return flow.toAbsolutePath();
    }

    /**
     * The flow file's bytes, read once: what is validated is what is registered, recorded and run,
     * even if the file changes meanwhile.
     */
    public synchronized byte[] bytes() {
        if (bytes == null) {
            bytes = FlowCodec.readBytes(file());
        }
        return bytes.clone();
    }

    /** The parameter values given on the command line. */
    public Map<String, String> parameters() {
        return Map.copyOf(parameters);
    }

    /**
     * Loads and validates the flow; relative paths in it resolve against the flow file's directory.
     *
     * @throws FlowException with every problem when the flow is invalid
     */
    public ValidatedFlow validate(FlowEngine engine) {
        Path file = flow.toAbsolutePath();
        ValidatedFlow validated = engine.validate(engine.load(file, bytes()), file.getParent(), parameters);
        if (!validated.valid()) {
            throw new FlowException(validated.problems());
        }
        return validated;
    }
}
