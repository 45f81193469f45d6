package org.civicloop.matter;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.civicloop.organization.Roles;

/**
 * The matter record: what was reported ({@link NewMatter}, as it was filed), who registered it, and where it
 * stands ({@link Progress}). {@code trackingNo} is what the matter is called between the citizen and the
 * cadres; {@code publicId} is what public listings show instead.
 */
public record Matter(long id, String trackingNo, String publicId, String processInstanceId, NewMatter report,
		String registeredBy, Progress progress) {

	/**
	 * How far the matter has come: the step it waits at, who leads and who co-handles it, when it was
	 * registered, when the step it waits at is due, when it was closed and how the citizen rated it.
	 */
	public record Progress(String stage, String leadDepartment, List<String> coDepartments, Instant registeredAt,
			Instant dueAt, Instant closedAt, String satisfaction, int extensions) {

		public Progress {
			coDepartments = coDepartments == null ? List.of() : List.copyOf(coDepartments);
		}

		static Progress registered(Instant at) {
			return new Progress("registered", null, List.of(), at, null, null, null, 0);
		}

	}

	public boolean isClosed() {
		return progress.closedAt() != null;
	}

	/**
	 * Whether someone in these groups handles this matter — the dispatch centre, the lead department or a
	 * co-handling one — and so may see the reporter's full contact.
	 */
	public boolean isHandledByAnyOf(Collection<String> groups) {
		return groups.contains(Roles.DISPATCH_CENTRE) || groups.contains(progress.leadDepartment())
				|| progress.coDepartments().stream().anyMatch(groups::contains);
	}

}
