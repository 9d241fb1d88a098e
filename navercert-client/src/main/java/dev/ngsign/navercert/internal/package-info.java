/** Machinery behind the SDK (wire DTOs, crypto, HMAC signing, token cache, transport); not API. */
@NullMarked
package dev.ngsign.navercert.internal;

import org.jspecify.annotations.NullMarked;
