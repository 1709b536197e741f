/**
 * Troupe's SQL parser: Calcite's grammar with the group-level constructs added through Calcite's codegen
 * (docs/dialect-syntax.md).
 *
 * <p>{@code TroupeSqlParserImpl} (with JavaCC's {@code Token}, {@code ParseException} and friends) is generated
 * at build time from {@code sql/src/main/codegen} into {@code target/generated-sources/javacc}; use
 * {@code TroupeSqlParserImpl.FACTORY} as the parser factory. The hand-written classes here are the parse trees of
 * the new constructs and their operators: {@link io.troupe.sql.parser.SqlGroupByGroupType},
 * {@link io.troupe.sql.parser.SqlFunnel} (with {@link io.troupe.sql.parser.SqlFunnelExclusion}),
 * {@link io.troupe.sql.parser.SqlRetention} and {@link io.troupe.sql.parser.SqlMicroscope}, all collected in
 * {@link io.troupe.sql.parser.TroupeOperators}. This package only builds trees: validating and running them
 * belongs to the validator and planner.
 */
package io.troupe.sql.parser;
