package io.flowfile.engine.exec;

import io.flowfile.engine.arrow.ArrowExchange;
import io.flowfile.engine.validate.ScriptSchemas;
import io.flowfile.node.KernelGateway;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs code nodes need from the engine: the kernel plane (when the application set one up),
 * the memory of output schemas, and the Arrow exchange.
 */
public record ScriptSupport(Optional<KernelGateway> kernels, ScriptSchemas schemas, ArrowExchange arrow) {

    public ScriptSupport {
        Objects.requireNonNull(kernels, "kernels is null");
        Objects.requireNonNull(schemas, "schemas is null");
        Objects.requireNonNull(arrow, "arrow is null");
    }
}
