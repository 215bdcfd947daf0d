package cn.keywork.supervision.serviceaccount.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import cn.keywork.supervision.security.Role;

/**
 * A program's credentials: a client id and the hash of its secret, for the account (app_user of
 * kind SERVICE, same id) that holds its role and unit. After a rotation the previous secret keeps
 * working until {@code previousExpiresAt}; only the current and that one are ever accepted.
 */
@Entity
@Table(name = "service_account")
public class ServiceAccount {

    /** The roles a program may hold: neither administration nor a person's evaluator duty. */
    public static final Set<Role> ROLES = EnumSet.of(Role.OFFICE, Role.LEADER, Role.ASSESSMENT, Role.LEADING_GROUP,
            Role.AUDITOR, Role.UNIT_HEAD, Role.UNIT_LIAISON);
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    /** Which secret a presented one matched. */
    public enum Match {
        CURRENT, PREVIOUS, NONE
    }

    @Id
    @Column(name = "user_id")
    UUID userId;

    String name;

    String description;

    @Column(name = "client_id")
    String clientId;

    @Column(name = "secret_hash")
    String secretHash;

    @Column(name = "secret_created_at")
    Instant secretCreatedAt;

    @Column(name = "previous_secret_hash")
    String previousSecretHash;

    @Column(name = "previous_expires_at")
    Instant previousExpiresAt;

    @Column(name = "last_used_at")
    Instant lastUsedAt;

    @Column(name = "created_by")
    UUID createdBy;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    @Version
    long version;

    protected ServiceAccount() {
    }

    public static ServiceAccount create(UUID userId, String clientId, String name, String description, String secretHash,
            UUID createdBy, Instant now) {
        ServiceAccount account = new ServiceAccount();
        account.userId = userId;
        account.clientId = clientId;
        account.name = name;
        account.description = blankToNull(description);
        account.secretHash = secretHash;
        account.secretCreatedAt = now;
        account.createdBy = createdBy;
        account.createdAt = now;
        account.updatedAt = now;
        return account;
    }

    /** Which of the secrets still valid at {@code now} the presented one (by its hash) is; both are compared. */
    public Match match(String presentedHash, Instant now) {
        boolean current = ClientSecrets.same(secretHash, presentedHash);
        boolean previous = previousSecretHash != null && previousExpiresAt != null && previousExpiresAt.isAfter(now)
                && ClientSecrets.same(previousSecretHash, presentedHash);
        return current ? Match.CURRENT : previous ? Match.PREVIOUS : Match.NONE;
    }

    /**
     * A new secret; the current one stays valid for {@code overlap} (none if zero). A previous
     * secret of an earlier rotation stops at once: never more than two are valid.
     */
    public void rotate(String newSecretHash, Duration overlap, Instant now) {
        if (overlap.isZero()) {
            previousSecretHash = null;
            previousExpiresAt = null;
        } else {
            previousSecretHash = secretHash;
            previousExpiresAt = now.plus(overlap);
        }
        secretHash = newSecretHash;
        secretCreatedAt = now;
        updatedAt = now;
    }

    /** Changes name and description (null leaves each as it is; a blank description removes it). */
    public void describe(String newName, String newDescription, Instant now) {
        if (newName != null) {
            name = newName;
        }
        if (newDescription != null) {
            description = blankToNull(newDescription);
        }
        updatedAt = now;
    }

    /** Something about the account changed elsewhere (its active flag): a new version all the same. */
    public void touched(Instant now) {
        updatedAt = now;
    }

    public void used(Instant now) {
        lastUsedAt = now;
    }

    /** While the previous secret is still valid, when it stops; null otherwise. */
    public Instant previousExpiresAt(Instant now) {
        return previousExpiresAt != null && previousExpiresAt.isAfter(now) ? previousExpiresAt : null;
    }

    /** The fields an audit event compares; never a hash. */
    public Map<String, Object> auditSnapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("name", name);
        snapshot.put("description", description);
        snapshot.put("clientId", clientId);
        return snapshot;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    public UUID userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String clientId() {
        return clientId;
    }

    public Instant secretCreatedAt() {
        return secretCreatedAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
