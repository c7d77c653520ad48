package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServicesTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension();

    private JsonNode services() {
        Http.Answer answer = Http.bare(extension.sandbox()).get(extension.sandbox().servicesUrl());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("content-type")).startsWith("application/json");
        return answer.json();
    }

    @Test
    void serviceListIsABareArrayOfAtLeastTwelveServices() {
        JsonNode json = services();
        assertThat(json.isArray()).isTrue();
        assertThat(json.size()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void ambankIsExactlyTheReferenceSample() throws Exception {
        JsonNode expected = Http.MAPPER.readTree("""
                {"id": 67, "name": "AmBank", "provider": "Finsify",
                 "media_path": "https://assets.finsify.com/services/",
                 "cover_file_name": "ambank-cover.png", "logo_file_name": "ambank-logo.png",
                 "color": {"primary": "ED1B24", "secondary": "FEF200"},
                 "type": "bank", "country_code": "MY", "has_balance": true, "call_to_action": null}
                """);
        JsonNode ambank = null;
        for (JsonNode service : services()) {
            if (service.path("id").asInt() == 67) {
                ambank = service;
            }
        }
        assertThat(ambank).isEqualTo(expected);
    }

    @Test
    void servicesSpanSeveralCountriesAndAllThreeTypes() {
        Set<String> countries = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (JsonNode service : services()) {
            countries.add(service.path("country_code").asText());
            types.add(service.path("type").asText());
        }
        assertThat(countries).contains("VN", "MY", "SG", "US", "AU");
        assertThat(types).containsExactlyInAnyOrder("bank", "statement", "other");
    }

    @Test
    void everyServiceHasCompleteMediaFields() {
        for (JsonNode service : services()) {
            assertThat(service.path("media_path").asText()).isEqualTo("https://assets.finsify.com/services/");
            assertThat(service.path("cover_file_name").asText()).matches("[a-z0-9_]+-cover\\.(png|jpg)");
            assertThat(service.path("logo_file_name").asText()).matches("[a-z0-9_]+-logo\\.png");
            assertThat(service.path("color").path("primary").asText()).matches("[0-9A-F]{6}");
            assertThat(service.path("color").path("secondary").asText()).matches("[0-9A-F]{6}");
            assertThat(service.path("provider").asText()).isNotBlank();
            assertThat(service.path("has_balance").isBoolean()).isTrue();
            assertThat(service.has("call_to_action")).isTrue();
        }
    }

    @Test
    void someServicesHaveACallToAction() {
        assertThat(services()).anySatisfy(service -> {
            assertThat(service.path("call_to_action").path("prompt").asText()).isNotBlank();
            assertThat(service.path("call_to_action").path("text").asText()).isNotBlank();
            assertThat(service.path("call_to_action").path("url").asText()).startsWith("https://");
        });
    }

    @Test
    void serviceEightExistsForTheReferencesTokenSample() {
        assertThat(services()).anySatisfy(service -> assertThat(service.path("id").asInt()).isEqualTo(8));
    }
}
