/**
 * Results in the form the server streams: Arrow record batches.
 */
package io.troupe.sql.result;
