package cn.keywork.supervision.account.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.keywork.supervision.security.Role;

/** An account: who signs in, with which roles, for which unit. The password is kept as a hash only. */
@Entity
@Table(name = "app_user")
public class UserAccount {

    public static final String PERSON = "PERSON";
    public static final String SERVICE = "SERVICE";
    /** Not a hash of any password: password checks never get to see it (a service account is refused before). */
    static final String NO_PASSWORD = "!service-account";

    @Id
    UUID id;

    String username;

    @Column(name = "display_name")
    String displayName;

    @Column(name = "unit_id")
    UUID unitId;

    /** Comma-separated role names. */
    String roles;

    String mobile;

    String email;

    @Column(name = "password_hash")
    String passwordHash;

    @Column(name = "must_change_password")
    boolean mustChangePassword;

    boolean active;

    @Column(name = "failed_logins")
    int failedLogins;

    @Column(name = "locked_until")
    Instant lockedUntil;

    @Column(name = "last_failed_login_at")
    Instant lastFailedLoginAt;

    @Column(name = "password_changed_at")
    Instant passwordChangedAt;

    /** Access tokens issued before this are refused. */
    @Column(name = "tokens_valid_after")
    Instant tokensValidAfter;

    /** PERSON, or SERVICE for the account behind a service account (no password, never listed as a user). */
    String kind = PERSON;

    @Version
    long version;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    protected UserAccount() {
    }

    /** A new account; its password must be changed at first sign-in unless {@code passwordFinal}. */
    public static UserAccount open(String username, AccountDetails details, String passwordHash, boolean passwordFinal,
            Instant now) {
        UserAccount account = new UserAccount();
        account.id = UUID.randomUUID();
        account.username = username;
        account.passwordHash = passwordHash;
        account.mustChangePassword = !passwordFinal;
        account.active = true;
        account.passwordChangedAt = now;
        account.createdAt = now;
        account.change(details, true, now);
        account.tokensValidAfter = null;
        return account;
    }

    /**
     * The account behind a service account: one role (and its unit), named by its client id, with
     * no usable password.
     */
    public static UserAccount openService(String clientId, String name, Role role, UUID unitId, Instant now) {
        UserAccount account = open(clientId, new AccountDetails(name, unitId, EnumSet.of(role), null, null), NO_PASSWORD,
                true, now);
        account.kind = SERVICE;
        return account;
    }

    public boolean isService() {
        return SERVICE.equals(kind);
    }

    /**
     * Changes the account; answers whether the change must end its access tokens (deactivated, or
     * other roles or unit: a token carries both).
     */
    public boolean change(AccountDetails details, boolean active, Instant now) {
        String newRoles = details.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        boolean endsSessions = (this.active && !active) || !newRoles.equals(roles)
                || !java.util.Objects.equals(unitId, details.unitId());
        this.displayName = details.displayName();
        this.unitId = details.unitId();
        this.roles = newRoles;
        this.mobile = details.mobile();
        this.email = details.email();
        this.active = active;
        this.updatedAt = now;
        if (endsSessions) {
            endSessions();
        }
        return endsSessions;
    }

    /** Enables or disables the account alone; answers whether its access tokens end (disabled). */
    public boolean activate(boolean active, Instant now) {
        boolean endsSessions = this.active && !active;
        this.active = active;
        this.updatedAt = now;
        if (endsSessions) {
            endSessions();
        }
        return endsSessions;
    }

    /**
     * Every access token issued until now stops working. Real time, not the service's clock: token
     * times are real time, as the JWT library checks expiry against the system clock.
     */
    public void endSessions() {
        this.tokensValidAfter = Instant.now();
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Failures from every address together, and the lock they led to. */
    public SignInLockout.Counter failures() {
        return new SignInLockout.Counter(failedLogins, lastFailedLoginAt, lockedUntil);
    }

    /** Counts a failed sign-in from any address; answers whether it locked the account for every address. */
    public boolean failedSignIn(SignInLockout.Rule rule, Instant now) {
        SignInLockout.Counter next = rule.afterFailure(failures(), now);
        boolean locked = next.lockedUntil() != null && !next.lockedUntil().equals(lockedUntil);
        failedLogins = next.failures();
        lastFailedLoginAt = next.lastFailureAt();
        lockedUntil = next.lockedUntil();
        updatedAt = now;
        return locked;
    }

    public void signedIn(Instant now) {
        if (failedLogins != 0 || lockedUntil != null) {
            failedLogins = 0;
            lockedUntil = null;
            updatedAt = now;
        }
    }

    public void setPassword(String hash, boolean mustChange, Instant now) {
        this.passwordHash = hash;
        this.mustChangePassword = mustChange;
        this.passwordChangedAt = now;
        this.failedLogins = 0;
        this.lockedUntil = null;
        this.updatedAt = now;
        endSessions();
    }

    /** The fields an audit event compares; never the password hash. */
    public Map<String, Object> auditSnapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("username", username);
        snapshot.put("displayName", displayName);
        snapshot.put("unitId", unitId == null ? null : unitId.toString());
        snapshot.put("roles", roles);
        snapshot.put("mobile", mobile);
        snapshot.put("email", email);
        snapshot.put("active", active);
        return snapshot;
    }

    public AccountView view(Instant now) {
        return new AccountView(id, username, displayName, unitId, roles(), mobile, email, active, mustChangePassword,
                isLocked(now), version, createdAt, updatedAt);
    }

    public Set<Role> roles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        if (roles != null && !roles.isBlank()) {
            Arrays.stream(roles.split(",")).map(Role::valueOf).forEach(set::add);
        }
        return set;
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public UUID unitId() {
        return unitId;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public boolean active() {
        return active;
    }

    public long version() {
        return version;
    }
}
