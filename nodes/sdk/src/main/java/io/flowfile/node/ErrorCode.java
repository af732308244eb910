package io.flowfile.node;

/** A numbered, typed error code. Each module has one enum implementing it. */
public interface ErrorCode {

    int code();

    String name();

    ErrorType type();
}
