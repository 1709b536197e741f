/**
 * Credentials: the owner-only {@code secrets/} folder (API keys, the admin token, the user file), SQL users with
 * salted PBKDF2 hashes, and the rules of the user statements (CREATE/ALTER/DROP USER).
 */
package io.troupe.server.security;
