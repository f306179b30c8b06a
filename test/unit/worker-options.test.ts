import { loadConfig } from '../../config/env';
import { describeWorkerOptions, workerOptionsFrom, workerTuningFrom } from '../../worker/worker-options';

describe('WORKER_* tuning settings', () => {
  it("leave every option to the SDK when unset", () => {
    expect(workerOptionsFrom(loadConfig({}))).toEqual({});
    expect(describeWorkerOptions(workerOptionsFrom(loadConfig({})))).toBe("the SDK's default options");
  });

  it('map each setting to its worker option', () => {
    const config = loadConfig({
      WORKER_MAX_CACHED_WORKFLOWS: '500',
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '8',
      WORKER_MAX_CONCURRENT_ACTIVITIES: '20',
      WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '30',
      WORKER_WORKFLOW_THREADS: '2',
    });
    expect(workerOptionsFrom(config)).toEqual({
      maxCachedWorkflows: 500,
      maxConcurrentWorkflowTaskExecutions: 8,
      maxConcurrentActivityTaskExecutions: 20,
      maxConcurrentLocalActivityExecutions: 30,
      workflowThreadPoolSize: 2,
    });
    expect(describeWorkerOptions(workerOptionsFrom(loadConfig({ WORKER_WORKFLOW_THREADS: '2' })))).toBe('workflowThreadPoolSize=2');
  });

  it('capture no workflow stack frames unless WORKER_WORKFLOW_STACK_FRAMES says how many', () => {
    expect(loadConfig({}).WORKER_WORKFLOW_STACK_FRAMES).toBe(0);
    expect(loadConfig({ WORKER_WORKFLOW_STACK_FRAMES: '10' }).WORKER_WORKFLOW_STACK_FRAMES).toBe(10);
  });

  it('hand a worker its options and its stack frames together', () => {
    expect(workerTuningFrom(loadConfig({ WORKER_WORKFLOW_THREADS: '2', WORKER_WORKFLOW_STACK_FRAMES: '10' }))).toEqual({
      options: { workflowThreadPoolSize: 2 },
      workflowStackFrames: 10,
    });
    expect(workerTuningFrom(loadConfig({}))).toEqual({ options: {}, workflowStackFrames: 0 });
  });

  it.each([
    ['WORKER_MAX_CACHED_WORKFLOWS', '-1'],
    ['WORKER_WORKFLOW_STACK_FRAMES', '-1'],
    ['WORKER_WORKFLOW_STACK_FRAMES', 'all'],
    ['WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', '1'],
    ['WORKER_MAX_CONCURRENT_ACTIVITIES', '0'],
    ['WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES', 'many'],
    ['WORKER_WORKFLOW_THREADS', '1.5'],
    ['ROSTER_CACHE_TTL_MS', '-5'],
  ])('refuse a bad %s (%s) naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });
});
