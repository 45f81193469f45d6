package org.civicloop.matter;

/**
 * A reporter's name and phone. Stored once, in the matter record; everywhere else it is {@link #masked()}.
 * {@link #toString()} masks too, so a contact that slips into a log line leaks nothing.
 */
public record Contact(String name, String phone) {

	/** {@code 张*} and {@code 138****1234}: enough to recognise, not enough to reach. */
	public String masked() {
		return maskName(name) + " " + maskPhone(phone);
	}

	public static String maskPhone(String phone) {
		if (phone == null || phone.length() < 7) {
			return "****";
		}
		return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
	}

	public static String maskName(String name) {
		if (name == null || name.isBlank()) {
			return "";
		}
		return name.substring(0, 1) + "*".repeat(Math.max(1, name.length() - 1));
	}

	@Override
	public String toString() {
		return "Contact[" + masked() + "]";
	}

}
