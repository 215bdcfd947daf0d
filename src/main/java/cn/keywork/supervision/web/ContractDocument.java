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
    private static byte[] file;
    private static JsonNode contract;

    private ContractDocument() {
    }

    public static synchronized JsonNode get() {
        if (contract == null) {
            try {
                contract = new ObjectMapper(new YAMLFactory()).readTree(bytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contract;
    }

    /** The file exactly as committed. */
    public static synchronized byte[] bytes() {
        if (file == null) {
            try (InputStream in = ContractDocument.class.getClassLoader().getResourceAsStream(LOCATION)) {
                if (in == null) {
                    throw new IllegalStateException(LOCATION + " is missing from the build");
                }
                file = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file.clone();
    }

    /** The same document as JSON, node for node. */
    public static byte[] json() {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
