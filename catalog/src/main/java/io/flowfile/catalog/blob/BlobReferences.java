package io.flowfile.catalog.blob;

import java.util.List;

/** Something that names blobs of the store by SHA-256 (global artifact versions, displays kept with runs); the sweep keeps those. */
public interface BlobReferences {

    /** Every SHA-256 it names now. */
    List<String> referencedSha256s();
}
