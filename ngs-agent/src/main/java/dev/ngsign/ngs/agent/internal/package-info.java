/** Implementation of the agent; not API, may change without notice. */
package dev.ngsign.ngs.agent.internal;
