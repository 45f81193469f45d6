/** Intake, the matter record and its timeline; the one class that starts and correlates {@code matter-handling}. */
package org.civicloop.matter;
