package cn.keywork.supervision.account.domain;

import java.util.Set;
import java.util.UUID;

import cn.keywork.supervision.security.Role;

/** The criteria of an account list; null means "any". */
public record AccountFilter(String text, Role role, UUID unitId, Boolean active) {

    public static final Set<String> SORT_FIELDS = Set.of("username", "displayName", "createdAt");
    public static final String DEFAULT_SORT = "username";
}
