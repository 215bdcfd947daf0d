package cn.keywork.supervision.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Request bodies spooled to disk and other scratch files stay in a directory of this process only. */
@QuarkusTest
class ScratchDirectoryTest {

    @Test
    void uploads_go_to_a_directory_of_this_process_that_only_its_user_may_enter() throws Exception {
        Path uploads = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        Path sharedDefault = Path.of(System.getProperty("java.io.tmpdir"), "uploads");
        assertThat(uploads.toAbsolutePath().normalize()).isNotEqualTo(sharedDefault.toAbsolutePath().normalize());

        Path scratch = uploads.getParent();
        assertThat(scratch).isEqualTo(ScratchDirectoryConfigSourceFactory.directory());
        assertThat(Files.getPosixFilePermissions(scratch)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getOwner(scratch).getName()).isEqualTo(System.getProperty("user.name"));
        assertThat(ConfigProvider.getConfig().getValue("quarkus.vertx.cache-directory", String.class))
                .startsWith(scratch.toString());
    }
}
