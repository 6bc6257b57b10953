/**
 * Text as rexec reads it from people and prints it from cells: sizes and durations as its CLI
 * and policy files write them ({@link org.rexec.text.Units}), and {@link
 * org.rexec.text.BoundedText}, which cuts and escapes what a program chose so that it is safe to
 * print on one line. Part of the API, for supervisors that print a cell's text themselves.
 */
package org.rexec.text;
