package cn.keywork.supervision.unit.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.api.model.LiaisonDto;
import cn.keywork.supervision.api.model.LiaisonInputDto;
import cn.keywork.supervision.api.model.LiaisonSummaryDto;
import cn.keywork.supervision.api.model.SupervisionContactDto;
import cn.keywork.supervision.api.model.UnitDto;
import cn.keywork.supervision.api.model.UnitInputDto;
import cn.keywork.supervision.api.model.UnitPageDto;
import cn.keywork.supervision.api.model.UnitTypeDto;
import cn.keywork.supervision.api.model.UnitUpdateDto;
import cn.keywork.supervision.unit.domain.ContactView;
import cn.keywork.supervision.unit.domain.LiaisonDetails;
import cn.keywork.supervision.unit.domain.UnitDetails;
import cn.keywork.supervision.unit.domain.UnitType;
import cn.keywork.supervision.unit.domain.UnitView;
import cn.keywork.supervision.web.Page;

/** Maps units between the contract's models and the domain, explicitly, field by field. */
@ApplicationScoped
class UnitMapper {

    private final Clock clock;

    UnitMapper(Clock clock) {
        this.clock = clock;
    }

    UnitDetails details(UnitInputDto input) {
        return new UnitDetails(input.getCode(), input.getName(), input.getShortName(), type(input.getType()),
                input.getParentId());
    }

    UnitDetails details(UnitUpdateDto input) {
        return new UnitDetails(input.getCode(), input.getName(), input.getShortName(), type(input.getType()),
                input.getParentId());
    }

    List<LiaisonDetails> liaisons(List<LiaisonInputDto> inputs) {
        return inputs.stream()
                .map(input -> new LiaisonDetails(input.getName(), input.getPosition(), input.getOfficePhone(),
                        input.getMobile(), input.getEmail(), Boolean.TRUE.equals(input.getPrimary())))
                .toList();
    }

    UnitType type(UnitTypeDto type) {
        return type == null ? null : UnitType.valueOf(type.toString());
    }

    UnitDto dto(UnitView view) {
        UnitDto dto = new UnitDto(view.id(), view.code(), view.name(), UnitTypeDto.fromValue(view.type().name()),
                view.active(), view.version(), time(view.createdAt()), time(view.updatedAt()))
                .shortName(view.shortName())
                .parentId(view.parentId())
                .supervisionBody(view.supervisionBody());
        if (view.primaryLiaisonName() != null) {
            dto.primaryLiaison(new LiaisonSummaryDto(view.primaryLiaisonName()).position(view.primaryLiaisonPosition()));
        }
        return dto;
    }

    UnitPageDto page(Page<UnitView> page) {
        return new UnitPageDto(page.map(this::dto), page.request().page(), page.request().size(), page.total());
    }

    SupervisionContactDto dto(ContactView view) {
        List<LiaisonDto> liaisons = view.liaisons().stream()
                .map(listed -> {
                    LiaisonDetails details = listed.details();
                    return new LiaisonDto(listed.id(), details.name(), details.primary())
                            .position(details.position())
                            .officePhone(details.officePhone())
                            .mobile(details.mobile())
                            .email(details.email());
                })
                .toList();
        return new SupervisionContactDto(view.unitId(), liaisons, view.version(), time(view.updatedAt()))
                .supervisionBody(view.supervisionBody());
    }

    private OffsetDateTime time(Instant instant) {
        return instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
