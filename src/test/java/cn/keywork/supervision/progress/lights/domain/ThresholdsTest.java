package cn.keywork.supervision.progress.lights.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.progress.lights.repository.FigureSql;

/** R5: the thresholds as a table of cases, and the per-category ones as the SQL applies them. */
class ThresholdsTest {

    private static final Thresholds DEFAULT = new Thresholds(BigDecimal.TEN, BigDecimal.valueOf(20));

    @Test
    void r5_lag_below_10_is_green_from_10_yellow_from_20_red() {
        Map<String, Light> cases = Map.of("-5", Light.GREEN, "0", Light.GREEN, "9.99", Light.GREEN, "10", Light.YELLOW,
                "10.00", Light.YELLOW, "19.99", Light.YELLOW, "20", Light.RED, "80", Light.RED);
        cases.forEach((lag, light) -> assertThat(DEFAULT.light(new BigDecimal(lag), false)).as(lag).isEqualTo(light));
    }

    @Test
    void r5_a_passed_deadline_is_red_whatever_the_lag() {
        assertThat(DEFAULT.light(BigDecimal.ZERO, true)).isEqualTo(Light.RED);
    }

    @Test
    void r5_thresholds_must_be_ordered() {
        assertThatThrownBy(() -> new Thresholds(BigDecimal.TEN, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Thresholds(BigDecimal.valueOf(-1), BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void r5_a_category_of_its_own_gets_its_thresholds_in_the_computation() {
        String sql = FigureSql.ctes(FigureSql.onePeriod(), true, "", "", DEFAULT,
                Map.of("KEY_PROJECT", new Thresholds(BigDecimal.valueOf(5), BigDecimal.valueOf(15))));
        assertThat(sql).contains("CASE t.category WHEN 'KEY_PROJECT' THEN 15 ELSE 20 END")
                .contains("CASE t.category WHEN 'KEY_PROJECT' THEN 5 ELSE 10 END");
        assertThatThrownBy(() -> FigureSql.ctes(FigureSql.onePeriod(), true, "", "", DEFAULT,
                Map.of("X' OR '1", DEFAULT))).isInstanceOf(IllegalArgumentException.class);
    }
}
