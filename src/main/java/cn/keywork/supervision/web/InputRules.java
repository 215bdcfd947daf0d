package cn.keywork.supervision.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.CreatorProperty;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.impl.NullsFailProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * What every JSON body must respect before any rule of a feature looks at it, so that nothing the
 * database would refuse or silently change gets that far: text of the contract's models holds no
 * NUL, no other control character but tab and line breaks, no unpaired surrogate; arrays hold no
 * {@code null}; numbers are short and have a modest exponent; a property the contract does not
 * mark {@code nullable} refuses an explicit {@code null} (leaving it out is another matter).
 */
@Singleton
public class InputRules implements ObjectMapperCustomizer {

    /** Longest number literal read, in characters; the contract's numbers need a handful. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Largest decimal exponent (either way) a number may have; beyond it no field of the contract can be met. */
    public static final int MAX_DECIMAL_EXPONENT = 30;

    private static final String API_MODELS = "cn.keywork.supervision.api.model";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        SimpleModule module = new SimpleModule("input-rules");
        module.addDeserializer(String.class, new Text(false));
        module.addDeserializer(BigDecimal.class, new Decimal());
        Map<String, Set<String>> nullable = contractNullable();
        // Typed arrays only: free-form maps read back from storage build their lists themselves.
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                Class<?> model = description.getBeanClass();
                JsonTypeName schema = model.getAnnotation(JsonTypeName.class);
                if (schema == null || !API_MODELS.equals(model.getPackageName())) {
                    return builder;
                }
                Set<String> mayBeNull = nullable.getOrDefault(schema.value(), Set.of());
                List<SettableBeanProperty> properties = new ArrayList<>();
                builder.getProperties().forEachRemaining(properties::add);
                for (SettableBeanProperty property : properties) {
                    // Required properties (the creator's) are left to validation, which names every one missing.
                    if (!(property instanceof CreatorProperty) && !mayBeNull.contains(property.getName())) {
                        builder.addOrReplaceProperty(property.withNullProvider(
                                NullsFailProvider.constructForProperty(property, property.getType())), true);
                    }
                }
                return builder;
            }

            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new NoNullElements(deserializer);
            }
        });
        mapper.registerModule(module);
    }

    private static volatile Map<String, Set<String>> contractNullable;

    private static Map<String, Set<String>> contractNullable() {
        if (contractNullable == null) {
            contractNullable = nullableProperties(ContractDocument.get());
        }
        return contractNullable;
    }

    /**
     * Whether the contract lets {@code property} of the API model {@code model} be an explicit
     * {@code null} (classes that are no API model are not bound by the contract).
     */
    static boolean mayBeNull(Class<?> model, String property) {
        JsonTypeName schema = model.getAnnotation(JsonTypeName.class);
        if (schema == null || !API_MODELS.equals(model.getPackageName())) {
            return true;
        }
        return contractNullable().getOrDefault(schema.value(), Set.of()).contains(property);
    }

    /**
     * Per schema of the contract, the properties that may be {@code null}: marked {@code nullable}
     * themselves or referring to a schema that is.
     */
    static Map<String, Set<String>> nullableProperties(JsonNode contract) {
        Map<String, Set<String>> nullable = new HashMap<>();
        contract.path("components").path("schemas").fields().forEachRemaining(schema -> {
            Set<String> names = new HashSet<>();
            schema.getValue().path("properties").fields().forEachRemaining(property -> {
                JsonNode definition = property.getValue();
                JsonNode target = definition.has("$ref") ? contract.at(definition.get("$ref").asText().substring(1)) : definition;
                if (definition.path("nullable").asBoolean() || target.path("nullable").asBoolean()) {
                    names.add(property.getKey());
                }
            });
            nullable.put(schema.getKey(), names);
        });
        return nullable;
    }

    /** The first character a text of the contract may not hold, as an index, or -1. */
    public static int refusedCharacterAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A text refused by {@link #refusedCharacterAt}. */
    public static final class RefusedText extends InvalidFormatException {
        private static final long serialVersionUID = 1L;

        RefusedText(JsonParser parser) {
            super(parser, "Text holds a control character or an unpaired surrogate", null, String.class);
        }
    }

    /** A number too long or with too large an exponent. */
    public static final class RefusedNumber extends InvalidFormatException {
        private static final long serialVersionUID = 1L;

        RefusedNumber(JsonParser parser) {
            super(parser, "Number out of range", null, BigDecimal.class);
        }
    }

    /** Strict for the contract's models; storage read back (free-form maps) keeps the plain reading. */
    static final class Text extends StdScalarDeserializer<String> implements ContextualDeserializer {
        private static final long serialVersionUID = 1L;
        private final boolean strict;

        Text(boolean strict) {
            super(String.class);
            this.strict = strict;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean model = property != null && property.getMember() != null
                    && API_MODELS.equals(property.getMember().getDeclaringClass().getPackageName());
            return model == strict ? this : new Text(model);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (strict && parser.currentToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                // A number or a boolean is not text: the contract's string fields take strings only.
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (strict && value != null && refusedCharacterAt(value) >= 0) {
                throw new RefusedText(parser);
            }
            return value;
        }
    }

    /** An array element that is {@code null} is refused with its index, as a missing required value. */
    static final class NoNullElements extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        NoNullElements(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new NoNullElements(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (value instanceof Collection<?> elements) {
                int index = 0;
                for (Object element : elements) {
                    if (element == null) {
                        InvalidNullException refused = InvalidNullException.from(context, (com.fasterxml.jackson.databind.PropertyName) null,
                                context.constructType(Object.class));
                        refused.prependPath(elements, index);
                        throw refused;
                    }
                    index++;
                }
            }
            return value;
        }
    }

    static final class Decimal extends StdScalarDeserializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        Decimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(parser, context);
            if (value != null && (Math.abs(value.scale()) > MAX_DECIMAL_EXPONENT
                    || value.precision() - value.scale() > MAX_DECIMAL_EXPONENT)) {
                throw new RefusedNumber(parser);
            }
            return value;
        }
    }
}
