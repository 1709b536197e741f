/**
 * The Troupe JDBC driver ({@code jdbc:troupe://host[:port]/project}): driver, connection, statements and the
 * binding of {@code ?} parameters. The wire client is in {@code client}, Arrow decoding in {@code arrow}, values and
 * result sets in {@code values} and {@code result}, catalog metadata in {@code metadata}; docs/jdbc.md is the
 * user's guide.
 */
package io.troupe.jdbc;
