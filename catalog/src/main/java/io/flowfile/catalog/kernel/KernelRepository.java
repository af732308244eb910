package io.flowfile.catalog.kernel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class KernelRepository implements PanacheRepositoryBase<KernelEntity, String> {

    static final Sort BY_ID = Sort.ascending("id");

    /** The kernels of {@code owner}, by id. */
    public List<KernelEntity> listByOwner(String owner) {
        return list("owner", BY_ID, owner);
    }
}
