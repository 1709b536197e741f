/** Netty plumbing every listener shares: the event loops and a bound port. */
package io.troupe.server.net;
