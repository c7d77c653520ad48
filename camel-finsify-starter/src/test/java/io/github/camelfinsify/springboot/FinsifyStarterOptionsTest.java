package io.github.camelfinsify.springboot;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.apache.camel.util.TimeUtils;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.convert.converter.GenericConverter.ConvertiblePair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter and the component cannot drift: every component option of {@code finsify.json} (read from the
 * camel-finsify jar on the class path) is a property of {@link FinsifyComponentConfiguration} of the matching type,
 * and is in the {@code spring-configuration-metadata.json} that Spring Boot's processor wrote, with its description
 * and default; and nothing else is. A failure prints the field to add.
 */
class FinsifyStarterOptionsTest {

    private static final String PREFIX = "camel.component.finsify.";
    /** Properties of Camel's starters that are no component option: ComponentConfigurationPropertiesCommon's. */
    private static final Set<String> STARTER_ONLY = Set.of("enabled", "customizer.enabled");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, JsonNode> componentOptions;
    private static Map<String, JsonNode> metadata;

    @BeforeAll
    static void read() throws IOException {
        componentOptions = new LinkedHashMap<>();
        JsonNode finsify = readJson(FinsifyStarterOptionsTest.class.getClassLoader()
                .getResource("META-INF/io/github/camelfinsify/finsify.json"));
        finsify.get("componentProperties").fields().forEachRemaining(e -> componentOptions.put(e.getKey(), e.getValue()));

        metadata = new LinkedHashMap<>();
        for (URL url : Collections.list(FinsifyStarterOptionsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            for (JsonNode property : readJson(url).get("properties")) {
                String name = property.get("name").asText();
                if (name.startsWith(PREFIX)) {
                    metadata.put(name.substring(PREFIX.length()), property);
                }
            }
        }
        assertThat(componentOptions).as("component options of finsify.json").isNotEmpty();
        assertThat(metadata).as("camel.component.finsify.* in spring-configuration-metadata.json").isNotEmpty();
    }

    @Test
    void everyComponentOptionIsAPropertyOfTheMatchingType() {
        List<String> missing = new ArrayList<>();
        componentOptions.forEach((name, option) -> {
            PropertyDescriptor property = BeanUtils.getPropertyDescriptor(FinsifyComponentConfiguration.class, name);
            Class<?> expected = starterType(option);
            if (property == null || property.getWriteMethod() == null || property.getPropertyType() != expected) {
                missing.add(fieldToAdd(name, option));
            }
        });

        assertThat(missing).as("options of finsify.json missing in FinsifyComponentConfiguration, or of another type; "
                               + "add (with getter and setter):%n%s", String.join("\n", missing)).isEmpty();
    }

    @Test
    void everyComponentOptionIsInTheConfigurationMetadataWithItsDescriptionAndDefault() {
        componentOptions.forEach((name, option) -> {
            JsonNode property = metadata.get(kebab(name));
            assertThat(property).as("%s%s in spring-configuration-metadata.json", PREFIX, kebab(name)).isNotNull();
            assertThat(property.path("description").asText()).as("description of %s", name)
                    .isEqualTo(option.get("description").asText());
            assertThat(defaultOf(property, option)).as("default of %s", name).isEqualTo(option.path("defaultValue").asText(null));
        });
    }

    @Test
    void everyStarterPropertyIsAComponentOption() {
        Set<String> options = new TreeSet<>();
        componentOptions.keySet().forEach(name -> options.add(kebab(name)));

        assertThat(metadata.keySet()).as("camel.component.finsify.* properties that the component does not have")
                .allMatch(name -> options.contains(name) || STARTER_ONLY.contains(name));
    }

    @Test
    void everyObjectOptionBindsFromABeanReference() {
        Set<Class<?>> converted = new HashSet<>();
        for (ConvertiblePair pair : new FinsifyComponentConverter(null).getConvertibleTypes()) {
            converted.add(pair.getTargetType());
        }
        componentOptions.forEach((name, option) -> {
            if ("object".equals(option.get("type").asText())) {
                assertThat(converted).as("FinsifyComponentConverter.BEAN_TYPES has the type of %s", name)
                        .contains(starterType(option));
            }
        });
    }

    /** The type the starter declares for a component option: boxed, durations as Duration, objects as they are. */
    private static Class<?> starterType(JsonNode option) {
        String javaType = option.get("javaType").asText().replaceAll("<.*", "");
        return switch (option.get("type").asText()) {
            case "string" -> String.class;
            case "boolean" -> Boolean.class;
            case "duration" -> Duration.class;
            case "integer", "number" -> switch (javaType) {
                case "int", "java.lang.Integer" -> Integer.class;
                case "long", "java.lang.Long" -> Long.class;
                case "double", "java.lang.Double" -> Double.class;
                default -> load(javaType);
            };
            default -> load(javaType);
        };
    }

    private static Class<?> load(String javaType) {
        try {
            return Class.forName(javaType);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("finsify.json names a type that is not on the class path: " + javaType, e);
        }
    }

    private static String fieldToAdd(String name, JsonNode option) {
        Class<?> type = starterType(option);
        String defaultValue = option.path("defaultValue").asText(null);
        String initializer = "";
        if (defaultValue != null) {
            initializer = " = " + switch (type.getSimpleName()) {
                case "String" -> '"' + defaultValue + '"';
                case "Long" -> defaultValue + "L";
                case "Duration" -> "Duration.ofMillis(" + TimeUtils.toMilliSeconds(defaultValue) + ")";
                default -> defaultValue;
            };
        }
        return "    /**\n     * " + option.get("description").asText() + "\n     */\n    private " + type.getSimpleName()
               + " " + name + initializer + ";";
    }

    /** The metadata's default in finsify.json's terms: durations compared as durations (10s, PT10S). */
    private static String defaultOf(JsonNode property, JsonNode option) {
        JsonNode value = property.get("defaultValue");
        String camelDefault = option.path("defaultValue").asText(null);
        if (value != null && camelDefault != null && "duration".equals(option.get("type").asText())) {
            boolean same = DurationStyle.detectAndParse(value.asText()).equals(TimeUtils.toDuration(camelDefault));
            return same ? camelDefault : value.asText();
        }
        return value != null ? value.asText() : null;
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static JsonNode readJson(URL url) throws IOException {
        assertThat(url).isNotNull();
        try (InputStream in = url.openStream()) {
            return JSON.readTree(in);
        }
    }
}
