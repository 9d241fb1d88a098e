/** Database vendors (SQL that differs between H2, PostgreSQL and MariaDB) and Flyway migrations. */
@NullMarked
package dev.ngsign.ngs.agent.internal.schema;

import org.jspecify.annotations.NullMarked;
