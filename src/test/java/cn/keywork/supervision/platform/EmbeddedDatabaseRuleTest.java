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

    @Test
    void the_migrations_address_follows_from_the_reactive_one_when_not_given() {
        assertThat(EmbeddedDatabaseConfigSourceFactory.jdbcUrlOf("postgresql://db.example:5432/supervision?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:5432/supervision?sslmode=require");
        assertThat(EmbeddedDatabaseConfigSourceFactory.jdbcUrlOf("postgres://db:5432/supervision"))
                .isEqualTo("jdbc:postgresql://db:5432/supervision");
        assertThat(EmbeddedDatabaseConfigSourceFactory.jdbcUrlOf("postgresql://user:secret@db:5432/supervision")).isNull();
        assertThat(EmbeddedDatabaseConfigSourceFactory.jdbcUrlOf("mysql://db/x")).isNull();
    }
}
