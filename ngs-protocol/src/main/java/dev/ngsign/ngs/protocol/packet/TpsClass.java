package dev.ngsign.ngs.protocol.packet;

/**
 * The three classes a TPS limit applies to (BIND_ACK): SMS; LMS and MMS; AlimTalk and FriendTalk.
 */
public enum TpsClass {
  SMS,
  MMS,
  KKO
}
