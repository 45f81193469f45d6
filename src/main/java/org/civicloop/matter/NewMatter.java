package org.civicloop.matter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.civicloop.organization.Directory;

/**
 * A matter as reported, before it has a tracking number: from the 12345 operator's start form in
 * Tasklist or from a county system. {@link #problems} names every field that is wrong.
 */
public record NewMatter(String channel, String matterType, String category, String urgency, String description,
		String unitId, String address, String gridCode, Contact reporter, Double latitude, Double longitude,
		String operatorId, List<String> attachments) {

	public static final int MAX_ATTACHMENTS = 10;

	public NewMatter {
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
	}

	/** A matter as the Tasklist start form gives it: no coordinates, operator or attachments. */
	public NewMatter(String channel, String matterType, String category, String urgency, String description,
			String unitId, String address, String gridCode, Contact reporter) {
		this(channel, matterType, category, urgency, description, unitId, address, gridCode, reporter, null, null, null,
				List.of());
	}

	public static final Set<String> CHANNELS = Set.of("hotline", "wechat", "mini-program", "walk-in", "grid-patrol",
			"open311");

	public static final Set<String> TYPES = Set.of("consultation", "help", "complaint", "suggestion");

	public static final Map<String, String> URGENCIES = orderedMap("normal", "一般", "urgent", "紧急", "critical", "特急");

	private static final Pattern MOBILE = Pattern.compile("^1[3-9][0-9]{9}$");

	private static final Pattern LINK = Pattern.compile("^https?://[^\\s<>\"]+$");

	private static final Pattern GRID = Pattern.compile("^[A-Z]{2}-[A-Z]{2,3}-[0-9]{2}$");

	/** Field name → what is wrong with it; empty when the matter can be registered. */
	public Map<String, String> problems(Categories categories, Directory directory) {
		var problems = new LinkedHashMap<String, String>();
		oneOf(problems, "channel", channel, CHANNELS);
		oneOf(problems, "matterType", matterType, TYPES);
		if (blank(category)) {
			problems.put("category", "is required");
		}
		else if (categories.byCode(category).isEmpty()) {
			problems.put("category", "is not in the category catalogue: " + category);
		}
		oneOf(problems, "urgency", urgency, URGENCIES.keySet());
		if (blank(description) || description.strip().length() < 5) {
			problems.put("description", "must say what happened, in at least 5 characters");
		}
		else if (description.length() > 2000) {
			problems.put("description", "must be at most 2000 characters");
		}
		if (blank(unitId)) {
			problems.put("unit", "is required");
		}
		else if (directory.unit(unitId).isEmpty()) {
			problems.put("unit", "is not a unit of the directory: " + unitId);
		}
		if (address != null && address.length() > 200) {
			problems.put("address", "must be at most 200 characters");
		}
		if (!blank(gridCode) && !GRID.matcher(gridCode).matches()) {
			problems.put("gridCode", "must look like QS-ST-01");
		}
		if (reporter == null || blank(reporter.name())) {
			problems.put("reporterName", "is required");
		}
		else if (reporter.name().length() > 50) {
			problems.put("reporterName", "must be at most 50 characters");
		}
		if (reporter == null || blank(reporter.phone()) || !MOBILE.matcher(reporter.phone()).matches()) {
			problems.put("reporterPhone", "must be an 11-digit mainland mobile number");
		}
		if ((latitude == null) != (longitude == null)) {
			problems.put(latitude == null ? "latitude" : "longitude", "must be given together with the other coordinate");
		}
		if (latitude != null && !(latitude >= -90 && latitude <= 90)) {
			problems.put("latitude", "must lie between -90 and 90");
		}
		if (longitude != null && !(longitude >= -180 && longitude <= 180)) {
			problems.put("longitude", "must lie between -180 and 180");
		}
		if ("walk-in".equals(channel) && blank(operatorId)) {
			problems.put("operator", "is required for a walk-in registration: the operator acting for the resident");
		}
		if (operatorId != null && operatorId.length() > 64) {
			problems.put("operator", "must be at most 64 characters");
		}
		if (attachments.size() > MAX_ATTACHMENTS) {
			problems.put("attachments", "must be at most " + MAX_ATTACHMENTS + " links");
		}
		else if (attachments.stream().anyMatch(link -> link == null || link.length() > 500 || !LINK.matcher(link).matches())) {
			problems.put("attachments", "must be http or https links of at most 500 characters");
		}
		return problems;
	}

	private static void oneOf(Map<String, String> problems, String field, String value, Set<String> allowed) {
		if (blank(value)) {
			problems.put(field, "is required");
		}
		else if (!allowed.contains(value)) {
			problems.put(field, "must be one of " + allowed.stream().sorted().toList() + ", not " + value);
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static Map<String, String> orderedMap(String... pairs) {
		var map = new LinkedHashMap<String, String>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return java.util.Collections.unmodifiableMap(map);
	}

	/** Thrown when a matter cannot be registered; carries every bad field. */
	public static class InvalidMatterException extends IllegalArgumentException {

		private final Map<String, String> problems;

		public InvalidMatterException(Map<String, String> problems) {
			super("The matter cannot be registered: " + describe(problems));
			this.problems = Map.copyOf(problems);
		}

		public Map<String, String> problems() {
			return problems;
		}

		private static String describe(Map<String, String> problems) {
			List<String> parts = new ArrayList<>();
			problems.forEach((field, problem) -> parts.add(field + " " + problem));
			return String.join("; ", parts);
		}

	}

}
