package io.flowfile.catalog.draft;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DraftRepository implements PanacheRepositoryBase<DraftEntity, UUID> {

    private static final String WITH_STATE = "select new " + DraftWithState.class.getName() + "(d, s) from DraftEntity d"
            + " join DraftStateEntity s on s.draftId = d.id and s.seq = d.position";
    private static final String NEWEST_FIRST = " order by d.updatedAt desc, d.id";

    /** The draft, locked until the transaction ends. */
    public Optional<DraftEntity> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Every draft (of {@code owner}, when given) with its current state, the most recently changed first. */
    public List<DraftWithState> listWithState(Optional<String> owner) {
        return owner.isEmpty()
                ? getEntityManager().createQuery(WITH_STATE + NEWEST_FIRST, DraftWithState.class).getResultList()
                : getEntityManager().createQuery(WITH_STATE + " where d.owner = ?1" + NEWEST_FIRST, DraftWithState.class)
                        .setParameter(1, owner.get()).getResultList();
    }
}
