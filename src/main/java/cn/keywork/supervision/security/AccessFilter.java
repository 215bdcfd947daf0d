package cn.keywork.supervision.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.ProblemType;
import cn.keywork.supervision.web.WebMessage;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Enforces {@link AccessPolicy} on every operation before it runs: resolves the caller from the
 * bearer token, refuses with 401 or 403, and leaves the resolved {@link Actor} for the services.
 */
public class AccessFilter {

    static final String UNIT_CLAIM = "unit";
    static final String PASSWORD_CHANGE_CLAIM = "pwc";

    private final AccessPolicy policy;
    private final CurrentIdentityAssociation identities;
    private final ExternalIssuer external;
    private final RevokedTokens revoked;

    AccessFilter(AccessPolicy policy, CurrentIdentityAssociation identities, ExternalIssuer external,
            RevokedTokens revoked) {
        this.policy = policy;
        this.identities = identities;
        this.external = external;
        this.revoked = revoked;
    }

    @ServerRequestFilter
    public Uni<Void> authorize(SimpleResourceInfo resource) {
        String operation = resource.getMethodName();
        AccessPolicy.Rule rule = policy.rule(operation);
        if (rule == null) {
            return Uni.createFrom().failure(new ApiProblem(ProblemType.FORBIDDEN, WebMessage.NO_ACCESS_RULE));
        }
        if (rule.isPublic()) {
            // A stale token sent along (clients often attach it to every call) must not block signing in or refreshing.
            RequestScope.setActor(Actor.ANONYMOUS);
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity()
                .onFailure(AuthenticationFailedException.class)
                .transform(failure -> new ApiProblem(ProblemType.UNAUTHORIZED, WebMessage.TOKEN_INVALID))
                .chain(identity -> {
                    Actor actor = actorOf(identity);
                    RequestScope.setActor(actor);
                    return notRevoked(identity, actor).invoke(() -> check(rule, actor, identity.isAnonymous()));
                })
                .replaceWithVoid();
    }

    /** A token of the service's own, issued before its account's cut-off, no longer counts. */
    private Uni<Void> notRevoked(SecurityIdentity identity, Actor actor) {
        if (identity.isAnonymous() || actor.userId() == null || !(identity.getPrincipal() instanceof JsonWebToken token)
                || external.isIssuer(token.getIssuer())) {
            return Uni.createFrom().voidItem();
        }
        return revoked.isRevoked(actor.userId(), issuedAtMillis(token)).chain(isRevoked -> isRevoked
                ? Uni.createFrom().failure(new ApiProblem(ProblemType.UNAUTHORIZED, WebMessage.TOKEN_REVOKED))
                : Uni.createFrom().voidItem());
    }

    private static long issuedAtMillis(JsonWebToken token) {
        Object millis = token.getClaim(TokenIssuer.ISSUED_AT_MILLIS_CLAIM);
        if (millis instanceof Number number) {
            return number.longValue();
        }
        if (millis instanceof jakarta.json.JsonNumber number) {
            return number.longValue();
        }
        return token.getIssuedAtTime() * 1000;
    }

    private static void check(AccessPolicy.Rule rule, Actor actor, boolean anonymous) {
        if (rule.isPublic()) {
            return;
        }
        if (anonymous) {
            throw new ApiProblem(ProblemType.UNAUTHORIZED, WebMessage.SIGN_IN_REQUIRED);
        }
        if (actor.mustChangePassword() && !rule.beforePasswordChange()) {
            throw new ApiProblem(ProblemType.FORBIDDEN, WebMessage.PASSWORD_CHANGE_FIRST);
        }
        if (!rule.allows(actor)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, WebMessage.ROLE_NOT_ALLOWED);
        }
    }

    private Actor actorOf(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Actor.ANONYMOUS;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : identity.getRoles()) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException unknown) {
                // roles of an external issuer that this service does not know grant nothing
            }
        }
        String unitClaim = external.isIssuer(token.getIssuer()) ? external.unitClaim() : UNIT_CLAIM;
        Object unit = token.getClaim(unitClaim);
        Object passwordChange = token.getClaim(PASSWORD_CHANGE_CLAIM);
        return new Actor(uuidOrNull(token.getSubject()), token.getName(), roles, uuidOrNull(unit),
                Boolean.TRUE.equals(passwordChange) || "true".equals(String.valueOf(passwordChange)));
    }

    private static UUID uuidOrNull(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().replace("\"", "");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
