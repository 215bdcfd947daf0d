package cn.keywork.supervision.unit.domain;

import java.util.Set;
import java.util.UUID;

/** The criteria of a unit list; null means "any". */
public record UnitFilter(String text, UnitType type, Boolean active, UUID parentId) {

    /** The fields a unit list can be sorted by. */
    public static final Set<String> SORT_FIELDS = Set.of("code", "name", "shortName", "type", "createdAt", "updatedAt");
    public static final String DEFAULT_SORT = "code";
}
