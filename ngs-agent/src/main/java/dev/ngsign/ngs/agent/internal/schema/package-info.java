/** Database vendors (SQL that differs between H2, PostgreSQL and MariaDB) and Flyway migrations. */
package dev.ngsign.ngs.agent.internal.schema;
