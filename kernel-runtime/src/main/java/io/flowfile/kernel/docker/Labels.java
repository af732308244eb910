package io.flowfile.kernel.docker;

/** The container labels that say who owns a kernel container. */
public final class Labels {

    /** Present on every container this project creates; its value is the label schema version. */
    public static final String MANAGED = "io.flowfile.managed";
    /** The engine instance that created the container; only that instance touches it. */
    public static final String INSTANCE = "io.flowfile.instance";
    public static final String OWNER = "io.flowfile.owner";
    /** The kernel id, or {@value #POOLED} while the container waits in the prewarmed pool. */
    public static final String KERNEL = "io.flowfile.kernel";
    public static final String PROFILE = "io.flowfile.profile";
    public static final String POOLED = "-pooled-";
    /** On the short-lived container that closes a kernel's network: the kernel container's id. */
    public static final String NETWORK_GUARD_OF = "io.flowfile.netguard-of";

    private Labels() {}
}
