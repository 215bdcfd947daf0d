package cn.keywork.supervision.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The contract as the service serves it, for the parts read at start (labels, access rules). */
public final class ContractDocument {

    static final String LOCATION = "META-INF/openapi.yaml";
    private static JsonNode contract;

    private ContractDocument() {
    }

    public static synchronized JsonNode get() {
        if (contract == null) {
            try (InputStream in = ContractDocument.class.getClassLoader().getResourceAsStream(LOCATION)) {
                if (in == null) {
                    throw new IllegalStateException(LOCATION + " is missing from the build");
                }
                contract = new ObjectMapper(new YAMLFactory()).readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contract;
    }
}
