/** The names of the matter-handling process: its stages, variables and decision keys, and where its definitions are. */
@NamedInterface("model")
package org.civicloop.matter.model;

import org.springframework.modulith.NamedInterface;
