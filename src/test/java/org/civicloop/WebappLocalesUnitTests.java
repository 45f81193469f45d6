package org.civicloop;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CivicLoop's Chinese for the Camunda webapps ({@code META-INF/resources/webjars/camunda/app/<app>/locales/zh.json})
 * against the English the webjar on the classpath ships: every label the webapp uses is translated, none is
 * left over from another version, and every translation keeps the English one's placeholders and markup — so
 * an upgrade of Camunda that adds or renames labels fails here, not in front of a cadre.
 */
class WebappLocalesUnitTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * {@code {{ name }}} interpolations, HTML tags (by name) and entities. Words in angle brackets that are no
	 * HTML ({@code <definition>} in a menu) are text and translated.
	 */
	private static final Pattern MARKUP = Pattern.compile(
			"\\{\\{\\s*([^}]*?)\\s*}}|</?(a|b|br|code|div|em|i|li|p|pre|small|span|strong|u|ul)\\b|&[a-z]+;");

	@ParameterizedTest
	@ValueSource(strings = { "tasklist", "cockpit", "admin", "welcome" })
	void everyLabelIsTranslatedWithItsPlaceholdersAndMarkup(String app) throws IOException {
		JsonNode english = locale(app, "en");
		JsonNode chinese = locale(app, "zh");

		assertThat(names(chinese.path("labels"))).isEqualTo(names(english.path("labels")));
		var broken = new ArrayList<String>();
		english.path("labels").properties().forEach(label -> {
			String translated = chinese.path("labels").path(label.getKey()).asText();
			if (!markup(translated).equals(markup(label.getValue().asText()))) {
				broken.add(label.getKey() + ": " + label.getValue().asText() + " → " + translated);
			}
		});
		assertThat(broken).as("translations that lost or changed placeholders or markup").isEmpty();
		assertThat(names(chinese.path("dateLocales"))).isEqualTo(names(english.path("dateLocales")));
		english.path("dateLocales").properties().forEach(part -> {
			JsonNode ours = chinese.path("dateLocales").path(part.getKey());
			if (part.getValue().isArray()) {
				assertThat(ours.size()).as(part.getKey()).isEqualTo(part.getValue().size());
			}
			else {
				assertThat(names(ours)).as(part.getKey()).isEqualTo(names(part.getValue()));
			}
		});
	}

	private static JsonNode locale(String app, String language) throws IOException {
		String path = "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + language + ".json";
		try (InputStream in = WebappLocalesUnitTests.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			byte[] bytes = in.readAllBytes();
			int bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef ? 3 : 0; // the webjar's English files start with one
			return JSON.readTree(new String(bytes, bom, bytes.length - bom, java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	private static TreeSet<String> names(JsonNode object) {
		var names = new TreeSet<String>();
		object.fieldNames().forEachRemaining(names::add);
		return names;
	}

	private static List<String> markup(String text) {
		var found = new ArrayList<String>();
		var matcher = MARKUP.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1) != null ? "{{" + matcher.group(1).replace(" ", "") + "}}"
					: matcher.group(2) != null ? "<" + matcher.group(2) : matcher.group());
		}
		found.sort(null);
		return found;
	}

}
