/** Gateway machinery: settings, the shared context and the listeners; not API. */
package dev.ngsign.ngs.gateway.internal;
