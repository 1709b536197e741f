/**
 * A deterministic, seeded generator of B2B product-analytics traffic, and writers for it.
 *
 * <p>Why it exists: every Troupe module needs realistic group-level data to test and benchmark against:
 * organisations of very different sizes, members with roles, multi-step workflows whose steps are done by
 * different members of one organisation (the case group-level funnels exist for), consultants whose events
 * name a client organisation, outside payers, plan upgrades recorded as group property changes, and the
 * irregularities real clients send (identical timestamps, retried events with the same {@code insert_id}).
 *
 * <p>Entry point: {@link io.troupe.testing.generator.B2bGenerator}. Its output is a time-ordered stream of
 * {@link io.troupe.testing.generator.GeneratedCommand}s (events, identifies, group changes) produced hour by
 * hour, so tens of millions of events never sit in memory at once. The same
 * {@link io.troupe.testing.generator.B2bGenerator.Config} always yields the same stream. Writers turn the
 * stream into Amplitude JSON lines ({@link io.troupe.testing.generator.AmplitudeJsonLinesWriter}) or CSV
 * ({@link io.troupe.testing.generator.CsvWriter}); {@link io.troupe.testing.generator.GeneratorMain} writes a
 * file from the command line.
 *
 * <p>This package depends on Jackson only, never on another Troupe module, so that storage's own tests can
 * use it.
 */
package io.troupe.testing.generator;
