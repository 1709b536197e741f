/**
 * What the server and the JDBC driver share and nothing heavier: the error-code catalogue and, with the
 * server issue, the native wire format. This module has no dependencies so the driver stays small.
 */
package io.troupe.common;
