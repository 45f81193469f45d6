/** Due dates of sign-for and handling, and the warning (黄灯) and urge (红灯) timers that watch them. */
package org.civicloop.deadline;
