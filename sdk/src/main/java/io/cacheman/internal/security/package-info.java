/**
 * Turns the {@code cacheman.tls.*} and {@code cacheman.auth.*} settings into what a connection
 * needs: TLS engines made from trust and key material, and credentials whose password is read at
 * each connect. Knows nothing of connections beyond {@link io.cacheman.internal.connection.Security}.
 */
package io.cacheman.internal.security;
