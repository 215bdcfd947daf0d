package cn.keywork.supervision.unit.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.UnitsApi;
import cn.keywork.supervision.api.model.SupervisionContactInputDto;
import cn.keywork.supervision.api.model.UnitInputDto;
import cn.keywork.supervision.api.model.UnitTypeDto;
import cn.keywork.supervision.api.model.UnitUpdateDto;
import cn.keywork.supervision.unit.domain.ContactView;
import cn.keywork.supervision.unit.domain.UnitFilter;
import cn.keywork.supervision.unit.domain.UnitView;
import cn.keywork.supervision.unit.service.UnitService;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Units and their supervision contacts over HTTP: maps the contract to the service, nothing more. */
public class UnitResource implements UnitsApi {

    private static final String PATH = "/api/v1/units/";

    private final UnitService units;
    private final UnitMapper mapper;
    private final Idempotency idempotency;

    UnitResource(UnitService units, UnitMapper mapper, Idempotency idempotency) {
        this.units = units;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    @Override
    public Uni<Response> listUnits(String q, UnitTypeDto type, Boolean active, UUID parentId, Integer page,
            Integer size, String sort) {
        PageRequest request = PageRequest.of(page, size, sort, UnitFilter.SORT_FIELDS, UnitFilter.DEFAULT_SORT);
        UnitFilter filter = new UnitFilter(q, mapper.type(type), active, parentId);
        return units.list(filter, request).map(result -> Response.ok(mapper.page(result)).build());
    }

    @Override
    public Uni<Response> createUnit(UnitInputDto input, String idempotencyKey) {
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createUnit", input,
                () -> units.register(mapper.details(input)).map(view -> idempotency.answer(201, mapper.dto(view),
                        PATH + view.id(), ETags.of(view.version()))));
    }

    @Override
    public Uni<Response> getUnit(UUID unitId) {
        return units.get(unitId).map(this::unit);
    }

    @Override
    public Uni<Response> updateUnit(UUID unitId, String ifMatch, UnitUpdateDto input) {
        long expected = ETags.required(ifMatch);
        return units.change(unitId, expected, mapper.details(input), input.getActive()).map(this::unit);
    }

    @Override
    public Uni<Response> deleteUnit(UUID unitId, String ifMatch) {
        long expected = ETags.required(ifMatch);
        return units.remove(unitId, expected).map(done -> Response.noContent().build());
    }

    @Override
    public Uni<Response> getUnitContact(UUID unitId) {
        return units.contact(unitId).map(this::contact);
    }

    @Override
    public Uni<Response> replaceUnitContact(UUID unitId, String ifMatch, SupervisionContactInputDto input) {
        long expected = ETags.required(ifMatch);
        return units.replaceContact(unitId, expected, input.getSupervisionBody(), mapper.liaisons(input.getLiaisons()))
                .map(this::contact);
    }

    private Response unit(UnitView view) {
        return Response.ok(mapper.dto(view)).tag(unquoted(view.version())).build();
    }

    private Response contact(ContactView view) {
        return Response.ok(mapper.dto(view)).tag(unquoted(view.version())).build();
    }

    /** {@code Response.tag(String)} adds the quotes itself. */
    private static String unquoted(long version) {
        return Long.toString(version);
    }
}
