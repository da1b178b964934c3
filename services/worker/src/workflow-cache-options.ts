/**
 * The Temporal worker's sticky cache of workflow runs (one reused V8 context in the SDK's workflow
 * thread), from WORKER_MAX_CACHED_WORKFLOWS. Workflow tasks in flight cannot outnumber cached runs:
 * their limit (the SDK's default, 40) is lowered to the cache size, which the SDK would otherwise do
 * with a warning at every start. 0 disables the cache (every workflow task replays its history).
 */
export function workflowCacheOptions(maxCachedWorkflows: number): { maxCachedWorkflows: number; maxConcurrentWorkflowTaskExecutions?: number } {
  if (maxCachedWorkflows === 0) return { maxCachedWorkflows };
  return { maxCachedWorkflows, maxConcurrentWorkflowTaskExecutions: Math.max(2, Math.min(40, maxCachedWorkflows)) };
}
