package cn.keywork.supervision.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.unit.domain.UnitFilter;
import cn.keywork.supervision.unit.repository.UnitRepository;

class UnitSortFieldsTest {

    @Test
    @SuppressWarnings("unchecked")
    void r11_every_sortable_field_has_a_column() throws Exception {
        Field columns = UnitRepository.class.getDeclaredField("COLUMNS");
        columns.setAccessible(true);
        assertThat(((Map<String, String>) columns.get(null)).keySet()).containsExactlyInAnyOrderElementsOf(UnitFilter.SORT_FIELDS);
        assertThat(UnitFilter.SORT_FIELDS).contains(UnitFilter.DEFAULT_SORT);
    }
}
