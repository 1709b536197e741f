/**
 * Funnel kernels: per-unit state in flat arrays over one time-ordered pass (the dialect issue builds
 * FUNNEL and FUNNEL_LEVEL on them).
 */
package io.troupe.sql.exec.funnel;
