package dev.ngsign.ngs.agent.internal.store;

/** One row of the attachment table: an image (MTYPE 21..24) of a message. */
public record Attachment(long msgId, int seq, int mtype, byte[] data) {}
