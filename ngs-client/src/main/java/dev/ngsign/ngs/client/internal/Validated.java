package dev.ngsign.ngs.client.internal;

/** Marks message types whose DELIVER was already checked against the content rules when built. */
public interface Validated {}
