package cn.keywork.supervision.unit.domain;

import java.util.UUID;

/** What a client says about a unit when registering or changing it. */
public record UnitDetails(String code, String name, String shortName, UnitType type, UUID parentId) {
}
