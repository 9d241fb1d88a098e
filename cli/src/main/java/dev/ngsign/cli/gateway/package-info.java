/** {@code ./ngsign gateway} (run the NGS gateway) and {@code ./ngsign bench} (DELIVER load generator). */
package dev.ngsign.cli.gateway;
