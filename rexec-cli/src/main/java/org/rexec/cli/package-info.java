/**
 * The {@code rexec} command: runs or checks a program in a padded cell. Uses only the public
 * API of {@code org.rexec}.
 */
package org.rexec.cli;
