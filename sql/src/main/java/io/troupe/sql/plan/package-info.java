/**
 * Troupe's physical convention and planner: the operators Troupe runs itself (scan, filter, project,
 * aggregate, top-N), the rules that move work into them from Calcite's logical plan, the program that runs
 * those rules between Calcite's phases, and the converter that hands their rows to generated code.
 */
package io.troupe.sql.plan;
