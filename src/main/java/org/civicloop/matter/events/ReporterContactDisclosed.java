package org.civicloop.matter.events;



/** A cadre handling a matter was shown the reporter's full name and phone. */
public record ReporterContactDisclosed(String trackingNo, String userId) {
}
