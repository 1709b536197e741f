/**
 * Troupe's physical convention and planner: the operators Troupe runs itself (scan, filter, project,
 * aggregate, top-N), the rules that move work into them from Calcite's logical plan, the program that runs
 * those rules between Calcite's phases, the converter that hands their rows to generated code, and the check
 * of whether a whole plan is a plain scan whose rows can go out as columns ({@link io.troupe.sql.plan.ColumnarPlan}).
 */
package io.troupe.sql.plan;
