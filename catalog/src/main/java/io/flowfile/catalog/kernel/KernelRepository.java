package io.flowfile.catalog.kernel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class KernelRepository implements PanacheRepositoryBase<KernelEntity, String> {

    /** Every kernel, or those of {@code owner} when not null, by id. */
    public List<KernelEntity> listByOwner(String owner) {
        return owner == null ? listAll(Sort.ascending("id")) : list("owner", Sort.ascending("id"), owner);
    }
}
