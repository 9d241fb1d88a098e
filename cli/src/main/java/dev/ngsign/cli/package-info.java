/** The {@code ./ngsign} command line: one class per subcommand. */
package dev.ngsign.cli;
