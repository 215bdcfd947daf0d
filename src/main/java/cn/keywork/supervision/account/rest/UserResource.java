package cn.keywork.supervision.account.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.account.domain.AccountFilter;
import cn.keywork.supervision.account.domain.AccountView;
import cn.keywork.supervision.account.service.AccountService;
import cn.keywork.supervision.api.UsersApi;
import cn.keywork.supervision.api.model.PasswordResetDto;
import cn.keywork.supervision.api.model.RoleDto;
import cn.keywork.supervision.api.model.UserInputDto;
import cn.keywork.supervision.api.model.UserUpdateDto;
import cn.keywork.supervision.security.Offload;
import cn.keywork.supervision.security.PasswordHasher;
import cn.keywork.supervision.security.PasswordPolicy;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Accounts for administrators. Passwords are checked and hashed before any transaction starts. */
public class UserResource implements UsersApi {

    private static final String PATH = "/api/v1/users/";

    private final AccountService accounts;
    private final AccountMapper mapper;
    private final PasswordHasher hasher;
    private final Idempotency idempotency;

    UserResource(AccountService accounts, AccountMapper mapper, PasswordHasher hasher, Idempotency idempotency) {
        this.accounts = accounts;
        this.mapper = mapper;
        this.hasher = hasher;
        this.idempotency = idempotency;
    }

    @Override
    public Uni<Response> listUsers(String q, RoleDto role, UUID unitId, Boolean active, Integer page, Integer size,
            String sort) {
        PageRequest request = PageRequest.of(page, size, sort, AccountFilter.SORT_FIELDS, AccountFilter.DEFAULT_SORT);
        return accounts.list(new AccountFilter(q, mapper.role(role), unitId, active), request)
                .map(found -> Response.ok(mapper.page(found)).build());
    }

    @Override
    public Uni<Response> createUser(UserInputDto input, String idempotencyKey) {
        PasswordPolicy.check(input.getInitialPassword(), input.getUsername(), "initialPassword");
        // The replay check compares everything but the password, which is never stored in clear.
        UserInputDto fingerprint = copyWithoutPassword(input);
        return Offload.work(() -> hasher.hash(input.getInitialPassword()))
                .chain(hash -> idempotency.run(RequestScope.actor().username(), idempotencyKey, "createUser", fingerprint,
                        () -> accounts.open(input.getUsername(), mapper.details(input), hash, false)
                                .map(view -> idempotency.answer(201, mapper.dto(view), PATH + view.id(),
                                        ETags.of(view.version())))));
    }

    @Override
    public Uni<Response> getUser(UUID userId) {
        return accounts.get(userId).map(this::account);
    }

    @Override
    public Uni<Response> updateUser(UUID userId, String ifMatch, UserUpdateDto input) {
        long expected = ETags.required(ifMatch);
        return accounts.change(userId, expected, mapper.details(input), input.getActive()).map(this::account);
    }

    @Override
    public Uni<Response> resetUserPassword(UUID userId, PasswordResetDto input) {
        return accounts.usernameOf(userId)
                .invoke(username -> PasswordPolicy.check(input.getTemporaryPassword(), username, "temporaryPassword"))
                .chain(username -> Offload.work(() -> hasher.hash(input.getTemporaryPassword())))
                .chain(hash -> accounts.resetPassword(userId, hash))
                .map(nothing -> Response.noContent().build());
    }

    private Response account(AccountView view) {
        return Response.ok(mapper.dto(view)).tag(Long.toString(view.version())).build();
    }

    private static UserInputDto copyWithoutPassword(UserInputDto input) {
        return new UserInputDto(input.getUsername(), input.getDisplayName(), input.getRoles(), "")
                .unitId(input.getUnitId())
                .mobile(input.getMobile())
                .email(input.getEmail());
    }
}
