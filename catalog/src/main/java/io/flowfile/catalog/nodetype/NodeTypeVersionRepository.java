package io.flowfile.catalog.nodetype;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class NodeTypeVersionRepository implements PanacheRepositoryBase<NodeTypeVersionEntity, UUID> {

    public Optional<NodeTypeVersionEntity> find(String name, int version) {
        return find("name = ?1 and version = ?2", name, version).singleResultOptional();
    }

    public List<NodeTypeVersionEntity> listForName(String name) {
        return list("name", Sort.ascending("version"), name);
    }

    public List<NodeTypeVersionEntity> listAll() {
        return listAll(Sort.ascending("name", "version"));
    }

    public int lastVersion(String name) {
        Integer last = getEntityManager().createQuery("select max(v.version) from NodeTypeVersionEntity v where v.name = ?1", Integer.class)
                .setParameter(1, name).getSingleResult();
        return last == null ? 0 : last;
    }
}
