package org.idminter.migrate.legacy;

/** A legacy row that cannot be moved to the RFC 083 schema as it is, and why. */
public record Refusal(LegacyRow row, String reason) {}
