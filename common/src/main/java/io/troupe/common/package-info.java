/**
 * What the server and the JDBC driver share and nothing heavier: the error-code catalogue and (in
 * {@code io.troupe.common.wire}) the native protocol's wire format. This module has no dependencies so the
 * driver stays small.
 */
package io.troupe.common;
