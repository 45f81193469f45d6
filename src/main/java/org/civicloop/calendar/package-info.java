/** Working time in Asia/Shanghai: office hours, weekends, public holidays and make-up working days, and due dates counted in them. */
@ApplicationModule(allowedDependencies = { "security", "organization", "system" })
package org.civicloop.calendar;

import org.springframework.modulith.ApplicationModule;
