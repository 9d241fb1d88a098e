/**
 * Actuator: health contributors ({@code ngs} per account, {@code navercert}, {@code ngsAgent}) for
 * Boot 3 and Boot 4 (whose health API moved package), and the {@code ngsign} info contributor.
 */
@NullMarked
package dev.ngsign.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
