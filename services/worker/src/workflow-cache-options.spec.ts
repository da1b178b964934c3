import { workflowCacheOptions } from './workflow-cache-options';

describe('workflowCacheOptions', () => {
  it('keeps workflow tasks in flight within the cache and at the SDK default otherwise', () => {
    expect(workflowCacheOptions(100)).toEqual({ maxCachedWorkflows: 100, maxConcurrentWorkflowTaskExecutions: 40 });
    expect(workflowCacheOptions(10)).toEqual({ maxCachedWorkflows: 10, maxConcurrentWorkflowTaskExecutions: 10 });
    expect(workflowCacheOptions(2)).toEqual({ maxCachedWorkflows: 2, maxConcurrentWorkflowTaskExecutions: 2 });
  });

  it('leaves the task limit alone when the cache is off', () => {
    expect(workflowCacheOptions(0)).toEqual({ maxCachedWorkflows: 0 });
  });
});
