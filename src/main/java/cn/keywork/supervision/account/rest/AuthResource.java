package cn.keywork.supervision.account.rest;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.account.service.AuthService;
import cn.keywork.supervision.api.AuthApi;
import cn.keywork.supervision.api.model.RefreshRequestDto;
import cn.keywork.supervision.api.model.TokenRequestDto;
import cn.keywork.supervision.api.model.TokenResponseDto;
import cn.keywork.supervision.security.LoginThrottle;
import cn.keywork.supervision.security.Offload;
import cn.keywork.supervision.security.PasswordHasher;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.TokenIssuer;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.ProblemType;
import cn.keywork.supervision.web.WebMessage;
import io.smallrye.mutiny.Uni;

/**
 * Tokens. The password check and the signing run on worker threads, between the transactions
 * that read the account and record the outcome, never inside one.
 */
public class AuthResource implements AuthApi {

    private final AuthService auth;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;

    AuthResource(AuthService auth, PasswordHasher hasher, TokenIssuer issuer, LoginThrottle throttle) {
        this.auth = auth;
        this.hasher = hasher;
        this.issuer = issuer;
        this.throttle = throttle;
    }

    @Override
    public Uni<Response> issueToken(TokenRequestDto input) {
        String username = input.getUsername();
        String address = RequestScope.clientAddress();
        throttle.attempt(username, address);
        return auth.credentials(username)
                .chain(credentials -> Offload.work(() -> hasher.matches(input.getPassword(), credentials.passwordHash())))
                .chain(matched -> auth.signIn(username, matched, address))
                .chain(this::tokens);
    }

    @Override
    public Uni<Response> refreshToken(RefreshRequestDto input) {
        throttle.attempt(null, RequestScope.clientAddress());
        return auth.refresh(input.getRefreshToken()).chain(this::tokens);
    }

    @Override
    public Uni<Response> logout(RefreshRequestDto input) {
        return auth.signOut(RequestScope.actor().userId(), input.getRefreshToken())
                .map(nothing -> Response.noContent().build());
    }

    private Uni<Response> tokens(AuthService.Grant grant) {
        if (grant == null) {
            return Uni.createFrom().failure(new ApiProblem(ProblemType.UNAUTHORIZED, WebMessage.SIGN_IN_REFUSED)
                    .recorded());
        }
        return Offload.work(() -> issuer.accessToken(grant.userId(), grant.username(), grant.roles(), grant.unitId(),
                grant.mustChangePassword()))
                .map(access -> Response.ok(new TokenResponseDto(access, TokenResponseDto.TokenTypeEnum.BEARER,
                        (int) issuer.lifetime().toSeconds(), grant.refreshToken(), (int) auth.refreshLifetime().toSeconds(),
                        grant.mustChangePassword())).build());
    }
}
