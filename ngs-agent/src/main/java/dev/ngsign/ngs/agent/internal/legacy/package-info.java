/**
 * Other vendors' send tables ({@code table-layout} in agent.yml, docs/legacy-tables.md): a {@link
 * dev.ngsign.ngs.agent.internal.legacy.LegacyLayout} per vendor, and the {@link
 * dev.ngsign.ngs.agent.internal.legacy.LegacyBridge} that feeds the vendor's due rows into the
 * agent's own pipeline through side tables and writes the outcomes back into the vendor's columns.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.legacy;

import org.jspecify.annotations.NullMarked;
