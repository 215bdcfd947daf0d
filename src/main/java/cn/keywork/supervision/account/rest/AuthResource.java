package cn.keywork.supervision.account.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.account.service.AuthService;
import cn.keywork.supervision.api.AuthApi;
import cn.keywork.supervision.api.model.ClientCredentialsTokenDto;
import cn.keywork.supervision.api.model.RefreshRequestDto;
import cn.keywork.supervision.api.model.TokenRequestDto;
import cn.keywork.supervision.api.model.TokenResponseDto;
import cn.keywork.supervision.security.LoginThrottle;
import cn.keywork.supervision.security.Offload;
import cn.keywork.supervision.security.PasswordHasher;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.TokenIssuer;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.OAuthProblem;
import cn.keywork.supervision.web.ProblemType;
import cn.keywork.supervision.web.WebMessage;
import io.smallrye.mutiny.Uni;

/**
 * Tokens. The password check and the signing run on worker threads, between the transactions
 * that read the account and record the outcome, never inside one.
 * <p>
 * {@code POST /api/v1/auth/token} takes two media types: JSON is the password sign-in (the
 * generated method, narrowed here to JSON), a form is the OAuth 2.0 client-credentials grant of a
 * service account (a second method of the same name, so the operation's access rule applies).
 */
public class AuthResource implements AuthApi {

    /** The realm a client authenticating by HTTP Basic is told when refused. */
    static final String REALM = "key-work-supervision";
    private static final String GRANT_TYPE = "grant_type";
    private static final String CLIENT_ID = "client_id";
    private static final String CLIENT_SECRET = "client_secret";
    private static final Set<String> SINGLE_PARAMETERS = Set.of(GRANT_TYPE, CLIENT_ID, CLIENT_SECRET, "scope");

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
    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, "application/problem+json" })
    public Uni<Response> issueToken(TokenRequestDto input) {
        String username = input.getUsername();
        String address = RequestScope.clientAddress();
        return throttle.attempt(username, address)
                .chain(() -> auth.credentials(username))
                .chain(credentials -> Offload.work(() -> hasher.matches(input.getPassword(), credentials.passwordHash())))
                .chain(matched -> auth.signIn(username, matched, address))
                .chain(this::tokens);
    }

    /**
     * The client-credentials grant (RFC 6749 §4.4): client id and secret by HTTP Basic (each
     * form-url-encoded, §2.3.1) or in the body, not both; a token with the account's role and unit,
     * no refresh token.
     */
    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({ MediaType.APPLICATION_JSON, "application/problem+json" })
    public Uni<Response> issueToken(MultivaluedMap<String, String> form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String address = RequestScope.clientAddress();
        ClientAuthentication client;
        try {
            client = clientOf(form, authorization);
        } catch (OAuthProblem refused) {
            return throttle.attempt(null, address)
                    .chain(() -> auth.clientRequestRefused(single(form, CLIENT_ID), refused.error()))
                    .chain(() -> Uni.createFrom().<Response>failure(refused.recorded()));
        }
        return throttle.attempt(client.id(), address)
                .chain(() -> auth.clientCredentials(client.id(), client.secret()))
                .chain(grant -> {
                    if (grant == null) {
                        return Uni.createFrom().failure(OAuthProblem.invalidClient(client.basic() ? REALM : null,
                                WebMessage.CLIENT_REFUSED).recorded());
                    }
                    return Offload.work(() -> issuer.accessToken(grant.userId(), grant.clientId(), Set.of(grant.role()),
                            grant.unitId(), false))
                            .map(access -> Response.ok(new ClientCredentialsTokenDto(access,
                                    ClientCredentialsTokenDto.TokenTypeEnum.BEARER, (int) issuer.lifetime().toSeconds(),
                                    grant.role().name()))
                                    .type(MediaType.APPLICATION_JSON_TYPE)
                                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                    .build());
                });
    }

    /** Who the client says it is, and how it said so. */
    private record ClientAuthentication(String id, String secret, boolean basic) {
    }

    private static ClientAuthentication clientOf(MultivaluedMap<String, String> form, String authorization) {
        for (String name : SINGLE_PARAMETERS) {
            List<String> values = form.get(name);
            if (values != null && values.size() > 1) {
                throw OAuthProblem.badRequest(OAuthProblem.INVALID_REQUEST, WebMessage.CLIENT_REQUEST_MALFORMED);
            }
        }
        String grantType = single(form, GRANT_TYPE);
        if (grantType == null || grantType.isBlank()) {
            throw OAuthProblem.badRequest(OAuthProblem.INVALID_REQUEST, WebMessage.GRANT_TYPE_UNSUPPORTED);
        }
        if (!"client_credentials".equals(grantType)) {
            throw OAuthProblem.badRequest(OAuthProblem.UNSUPPORTED_GRANT_TYPE, WebMessage.GRANT_TYPE_UNSUPPORTED);
        }
        String bodyId = single(form, CLIENT_ID);
        String bodySecret = single(form, CLIENT_SECRET);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            ClientAuthentication basic = basic(authorization.substring(6).trim());
            // A client id repeated in the body is harmless when it is the same; a second secret is not.
            if (bodySecret != null || (bodyId != null && !bodyId.equals(basic.id()))) {
                throw OAuthProblem.badRequest(OAuthProblem.INVALID_REQUEST, WebMessage.CLIENT_AUTHENTICATED_TWICE);
            }
            return basic;
        }
        if (bodyId == null || bodyId.isEmpty() || bodySecret == null || bodySecret.isEmpty()) {
            throw OAuthProblem.invalidClient(null, WebMessage.CLIENT_CREDENTIALS_MISSING);
        }
        return new ClientAuthentication(bodyId, bodySecret, false);
    }

    /** {@code base64(urlencode(id) ":" urlencode(secret))}, RFC 6749 §2.3.1. */
    private static ClientAuthentication basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0 || colon == decoded.length() - 1) {
                throw OAuthProblem.invalidClient(REALM, WebMessage.CLIENT_CREDENTIALS_MISSING);
            }
            return new ClientAuthentication(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8), true);
        } catch (IllegalArgumentException malformed) {
            throw OAuthProblem.badRequest(OAuthProblem.INVALID_REQUEST, WebMessage.CLIENT_REQUEST_MALFORMED);
        }
    }

    private static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Uni<Response> refreshToken(RefreshRequestDto input) {
        return throttle.attempt(null, RequestScope.clientAddress())
                .chain(() -> auth.refresh(input.getRefreshToken()))
                .chain(this::tokens);
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
