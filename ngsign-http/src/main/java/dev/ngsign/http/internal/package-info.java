/** The listener's Netty handlers: connection limit, request deadlines, worker hand-off. */
@NullMarked
package dev.ngsign.http.internal;

import org.jspecify.annotations.NullMarked;
