/** The Troupe process. For now the {@code bin/troupe} entry point; the server issue adds the listeners. */
package io.troupe.server;
