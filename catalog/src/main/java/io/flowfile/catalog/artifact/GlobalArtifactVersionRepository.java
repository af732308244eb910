package io.flowfile.catalog.artifact;

import io.flowfile.catalog.blob.BlobReferences;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class GlobalArtifactVersionRepository implements PanacheRepositoryBase<GlobalArtifactVersionEntity, UUID>, BlobReferences {

    public Optional<GlobalArtifactVersionEntity> find(UUID artifactId, int version) {
        return find("artifactId = ?1 and version = ?2", artifactId, version).singleResultOptional();
    }

    public Optional<GlobalArtifactVersionEntity> latest(UUID artifactId) {
        return find("artifactId", Sort.descending("version"), artifactId).firstResultOptional();
    }

    public List<GlobalArtifactVersionEntity> listForArtifact(UUID artifactId) {
        return list("artifactId", Sort.ascending("version"), artifactId);
    }

    /**
     * The latest version of every name whose latest version carries all {@code tags}, with the name,
     * by name.
     */
    public List<VersionWithName> latestCarrying(List<String> tags) {
        String query = "select new " + VersionWithName.class.getName() + "(v, a.name) from GlobalArtifactVersionEntity v join GlobalArtifactEntity a on a.id = v.artifactId"
                + " where v.version = (select max(w.version) from GlobalArtifactVersionEntity w where w.artifactId = v.artifactId)"
                + (tags.isEmpty() ? "" : " and (select count(t) from GlobalArtifactVersionEntity x join x.tags t"
                        + " where x.id = v.id and t in (:tags)) = :count")
                + " order by a.name";
        TypedQuery<VersionWithName> typed = getEntityManager().createQuery(query, VersionWithName.class);
        if (!tags.isEmpty()) {
            typed.setParameter("tags", tags).setParameter("count", (long) tags.size());
        }
        return typed.getResultList();
    }

    /** The versions a flow's node published, with their names, by name and version. */
    public List<VersionWithName> publishedBy(String flowName, String nodeId) {
        return getEntityManager().createQuery("select new " + VersionWithName.class.getName() + "(v, a.name) from GlobalArtifactVersionEntity v"
                        + " join GlobalArtifactEntity a on a.id = v.artifactId where v.flowName = :flow and v.nodeId = :node"
                        + " order by a.name, v.version", VersionWithName.class)
                .setParameter("flow", flowName).setParameter("node", nodeId).getResultList();
    }

    @Override
    public List<String> referencedSha256s() {
        return getEntityManager().createQuery("select distinct v.sha256 from GlobalArtifactVersionEntity v", String.class).getResultList();
    }

    public long countForArtifact(UUID artifactId) {
        return count("artifactId", artifactId);
    }
}
