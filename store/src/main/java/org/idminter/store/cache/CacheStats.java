package org.idminter.store.cache;

/**
 * What the cache has done since it opened: hits in the process, hits in Valkey/Redis, misses (read
 * from the database), and failed Valkey/Redis calls (each answered from the database instead).
 */
public record CacheStats(long localHits, long redisHits, long misses, long redisErrors) {}
