/**
 * Funnel kernels: per-unit state in flat arrays over one time-ordered pass. {@link
 * io.troupe.sql.exec.funnel.FunnelKernel#create} gives the kernel of a funnel's order (SEQUENTIAL, STRICT, ANY)
 * with exclusions, time to convert and a breakdown code per unit; {@code FUNNEL_LEVEL} uses {@link
 * io.troupe.sql.exec.funnel.SequentialFunnel} directly.
 */
package io.troupe.sql.exec.funnel;
