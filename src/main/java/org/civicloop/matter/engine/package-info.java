/** The process side: starting and correlating {@code matter-handling}, its delegates, task completions and forms, contact-free history, demo matters. */
package org.civicloop.matter.engine;
