package cn.keywork.supervision.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.jwt.util.KeyUtils;

class SigningKeyFilesTest {

    @Test
    void the_embedded_default_generates_a_key_pair_once_and_keeps_the_private_key_private(@TempDir Path data) throws Exception {
        SigningKeyFiles first = SigningKeyFiles.in(data.resolve("keys"));
        String privateKey = Files.readString(first.privateKey);
        assertThat(privateKey).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(KeyUtils.decodePrivateKey(privateKey)).isNotNull();
        assertThat(KeyUtils.decodePublicKey(Files.readString(first.publicKey))).isNotNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.privateKey))).isEqualTo("rw-------");

        SigningKeyFiles again = SigningKeyFiles.in(data.resolve("keys"));
        assertThat(Files.readString(again.privateKey)).isEqualTo(privateKey);
    }
}
