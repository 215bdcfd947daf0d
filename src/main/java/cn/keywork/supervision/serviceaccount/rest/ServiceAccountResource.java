package cn.keywork.supervision.serviceaccount.rest;

import java.util.UUID;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.ServiceAccountsApi;
import cn.keywork.supervision.api.model.SecretRotationInputDto;
import cn.keywork.supervision.api.model.ServiceAccountInputDto;
import cn.keywork.supervision.api.model.ServiceAccountUpdateDto;
import cn.keywork.supervision.serviceaccount.domain.IssuedSecret;
import cn.keywork.supervision.serviceaccount.domain.ServiceAccountView;
import cn.keywork.supervision.serviceaccount.service.ServiceAccountService;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Service accounts for administrators. A secret is answered once, when it is issued, and never stored by a cache. */
public class ServiceAccountResource implements ServiceAccountsApi {

    private static final String PATH = "/api/v1/service-accounts/";

    private final ServiceAccountService serviceAccounts;
    private final ServiceAccountMapper mapper;

    ServiceAccountResource(ServiceAccountService serviceAccounts, ServiceAccountMapper mapper) {
        this.serviceAccounts = serviceAccounts;
        this.mapper = mapper;
    }

    @Override
    public Uni<Response> listServiceAccounts(Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, java.util.Set.of("createdAt"), "-createdAt");
        return serviceAccounts.list(request).map(found -> Response.ok(mapper.page(found)).build());
    }

    @Override
    public Uni<Response> createServiceAccount(ServiceAccountInputDto input) {
        return serviceAccounts.create(input.getName(), mapper.role(input.getRole()), input.getUnitId(), input.getDescription())
                .map(issued -> secret(Response.status(201), issued)
                        .header(HttpHeaders.LOCATION, PATH + issued.account().id())
                        .build());
    }

    @Override
    public Uni<Response> getServiceAccount(UUID serviceAccountId) {
        return serviceAccounts.get(serviceAccountId).map(this::account);
    }

    @Override
    public Uni<Response> updateServiceAccount(UUID serviceAccountId, String ifMatch, ServiceAccountUpdateDto input) {
        long expected = ETags.required(ifMatch);
        return serviceAccounts.change(serviceAccountId, expected, input.getName(), input.getDescription(), input.getActive())
                .map(this::account);
    }

    @Override
    public Uni<Response> rotateServiceAccountSecret(UUID serviceAccountId, SecretRotationInputDto input) {
        var overlap = ServiceAccountService.overlap(input == null ? null : input.getOverlap());
        return serviceAccounts.rotate(serviceAccountId, overlap).map(issued -> secret(Response.ok(), issued).build());
    }

    private Response.ResponseBuilder secret(Response.ResponseBuilder answer, IssuedSecret issued) {
        return answer.entity(mapper.dto(issued))
                .tag(Long.toString(issued.account().version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private Response account(ServiceAccountView view) {
        return Response.ok(mapper.dto(view)).tag(Long.toString(view.version())).build();
    }
}
