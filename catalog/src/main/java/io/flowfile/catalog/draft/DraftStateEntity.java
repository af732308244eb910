package io.flowfile.catalog.draft;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code draft_states}: one state (name and document) in a draft's history; never changed. */
@Entity
@Table(name = "draft_states")
@IdClass(DraftStateKey.class)
public class DraftStateEntity {

    @Id
    @Column(name = "draft_id")
    private UUID draftId;

    @Id
    @Column(name = "seq")
    private int seq;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    /**
     * A document under {@value #COMPRESS_FROM} characters as it is (null otherwise). VARCHAR without a
     * length on both databases (a long one would make Hibernate expect a CLOB); DraftService bounds it.
     */
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "document")
    private String document;

    /** A document of {@value #COMPRESS_FROM} characters or more as gzip of its UTF-8 (null otherwise). */
    @Column(name = "document_gzip")
    private byte[] documentGzip;

    /** Documents this long or longer are compressed: writing a state then costs the database a tenth. */
    static final int COMPRESS_FROM = 2048;

    protected DraftStateEntity() {
    }

    DraftStateEntity(UUID draftId, int seq, String name, String document) {
        this.draftId = draftId;
        this.seq = seq;
        this.name = name;
        if (document.length() >= COMPRESS_FROM) {
            this.documentGzip = gzip(document);
        } else {
            this.document = document;
        }
    }

    String name() {
        return name;
    }

    String document() {
        return document != null ? document : gunzip(documentGzip);
    }

    private static byte[] gzip(String text) {
        var bytes = new ByteArrayOutputStream(text.length() / 6 + 64);
        try (var out = new GZIPOutputStream(bytes, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED); // a flow document compresses well at any level; this one is the fastest
            }
        }) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] gzip) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("a draft state's document is damaged: " + e.getMessage(), e);
        }
    }
}
