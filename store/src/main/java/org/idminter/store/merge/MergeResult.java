package org.idminter.store.merge;

/** A merge's run id, whether it changed anything (false: merged already), and its plan. */
public record MergeResult(String runId, boolean changed, MergePlan plan) {}
