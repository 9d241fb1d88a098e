/**
 * Section 5 crypto: the 32-byte key cut from the password's SHA-256 hex at KEYPOS, the PWD field of
 * CERT and BIND, and whole-body AES-256-CBC (zero IV, PKCS#5) for TYPE {@code P} sessions. Nothing
 * here ever puts key material or password hashes into a message or {@code toString()}.
 */
@NullMarked
package dev.ngsign.ngs.protocol.crypto;

import org.jspecify.annotations.NullMarked;
