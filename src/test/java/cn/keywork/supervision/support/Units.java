package cn.keywork.supervision.support;

import static cn.keywork.supervision.support.Api.api;

import java.util.Map;

import io.restassured.response.Response;

/** Registers units for tests through the API. */
public final class Units {

    private Units() {
    }

    public static Response register(String code, String name, String type) {
        return api().body(Map.of("code", code, "name", name, "type", type))
                .when().post("/api/v1/units")
                .then().statusCode(201)
                .extract().response();
    }

    public static Response register(String code, String name, String type, String parentId) {
        return api().body(Map.of("code", code, "name", name, "type", type, "parentId", parentId))
                .when().post("/api/v1/units")
                .then().statusCode(201)
                .extract().response();
    }

    public static String registerId(String code, String name) {
        return register(code, name, "MUNICIPAL_DEPARTMENT").path("id");
    }
}
