package org.idminter.store.pool;

/** What a top-up did: free IDs before and after, and how many IDs it inserted. */
public record TopUpResult(long desired, long freeBefore, long freeAfter, long inserted) {}
