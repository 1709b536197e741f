/** JMH micro-benchmarks and side-by-side comparisons. */
package io.troupe.bench;
