package cn.keywork.supervision.evidence.storage;

import java.nio.file.Path;
import java.util.UUID;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Where evidence files are kept. Writes and deletions run in the caller's transaction; reads
 * stream the bytes in pieces, so no file ever sits whole in memory.
 */
public interface EvidenceStore {

    /** Stores {@code size} bytes of {@code file}, read piece by piece; returns the new file's id. */
    Uni<UUID> write(Path file, long size);

    /** Stores a small file held in memory (a thumbnail); returns its id. */
    Uni<UUID> write(byte[] bytes);

    /** {@code length} bytes from {@code offset}, in order, one piece at a time as the reader asks. */
    Multi<byte[]> read(UUID id, long offset, long length);

    /** Removes a file. */
    Uni<Void> delete(UUID id);
}
