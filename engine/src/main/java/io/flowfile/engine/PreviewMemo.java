package io.flowfile.engine;

import io.flowfile.engine.cache.Memo;
import io.flowfile.engine.exec.Table;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.plan.Stage;
import io.flowfile.engine.validate.RelationId;
import java.util.Optional;

/**
 * Previews already read, by the content key of their relation: equal keys mean equal results (see
 * {@link io.flowfile.engine.plan.CacheKeys}), so a preview of an unchanged relation needs no run.
 * Only relations whose stage is cached qualify: their rows would come from the result cache anyway.
 * Bounded by about the bytes held (a preview over an eighth of it is not kept); the least recently
 * used previews go first.
 */
final class PreviewMemo {

    /** About the bytes all remembered previews may hold. */
    static final long BYTES = 64L << 20;

    record Key(String contentKey, int limit, boolean asText) {
    }

    private final Memo<Key, Table> entries;

    PreviewMemo(long capacity) {
        this.entries = new Memo<>(capacity, (key, table) -> size(table));
    }

    /** The key of a preview of {@code relation} under {@code plan}, when its stage's result is cached. */
    static Optional<Key> key(ExecutionPlan plan, RelationId relation, int limit, boolean asText) {
        String contentKey = plan.cacheKeys().get(relation);
        if (contentKey == null) {
            return Optional.empty();
        }
        for (Stage stage : plan.stages()) {
            if (relation.equals(stage.output())) {
                return stage.cached() && stage.kind() != Stage.Kind.SCRIPT ? Optional.of(new Key(contentKey, limit, asText)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    Optional<Table> get(Key key) {
        return Optional.ofNullable(entries.get(key));
    }

    void put(Key key, Table table) {
        entries.put(key, table);
    }

    /** About the bytes a table holds: its texts and byte arrays by their length, any other value as 16. */
    private static long size(Table table) {
        long size = 64;
        for (var row : table.rows()) {
            size += 16;
            for (Object value : row) {
                size += switch (value) {
                    case String text -> 40 + 2L * text.length();
                    case byte[] raw -> 16 + raw.length;
                    case null -> 8;
                    default -> 16 + (value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>
                            ? 2L * value.toString().length() : 0);
                };
            }
        }
        return size;
    }
}
