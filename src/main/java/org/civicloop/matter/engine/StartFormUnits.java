package org.civicloop.matter.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The start form's unit field against the organisation directory: its options are part of the form
 * ({@code forms/matter-registration.form}), the directory is the installation's own, and a unit missing from
 * the form cannot have its matters registered in Tasklist. Said once at start-up in the log and kept in the
 * health details (for operators) until the form is edited to match.
 */
@Component("startForm")
class StartFormUnits implements HealthIndicator {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StartFormUnits.class);

	static final String FORM = "forms/matter-registration.form";

	private final Directory directory;

	private final Set<String> offered;

	StartFormUnits(Directory directory) throws IOException {
		this.directory = directory;
		try (InputStream in = new ClassPathResource(FORM).getInputStream()) {
			this.offered = unitsOffered(new ObjectMapper().readTree(in));
		}
	}

	/** The values of the form's unit field, in the order it lists them. */
	static Set<String> unitsOffered(JsonNode form) {
		var units = new LinkedHashSet<String>();
		for (JsonNode component : form.path("components")) {
			if (MatterHandling.Vars.UNIT.equals(component.path("key").asText())) {
				component.path("values").forEach(option -> units.add(option.path("value").asText()));
			}
		}
		return units;
	}

	/** Units of the directory the form does not offer. */
	List<String> missing() {
		return directory.units().stream().map(Unit::id).filter(id -> !offered.contains(id)).toList();
	}

	/** Units the form offers that the directory does not have. */
	List<String> unknown() {
		var unknown = new ArrayList<>(offered);
		unknown.removeAll(directory.units().stream().map(Unit::id).toList());
		return unknown;
	}

	@EventListener(ApplicationReadyEvent.class)
	void sayWhenTheyDiffer() {
		if (!missing().isEmpty() || !unknown().isEmpty()) {
			log.warn("The start form {} does not list the directory's units: missing {}, not in the directory {}; "
					+ "matters of the missing units cannot be registered in Tasklist until the form is edited", FORM, missing(), unknown());
		}
	}

	@Override
	public Health health() {
		var health = Health.up().withDetail("unitsMissing", missing()).withDetail("unitsUnknown", unknown());
		if (!missing().isEmpty() || !unknown().isEmpty()) {
			health.withDetail("warning", "edit the unit field of " + FORM + " to list exactly the directory's units");
		}
		return health.build();
	}

}
