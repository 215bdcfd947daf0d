package cn.keywork.supervision.account.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.account.repository.AccountRepository;
import cn.keywork.supervision.security.TokenCutoffs;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The token cut-offs kept on the accounts. */
@ApplicationScoped
class AccountTokenCutoffs implements TokenCutoffs {

    private final AccountRepository accounts;

    AccountTokenCutoffs(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    @WithSession
    public Uni<Instant> cutoffOf(UUID userId) {
        return accounts.tokensValidAfter(userId);
    }
}
