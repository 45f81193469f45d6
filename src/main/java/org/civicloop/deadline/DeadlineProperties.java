package org.civicloop.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When deadlines warn.
 *
 * @param warnAtFraction the share of a time limit after which the warning (黄灯) fires; the urge (红灯)
 *     fires at the deadline itself
 * @param supervisionGraceWorkingDays working days a matter may stay overdue in handling before the upper level
 *     supervises it (督办)
 */
@ConfigurationProperties("civicloop.deadline")
public record DeadlineProperties(@DefaultValue("0.75") double warnAtFraction,
		@DefaultValue("1") int supervisionGraceWorkingDays) {

	public DeadlineProperties {
		if (supervisionGraceWorkingDays < 1) {
			throw new IllegalArgumentException("civicloop.deadline.supervision-grace-working-days must be at least 1");
		}
		if (!(warnAtFraction > 0 && warnAtFraction < 1)) {
			throw new IllegalArgumentException("civicloop.deadline.warn-at-fraction must lie between 0 and 1");
		}
	}

}
