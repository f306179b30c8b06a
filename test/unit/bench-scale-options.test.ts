import { serviceNodeArgs } from '../../bench/processes';
import { pacingDelayMs } from '../../bench/runner';

describe('bench:scale --rate: when each case of a paced opening starts', () => {
  it('is due index / rate seconds after the start, less the time already gone', () => {
    expect(pacingDelayMs(1_000, 0, 20, 1_000)).toBe(0);
    expect(pacingDelayMs(1_000, 1, 20, 1_000)).toBe(50);
    expect(pacingDelayMs(1_000, 40, 20, 1_500)).toBe(1_500);
    expect(pacingDelayMs(1_000, 3, 4, 1_700)).toBe(50);
  });

  it('starts a late case at once instead of waiting a negative time', () => {
    expect(pacingDelayMs(1_000, 10, 20, 2_000)).toBe(0);
  });

  it('never waits when unpaced (rate 0)', () => {
    expect(pacingDelayMs(1_000, 10_000, 0, 1_000)).toBe(0);
  });
});

describe('BENCH_NODE_ARGS: extra node arguments for the services a benchmark spawns', () => {
  it('splits them on whitespace, and gives none when unset or blank', () => {
    expect(serviceNodeArgs({ BENCH_NODE_ARGS: ' --cpu-prof  --cpu-prof-dir=/tmp/p ' })).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/p']);
    expect(serviceNodeArgs({})).toEqual([]);
    expect(serviceNodeArgs({ BENCH_NODE_ARGS: '   ' })).toEqual([]);
  });
});
