package cn.keywork.supervision.meta;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.MetaApi;
import io.smallrye.mutiny.Uni;

/** Reference data for front ends. */
public class MetaResource implements MetaApi {

    private final EnumCatalog enums;

    MetaResource(EnumCatalog enums) {
        this.enums = enums;
    }

    @Override
    public Uni<Response> listEnums() {
        return Uni.createFrom().item(Response.ok(enums.catalog()).build());
    }
}
