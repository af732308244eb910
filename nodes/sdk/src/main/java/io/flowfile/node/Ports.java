package io.flowfile.node;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The input and output ports of a node. Port names are unique within each list. */
public record Ports(List<InputPort> inputs, List<String> outputs) {

    public static final String MAIN = "main";

    public Ports {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        var seen = new HashSet<String>();
        for (InputPort input : inputs) {
            if (!seen.add(input.name())) {
                throw new IllegalArgumentException("duplicate input port: " + input.name());
            }
        }
        if (new HashSet<>(outputs).size() != outputs.size()) {
            throw new IllegalArgumentException("duplicate output port in " + outputs);
        }
    }

    public Optional<InputPort> input(String name) {
        return inputs.stream().filter(port -> port.name().equals(name)).findFirst();
    }
}
