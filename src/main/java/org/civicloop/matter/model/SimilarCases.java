package org.civicloop.matter.model;

import java.util.List;

/**
 * Earlier cases like a matter, offered to the cadre who signs for and handles it (implemented by the knowledge
 * module): short lines — tracking number or typical case, what was done, outcome — best first, typical cases
 * first where they are about as relevant; no citizen contact. Only cases the department the task is offered to may
 * see, and typical cases.
 */
public interface SimilarCases {

	List<String> linesFor(String trackingNo, String description, String category, String grid, String unit, String department);

}
