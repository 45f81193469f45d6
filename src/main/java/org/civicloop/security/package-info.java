/** Authentication for every entrance from the engine's identity, grants from the directory, deployment and input guards, audit. */
package org.civicloop.security;
