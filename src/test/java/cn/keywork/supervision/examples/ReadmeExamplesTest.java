package cn.keywork.supervision.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README's client examples are the code the build compiles and type-checks, not a copy that drifts. */
class ReadmeExamplesTest {

    private static final String BEGIN = "// README example begins\n";
    private static final String END = "// README example ends";

    @Test
    void the_readme_shows_the_java_example_as_compiled() throws IOException {
        String example = between(Path.of("src/test/java/cn/keywork/supervision/examples/JavaClientExample.java"));
        assertThat(readme()).contains("```java\n" + dedent(example) + "```\n");
    }

    @Test
    void the_readme_shows_the_typescript_example_as_type_checked() throws IOException {
        String example = between(Path.of("src/test/typescript/example.ts"));
        assertThat(readme()).contains("```ts\n" + example + "```\n");
    }

    /** The lines between the markers, up to the end marker's own indentation. */
    private static String between(Path source) throws IOException {
        String text = Files.readString(source);
        assertThat(text).contains(BEGIN, END);
        String block = text.substring(text.indexOf(BEGIN) + BEGIN.length(), text.indexOf(END));
        return block.substring(0, block.lastIndexOf('\n') + 1);
    }

    /** Without the indentation all its lines share (blank lines aside). */
    private static String dedent(String block) {
        int indent = block.lines().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        block.lines().forEach(line -> out.append(line.isBlank() ? "" : line.substring(indent)).append('\n'));
        return out.toString();
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }
}
