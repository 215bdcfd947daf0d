package cn.keywork.supervision.meta;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cn.keywork.supervision.api.model.EnumCatalogDto;
import cn.keywork.supervision.api.model.EnumDescriptionDto;
import cn.keywork.supervision.api.model.EnumValueDto;
import cn.keywork.supervision.web.ContractDocument;
import io.quarkus.runtime.Startup;

/**
 * The labels of every enumeration, read once at start from the served contract's
 * {@code x-enum-labels}: the contract stays the only place where a label is written.
 */
@Startup
@ApplicationScoped
public class EnumCatalog {

    static final List<String> LANGUAGES = List.of("zh-CN", "en");

    private final EnumCatalogDto catalog;

    EnumCatalog() {
        this.catalog = read(ContractDocument.get());
    }

    public EnumCatalogDto catalog() {
        return catalog;
    }

    /** Every string enumeration among the contract's schemas, each value with a label per language. */
    static EnumCatalogDto read(JsonNode contract) {
        List<EnumDescriptionDto> enums = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> schemas = contract.path("components").path("schemas").fields();
        while (schemas.hasNext()) {
            Map.Entry<String, JsonNode> schema = schemas.next();
            JsonNode values = schema.getValue().path("enum");
            if (!values.isArray()) {
                continue;
            }
            JsonNode labels = schema.getValue().path("x-enum-labels");
            List<EnumValueDto> described = new ArrayList<>();
            for (JsonNode value : values) {
                Map<String, String> byLanguage = new LinkedHashMap<>();
                for (String language : LANGUAGES) {
                    JsonNode label = labels.path(value.asText()).path(language);
                    if (!label.isTextual()) {
                        throw new IllegalStateException("The contract lacks the " + language + " label of "
                                + schema.getKey() + "." + value.asText());
                    }
                    byLanguage.put(language, label.asText());
                }
                described.add(new EnumValueDto(value.asText(), byLanguage));
            }
            enums.add(new EnumDescriptionDto(schema.getKey(), described));
        }
        return new EnumCatalogDto(enums);
    }
}
