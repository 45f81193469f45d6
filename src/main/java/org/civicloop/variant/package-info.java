/** Process variants of grassroots units: guardrails every deployment passes, inheritance village → town → county, activation, diff and migration. */
package org.civicloop.variant;
