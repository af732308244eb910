package io.flowfile.kernel.docker;

import static java.util.Objects.requireNonNull;

/**
 * What a kernel container is created with. Mounts are fixed at creation, so a container is made
 * for one owner and only ever sees that owner's directories, pooled or not.
 *
 * @param image   the image (the standard one or an environment's derived image)
 * @param owner   the user the kernel belongs to
 * @param kernelId the kernel's id, or {@link Labels#POOLED} for a pooled container
 * @param profile memory, CPU and GPU
 */
public record ContainerSpec(String image, String owner, String kernelId, ResourceProfile profile) {

    public ContainerSpec {
        requireNonNull(image, "image is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(kernelId, "kernelId is null");
        requireNonNull(profile, "profile is null");
    }
}
