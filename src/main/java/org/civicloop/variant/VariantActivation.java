package org.civicloop.variant;

import java.time.Clock;

import org.civicloop.security.Audit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Which variant a unit uses: an earlier one again (rollback), or none (it inherits again). */
@Component
class VariantActivation {

	private final Variants variants;

	private final Migrations migrations;

	private final Audit audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	VariantActivation(Variants variants, Migrations migrations, Audit audit, Clock clock,
			PlatformTransactionManager transactions) {
		this.variants = variants;
		this.migrations = migrations;
		this.audit = audit;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** Makes an earlier variant of the unit active again; moves running matters onto it when asked to. */
	Migrations.Migration activate(Variants.Variant variant, String by, boolean migrate) {
		var before = migrations.before(variant.unitId());
		transaction.executeWithoutResult(status -> {
			variants.activate(variant, by, clock.instant());
			audit.record(by, "variant.activate", "unit " + variant.unitId(), variant.deploymentId());
		});
		return migrations.after(before, migrate);
	}

	/** The unit goes back to what it inherits; running matters move onto that when asked to. */
	Migrations.Migration deactivate(String unitId, String by, boolean migrate) {
		var before = migrations.before(unitId);
		transaction.executeWithoutResult(status -> {
			if (variants.deactivate(unitId) > 0) {
				audit.record(by, "variant.deactivate", "unit " + unitId, "inherits again");
			}
		});
		return migrations.after(before, migrate);
	}

}
