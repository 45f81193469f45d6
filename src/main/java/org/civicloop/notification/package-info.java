/**
 * Notifications to cadres when a limit nears or passes: an in-app inbox per account, and an outbox sent by
 * e-mail and to webhooks (such as the county's SMS gateway), each written once per matter, kind, deadline
 * and recipient in the transaction of the engine step that caused it.
 */
@ApplicationModule(allowedDependencies = { "matter", "matter :: events", "assessment", "knowledge", "organization", "security", "system" })
package org.civicloop.notification;

import org.springframework.modulith.ApplicationModule;
