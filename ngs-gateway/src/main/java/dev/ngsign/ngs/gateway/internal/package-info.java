/** Gateway machinery: settings, the shared context and the listeners; not API. */
@NullMarked
package dev.ngsign.ngs.gateway.internal;

import org.jspecify.annotations.NullMarked;
