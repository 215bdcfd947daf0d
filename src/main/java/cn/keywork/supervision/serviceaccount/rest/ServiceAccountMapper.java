package cn.keywork.supervision.serviceaccount.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.api.model.RoleDto;
import cn.keywork.supervision.api.model.ServiceAccountDto;
import cn.keywork.supervision.api.model.ServiceAccountPageDto;
import cn.keywork.supervision.api.model.ServiceAccountWithSecretDto;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.serviceaccount.domain.IssuedSecret;
import cn.keywork.supervision.serviceaccount.domain.ServiceAccountView;
import cn.keywork.supervision.web.Page;

/** Maps service accounts between the contract's models and the domain. Never a hash. */
@ApplicationScoped
class ServiceAccountMapper {

    private final Clock clock;

    ServiceAccountMapper(Clock clock) {
        this.clock = clock;
    }

    Role role(RoleDto role) {
        return Role.valueOf(role.toString());
    }

    ServiceAccountDto dto(ServiceAccountView view) {
        return new ServiceAccountDto(view.id(), view.name(), view.clientId(), RoleDto.fromValue(view.role().name()),
                view.active(), time(view.secretCreatedAt()), view.version(), time(view.createdAt()), time(view.updatedAt()))
                .description(view.description())
                .unitId(view.unitId())
                .lastUsedAt(time(view.lastUsedAt()))
                .previousSecretExpiresAt(time(view.previousSecretExpiresAt()));
    }

    ServiceAccountWithSecretDto dto(IssuedSecret issued) {
        ServiceAccountView view = issued.account();
        return new ServiceAccountWithSecretDto(view.id(), view.name(), view.clientId(), RoleDto.fromValue(view.role().name()),
                view.active(), time(view.secretCreatedAt()), view.version(), time(view.createdAt()), time(view.updatedAt()),
                issued.clientSecret())
                .description(view.description())
                .unitId(view.unitId())
                .lastUsedAt(time(view.lastUsedAt()))
                .previousSecretExpiresAt(time(view.previousSecretExpiresAt()));
    }

    ServiceAccountPageDto page(Page<ServiceAccountView> page) {
        return new ServiceAccountPageDto(page.map(this::dto), page.request().page(), page.request().size(), page.total());
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
