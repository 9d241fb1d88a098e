/**
 * The sending agent inside the application: {@code ngsign.agent.*} properties, the agent on the
 * application's DataSource.
 */
@NullMarked
package dev.ngsign.spring.boot.agent;

import org.jspecify.annotations.NullMarked;
