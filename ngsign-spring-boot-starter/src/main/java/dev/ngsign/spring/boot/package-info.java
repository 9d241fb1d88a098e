/**
 * Spring Boot auto-configuration for ngsign: what an application customises (builder customizers).
 */
@NullMarked
package dev.ngsign.spring.boot;

import org.jspecify.annotations.NullMarked;
