/** The {@code ./ngsign} command line: one class per subcommand. */
@NullMarked
package dev.ngsign.cli;

import org.jspecify.annotations.NullMarked;
