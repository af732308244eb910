package io.flowfile.engine.flow;

import java.nio.file.Path;
import java.util.Locale;

/** The two text formats of a flow document. */
public enum FlowFormat {
    JSON,
    YAML;

    /** By file extension: {@code .yaml}/{@code .yml} are YAML, everything else JSON. */
    public static FlowFormat of(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
    }
}
