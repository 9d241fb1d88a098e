/** Machinery behind the SDK (wire DTOs, crypto, HMAC signing, token cache, transport); not API. */
package dev.ngsign.navercert.internal;
