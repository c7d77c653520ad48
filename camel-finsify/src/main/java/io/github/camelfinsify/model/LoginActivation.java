package io.github.camelfinsify.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The state of a login after an activate or deactivate call: {@code active} is true after a successful activation
 * and false after a successful deactivation.
 */
public record LoginActivation(long id, boolean active) {

    /**
     * The API answers {@code {"id":..,"activate":true}} to an activation and {@code {"id":..,"deActivate":true}} to a
     * deactivation: both read into one shape.
     */
    @JsonCreator
    static LoginActivation fromJson(
            @JsonProperty("id") long id,
            @JsonProperty("activate") Boolean activate,
            @JsonProperty("deActivate") Boolean deactivate) {
        if (activate != null) {
            return new LoginActivation(id, activate);
        }
        return new LoginActivation(id, deactivate == null || !deactivate);
    }
}
