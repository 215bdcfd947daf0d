package cn.keywork.supervision.security;

import java.util.EnumSet;
import java.util.Set;

/** What an account may do; names match the contract's Role. */
public enum Role {
    ADMIN, AUDITOR, OFFICE, LEADER, UNIT_HEAD, UNIT_LIAISON, ASSESSMENT, LEADING_GROUP, EVALUATOR;

    /** Roles that see and act on every unit's objects; the others are bound to their own unit. */
    public static final Set<Role> CITY_WIDE = EnumSet.of(ADMIN, OFFICE, LEADER, ASSESSMENT, LEADING_GROUP);

    /** Roles whose holder must belong to a unit. */
    public static final Set<Role> UNIT_BOUND = EnumSet.of(UNIT_HEAD, UNIT_LIAISON);

    /** The business roles, which never mix with ADMIN or AUDITOR (separation of duties). */
    public static final Set<Role> BUSINESS = EnumSet.of(OFFICE, LEADER, UNIT_HEAD, UNIT_LIAISON, ASSESSMENT,
            LEADING_GROUP, EVALUATOR);

    /** Whether a set of roles keeps administration, audit and business apart. */
    public static boolean separated(Set<Role> roles) {
        int duties = (roles.contains(ADMIN) ? 1 : 0) + (roles.contains(AUDITOR) ? 1 : 0)
                + (roles.stream().anyMatch(BUSINESS::contains) ? 1 : 0);
        return duties <= 1;
    }
}
