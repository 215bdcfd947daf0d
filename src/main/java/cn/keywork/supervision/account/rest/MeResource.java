package cn.keywork.supervision.account.rest;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.account.service.AuthService;
import cn.keywork.supervision.api.MeApi;
import cn.keywork.supervision.api.model.PasswordChangeDto;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Offload;
import cn.keywork.supervision.security.PasswordHasher;
import cn.keywork.supervision.security.PasswordPolicy;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import io.smallrye.mutiny.Uni;

/** The signed-in account itself. */
public class MeResource implements MeApi {

    private final AuthService auth;
    private final AccountMapper mapper;
    private final PasswordHasher hasher;

    MeResource(AuthService auth, AccountMapper mapper, PasswordHasher hasher) {
        this.auth = auth;
        this.mapper = mapper;
        this.hasher = hasher;
    }

    @Override
    public Uni<Response> getMe() {
        Actor actor = RequestScope.actor();
        if (actor.userId() == null) {
            throw new NotFound(DomainMessage.ACCOUNT_NOT_KEPT, actor.username());
        }
        return auth.me(actor.userId()).map(view -> {
            if (view == null) {
                throw new NotFound(DomainMessage.ACCOUNT_NOT_FOUND, actor.userId());
            }
            return Response.ok(mapper.dto(view)).build();
        });
    }

    @Override
    public Uni<Response> changeMyPassword(PasswordChangeDto input) {
        Actor actor = RequestScope.actor();
        PasswordPolicy.check(input.getNewPassword(), actor.username(), "newPassword");
        if (input.getNewPassword().equals(input.getCurrentPassword())) {
            throw InvalidInput.of("newPassword", InvalidInput.Reason.RULE, DomainMessage.PASSWORD_UNCHANGED);
        }
        return auth.credentials(actor.username())
                .chain(credentials -> Offload.work(() -> hasher.matches(input.getCurrentPassword(), credentials.passwordHash())))
                .chain(matched -> {
                    if (!matched) {
                        return auth.passwordChangeRefused(actor.userId()).chain(() -> Uni.createFrom().failure(
                                InvalidInput.of("currentPassword", InvalidInput.Reason.RULE, DomainMessage.PASSWORD_CURRENT_WRONG)));
                    }
                    return Offload.work(() -> hasher.hash(input.getNewPassword()))
                            .chain(hash -> auth.changePassword(actor.userId(), hash));
                })
                .map(nothing -> Response.noContent().build());
    }
}
