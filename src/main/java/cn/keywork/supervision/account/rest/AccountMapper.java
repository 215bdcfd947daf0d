package cn.keywork.supervision.account.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.account.domain.AccountDetails;
import cn.keywork.supervision.account.domain.AccountView;
import cn.keywork.supervision.api.model.RoleDto;
import cn.keywork.supervision.api.model.UserDto;
import cn.keywork.supervision.api.model.UserInputDto;
import cn.keywork.supervision.api.model.UserPageDto;
import cn.keywork.supervision.api.model.UserUpdateDto;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.web.Page;

/** Maps accounts between the contract's models and the domain. */
@ApplicationScoped
class AccountMapper {

    private final Clock clock;

    AccountMapper(Clock clock) {
        this.clock = clock;
    }

    AccountDetails details(UserInputDto input) {
        return new AccountDetails(input.getDisplayName(), input.getUnitId(), roles(input.getRoles()), input.getMobile(),
                input.getEmail());
    }

    AccountDetails details(UserUpdateDto input) {
        return new AccountDetails(input.getDisplayName(), input.getUnitId(), roles(input.getRoles()), input.getMobile(),
                input.getEmail());
    }

    static Set<Role> roles(java.util.Collection<RoleDto> roles) {
        Set<Role> set = EnumSet.noneOf(Role.class);
        roles.forEach(role -> set.add(Role.valueOf(role.toString())));
        return set;
    }

    Role role(RoleDto role) {
        return role == null ? null : Role.valueOf(role.toString());
    }

    UserDto dto(AccountView view) {
        List<RoleDto> roles = view.roles().stream().map(role -> RoleDto.fromValue(role.name())).toList();
        return new UserDto(view.id(), view.username(), view.displayName(), roles, view.active(),
                view.mustChangePassword(), view.locked(), view.version(), time(view.createdAt()), time(view.updatedAt()))
                .unitId(view.unitId())
                .mobile(view.mobile())
                .email(view.email());
    }

    UserPageDto page(Page<AccountView> page) {
        return new UserPageDto(page.map(this::dto), page.request().page(), page.request().size(), page.total());
    }

    private OffsetDateTime time(Instant instant) {
        return instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
