package org.idminter.store;

/**
 * The connection pool at one moment: connections in use, idle, their total, threads waiting for
 * one, and the most the pool may open.
 */
public record ConnectionStats(int active, int idle, int total, int waiting, int max) {}
