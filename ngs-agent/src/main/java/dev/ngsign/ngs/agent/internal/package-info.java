/** Implementation of the agent; not API, may change without notice. */
@NullMarked
package dev.ngsign.ngs.agent.internal;

import org.jspecify.annotations.NullMarked;
