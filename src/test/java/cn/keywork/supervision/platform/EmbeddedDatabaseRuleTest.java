package cn.keywork.supervision.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedDatabaseRuleTest {

    @Test
    void an_embedded_database_is_wanted_only_when_no_database_is_configured() {
        assertThat(EmbeddedDatabaseConfigSourceFactory.wantsEmbedded(null)).isTrue();
        assertThat(EmbeddedDatabaseConfigSourceFactory.wantsEmbedded("  ")).isTrue();
        assertThat(EmbeddedDatabaseConfigSourceFactory.wantsEmbedded("postgresql://db.example:5432/supervision")).isFalse();
    }
}
