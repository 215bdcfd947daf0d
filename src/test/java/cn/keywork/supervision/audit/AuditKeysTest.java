package cn.keywork.supervision.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.keywork.supervision.platform.SupervisionConfig;

class AuditKeysTest {

    @Test
    void production_refuses_to_start_without_a_configured_chain_key() {
        assertThatThrownBy(() -> new AuditKeys(config(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUPERVISION_AUDIT_CHAIN_KEY_LOCATION");
    }

    @Test
    void production_refuses_to_start_without_a_configured_checkpoint_key() {
        assertThatThrownBy(() -> new AuditKeys(config(Map.of("chainKeyLocation", "keys/test-audit-chain.key"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUPERVISION_AUDIT_CHECKPOINT_KEY_LOCATION");
    }

    @Test
    void a_chain_key_shorter_than_32_bytes_is_refused(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> new AuditKeys(config(Map.of("chainKeyLocation", key.toString(),
                "checkpointKeyLocation", "keys/test-audit-checkpoint-private.pem"))))
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void the_embedded_default_generates_both_keys_once_readable_by_the_owner_only(@TempDir Path dir) throws Exception {
        AuditKeys first = new AuditKeys(config(Map.of("defaultKeyDirectory", dir.toString())));
        Path chainKey = dir.resolve(AuditKeys.CHAIN_KEY_FILE);
        Path checkpointKey = dir.resolve(AuditKeys.CHECKPOINT_KEY_FILE);
        assertThat(Base64.getMimeDecoder().decode(Files.readString(chainKey).trim())).hasSize(32);
        assertThat(Files.readString(checkpointKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(chainKey))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(checkpointKey))).isEqualTo("rw-------");

        AuditKeys again = new AuditKeys(config(Map.of("defaultKeyDirectory", dir.toString())));
        assertThat(again.chainKeyId()).isEqualTo(first.chainKeyId());
        assertThat(again.checkpointKeyId()).isEqualTo(first.checkpointKeyId());
        String statement = AuditCheckpoints.statementOf(7, "ab".repeat(32), java.time.Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(again.signed(statement, first.sign(statement))).isTrue();
        assertThat(again.signed(statement.replace(" 7 ", " 8 "), first.sign(statement))).isFalse();
    }

    @Test
    void a_checkpoint_interval_longer_than_a_day_is_refused() {
        assertThatThrownBy(() -> new AuditKeys(config(Map.of("chainKeyLocation", "keys/test-audit-chain.key",
                "checkpointKeyLocation", "keys/test-audit-checkpoint-private.pem", "checkpointInterval", Duration.ofDays(2)))))
                .hasMessageContaining("checkpoint-interval");
    }

    /** The audit settings given, the others absent; only {@code audit()} is read. */
    private static SupervisionConfig config(Map<String, Object> audit) {
        SupervisionConfig.Audit settings = (SupervisionConfig.Audit) Proxy.newProxyInstance(AuditKeysTest.class.getClassLoader(),
                new Class<?>[] {SupervisionConfig.Audit.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "checkpointInterval" -> audit.getOrDefault("checkpointInterval", Duration.ofHours(1));
                    case "retention" -> Duration.ofDays(400);
                    default -> Optional.ofNullable(audit.get(method.getName()));
                });
        return (SupervisionConfig) Proxy.newProxyInstance(AuditKeysTest.class.getClassLoader(),
                new Class<?>[] {SupervisionConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("audit")) {
                        return settings;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
