/**
 * The console's security rules: operator sessions behind an {@code HttpOnly}, {@code
 * SameSite=Strict} cookie ({@link dev.ngsign.ngs.agent.internal.console.auth.Sessions}), a
 * synchronizer token and a same-origin check on every state-changing request ({@link
 * dev.ngsign.ngs.agent.internal.console.auth.SameOrigin}), and a limit on failed logins ({@link
 * dev.ngsign.ngs.agent.internal.console.auth.LoginThrottle}).
 */
@NullMarked
package dev.ngsign.ngs.agent.internal.console.auth;

import org.jspecify.annotations.NullMarked;
