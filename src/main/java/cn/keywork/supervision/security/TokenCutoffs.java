package cn.keywork.supervision.security;

import java.time.Instant;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Where an account's token cut-off is kept: access tokens issued before it are refused. */
public interface TokenCutoffs {

    /** The account's cut-off, or null when it has none (or is not known). */
    Uni<Instant> cutoffOf(UUID userId);
}
