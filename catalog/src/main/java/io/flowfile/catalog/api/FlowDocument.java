package io.flowfile.catalog.api;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/** The stored document of one flow version, exactly the bytes that were registered. */
public record FlowDocument(FlowVersionRecord version, byte[] content) {

    public FlowDocument {
        requireNonNull(version, "version is null");
        content = requireNonNull(content, "content is null").clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlowDocument that && version.equals(that.version) && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * version.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "FlowDocument[" + version + ", " + content.length + " bytes]";
    }
}
