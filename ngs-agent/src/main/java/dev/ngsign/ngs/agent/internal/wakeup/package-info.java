/**
 * When a worker claims again: the {@link dev.ngsign.ngs.agent.internal.wakeup.Wakeup} a worker
 * waits on between claims, the adaptive {@link dev.ngsign.ngs.agent.internal.wakeup.PollPacer}
 * (MariaDB, H2), and the PostgreSQL {@link dev.ngsign.ngs.agent.internal.wakeup.PgNotifyListener}
 * that signals the wakeup as soon as the application inserts into the send table. The poll stays as
 * the fallback everywhere.
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.wakeup;

import org.jspecify.annotations.NullMarked;
