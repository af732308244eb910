package io.flowfile.node;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a setting (a {@code String} component of a settings record) that is the path of a file the
 * node reads or, with {@link #write()}, writes. The settings schema then carries
 * {@code "x-flowfile-path": "read"} or {@code "write"} on the property, so the UI can offer a file
 * picker (an open or a save dialog).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface FilePath {

    /** Whether the node writes the file rather than reads it. */
    boolean write() default false;
}
