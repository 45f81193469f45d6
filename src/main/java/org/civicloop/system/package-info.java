/** What every module shares with the engine: its clock, and running engine work as the application or as an account. */
package org.civicloop.system;
