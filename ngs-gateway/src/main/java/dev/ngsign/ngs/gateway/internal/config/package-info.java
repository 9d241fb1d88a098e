/**
 * The gateway's configuration file: the Jackson DTO it is read into (kebab-case keys), the
 * deprecated camelCase spellings it still accepts, and the mapping onto {@link
 * dev.ngsign.ngs.gateway.NgsGateway.Builder}.
 */
@NullMarked
package dev.ngsign.ngs.gateway.internal.config;

import org.jspecify.annotations.NullMarked;
