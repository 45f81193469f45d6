/**
 * Matters: the record ({@link org.civicloop.matter.Matter}, {@link org.civicloop.matter.Matters}), intake, the
 * citizen's evaluation token and the labels people read. Besides this API the module offers two named interfaces,
 * {@code events} (what happens to a matter) and {@code model} (the names of the process); its web, store and
 * engine parts are its own.
 */
@ApplicationModule(allowedDependencies = { "organization", "system" })
package org.civicloop.matter;

import org.springframework.modulith.ApplicationModule;
