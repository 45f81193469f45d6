package org.civicloop.open311;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Open311 settings.
 *
 * @param apiKeys each client's {@code api_key} and the intake-system account it files matters as
 * @param jurisdiction the {@code jurisdiction_id} this endpoint serves
 */
@ConfigurationProperties("civicloop.open311")
public record Open311Properties(@DefaultValue Map<String, String> apiKeys, @DefaultValue("qinghe") String jurisdiction) {
}
