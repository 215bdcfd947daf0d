package cn.keywork.supervision.account.domain;

import java.util.Set;
import java.util.UUID;

import cn.keywork.supervision.security.Role;

/** What an administrator says about an account. */
public record AccountDetails(String displayName, UUID unitId, Set<Role> roles, String mobile, String email) {
}
