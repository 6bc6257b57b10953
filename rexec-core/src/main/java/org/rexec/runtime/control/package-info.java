/**
 * The supervisor's half of a cell's runtime: {@link org.rexec.runtime.control.CellControl},
 * kept out of the one package a cell's class loader can see.
 */
package org.rexec.runtime.control;
