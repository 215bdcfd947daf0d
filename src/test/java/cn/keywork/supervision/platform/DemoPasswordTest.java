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
        String first = DemoPassword.of(Optional.empty(), data, false);

        assertThat(first).isNotEqualTo(SupervisionConfig.Demo.PUBLISHED_PASSWORD);
        PasswordPolicy.check(first, null, "password");
        Path file = home.resolve("demo-password");
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(DemoPassword.of(Optional.empty(), data, true)).as("the next start").isEqualTo(first);
        assertThat(DemoPassword.of(Optional.empty(), home.resolve("elsewhere/pgdata"), false)).isNotEqualTo(first);
    }

    @Test
    void a_configured_password_is_used_and_nothing_is_written() {
        Path data = home.resolve("pgdata");
        assertThat(DemoPassword.of(Optional.of("Chosen-Demo-2026"), data, false)).isEqualTo("Chosen-Demo-2026");
        assertThat(home.resolve("demo-password")).doesNotExist();
    }

    @Test
    void data_of_an_earlier_version_keeps_the_password_its_demo_accounts_were_made_with() throws Exception {
        Path data = Files.createDirectories(home.resolve("pgdata"));
        Files.writeString(data.resolve("PG_VERSION"), "17\n");
        assertThat(DemoPassword.holdsData(data)).isTrue();
        assertThat(DemoPassword.of(Optional.empty(), data, true)).isEqualTo(SupervisionConfig.Demo.PUBLISHED_PASSWORD);
        assertThat(home.resolve("demo-password")).doesNotExist();
    }
}
