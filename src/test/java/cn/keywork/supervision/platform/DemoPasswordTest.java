package cn.keywork.supervision.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.keywork.supervision.security.PasswordPolicy;

class DemoPasswordTest {

    @TempDir
    Path home;

    @Test
    void without_a_configured_password_one_is_generated_at_the_first_start_and_kept_for_the_owner_only() throws Exception {
        Path data = home.resolve("pgdata");
        String first = DemoPassword.of(Optional.empty(), data);

        assertThat(first).isNotEqualTo(SupervisionConfig.Demo.PUBLISHED_PASSWORD);
        PasswordPolicy.check(first, null, "password");
        Path file = home.resolve("demo-password");
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(DemoPassword.of(Optional.empty(), data)).as("the next start").isEqualTo(first);
        assertThat(DemoPassword.of(Optional.empty(), home.resolve("elsewhere/pgdata"))).isNotEqualTo(first);
    }

    @Test
    void a_configured_password_is_used_and_nothing_is_written() {
        Path data = home.resolve("pgdata");
        assertThat(DemoPassword.of(Optional.of("Chosen-Demo-2026"), data)).isEqualTo("Chosen-Demo-2026");
        assertThat(home.resolve("demo-password")).doesNotExist();
    }
}
