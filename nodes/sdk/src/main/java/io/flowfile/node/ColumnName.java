package io.flowfile.node;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a setting (a {@code String} component of a settings record, or a list of them, at any depth)
 * that names one or more existing columns of an input: the one arriving on input port {@link #port()}.
 * The settings schema then carries {@code "x-flowfile-column": "<port>"} on the property, so the UI
 * offers that input's columns (a list property becomes a multi-column picker). A setting that names a
 * column the node creates (an output or alias name) is not marked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface ColumnName {

    /** The input port whose columns the setting names; {@value Ports#MAIN} by default. */
    String port() default Ports.MAIN;
}
