package io.flowfile.catalog.api;

/** What a user of the server may do: an ADMIN also manages the users. */
public enum Role {
    ADMIN, USER
}
