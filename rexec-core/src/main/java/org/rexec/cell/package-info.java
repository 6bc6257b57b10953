/**
 * The machinery of a cell, behind the API's {@code Cell}: its sources and code loader, its
 * class loaders, the run ({@link org.rexec.cell.ProgramRun}: threads, waiting, ending), its
 * budgets and the watchdog that samples them, its audit log, its standard streams. Speaks the
 * machinery's terms ({@link org.rexec.cell.RunOutcome}, refusal sites, {@link
 * org.rexec.cell.LoadFailure}); never uses the API, which turns them into its values. Not
 * exported.
 */
package org.rexec.cell;
