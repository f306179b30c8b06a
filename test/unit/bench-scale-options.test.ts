import { deadlineSchedule, latenessKinds, overlapNote } from '../../bench/deadline-schedule';
import { latenessLine } from '../../bench/lateness';
import { benchWorkerMetricsAddress, serviceNodeArgs } from '../../bench/processes';
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

describe("BENCH_WORKER_METRICS_PORT: where a benchmark's workers serve their Prometheus metrics", () => {
  it('is off unless a port is named, then one port per worker from it', () => {
    expect(benchWorkerMetricsAddress({}, 1)).toBe('off');
    expect(benchWorkerMetricsAddress({ BENCH_WORKER_METRICS_PORT: '9470' }, 1)).toBe('127.0.0.1:9470');
    expect(benchWorkerMetricsAddress({ BENCH_WORKER_METRICS_PORT: '9470' }, 2)).toBe('127.0.0.1:9471');
  });

  it('is off for a value that is not a port', () => {
    expect(benchWorkerMetricsAddress({ BENCH_WORKER_METRICS_PORT: 'x' }, 1)).toBe('off');
    expect(benchWorkerMetricsAddress({ BENCH_WORKER_METRICS_PORT: '0' }, 1)).toBe('off');
    expect(benchWorkerMetricsAddress({ BENCH_WORKER_METRICS_PORT: '65535' }, 2)).toBe('off');
  });
});

describe("bench:scale's lateness line for warnings and breaches", () => {
  const fired = (...pairs: Array<[number, number]>) => pairs.map(([latenessMs, dueAt]) => ({ latenessMs, dueAt }));

  it('watched to the end: met only when every case fired and the p99 is within the target', () => {
    expect(latenessLine({ label: 'breaches', open: 2, fired: fired([100, 1], [300, 2]), targetP99Ms: 2000 })).toBe(
      '  breaches: 2/2 fired; lateness p50 100 ms, p99 300 ms, max 300 ms (target p99 <= 2000 ms, all fired): met',
    );
    expect(latenessLine({ label: 'breaches', open: 3, fired: fired([100, 1], [300, 2]), targetP99Ms: 2000 })).toMatch(/2\/3 fired.*NOT met$/);
    expect(latenessLine({ label: 'warnings', open: 2, fired: fired([100, 1], [2500, 2]), targetP99Ms: 2000 })).toMatch(/p99 2500 ms.*NOT met$/);
  });

  it('watched for a while: the sample is what was due by the cutoff, and one due that never fired fails it', () => {
    const cutoff = { at: 1_000, afterFirstStartS: 600 };
    // Two due by the cutoff and fired in time; one due after it (not in the sample).
    const inTime = latenessLine({ label: 'warnings', open: 10, fired: fired([200, 500], [400, 900], [5_000, 1_500]), dueByCutoff: 2, cutoff, targetP99Ms: 2000 });
    expect(inTime).toBe(
      '  warnings: 2 of the 2 due in the first 600 s fired, of 10 cases; lateness p50 200 ms, p99 400 ms, max 400 ms (target p99 <= 2000 ms): met for those due; watched part of the run only (--watch-s)',
    );
    const missing = latenessLine({ label: 'warnings', open: 10, fired: fired([200, 500]), dueByCutoff: 2, cutoff, targetP99Ms: 2000 });
    expect(missing).toMatch(/1 of the 2 due in the first 600 s fired \(1 not fired: later than the target\).*NOT met for those due/);
  });

  it('says so when nothing of a kind was due before the watch ended', () => {
    expect(latenessLine({ label: 'breaches', open: 10, fired: [], dueByCutoff: 0, cutoff: { at: 1, afterFirstStartS: 60 }, targetP99Ms: 2000 })).toMatch(
      /0 of the 0 due in the first 60 s fired, of 10 cases; lateness - \(target p99 <= 2000 ms\): none due/,
    );
  });
});

describe('bench:scale --warning-pct: when the deadlines fall due and what competed with them', () => {
  it('puts the first warning at the fraction of the budget and the first breach at the budget', () => {
    expect(deadlineSchedule(1000, 50)).toEqual({ firstWarningS: 500, firstBreachS: 1000, warningFraction: 0.5, together: false });
    expect(deadlineSchedule(1000, 100)).toEqual({ firstWarningS: 1000, firstBreachS: 1000, warningFraction: 1, together: true });
  });

  it('refuses a fraction outside 1 to 100 %, naming the option', () => {
    expect(() => deadlineSchedule(1000, 101)).toThrow(/--warning-pct.*1 to 100.*101/);
    expect(() => deadlineSchedule(1000, 0)).toThrow(/--warning-pct/);
  });

  it('says when warnings fell due during the opening, and the budget that measures them alone', () => {
    // Half: warnings after the opening and done before the breaches: 2.2 openings.
    expect(overlapNote(deadlineSchedule(1000, 50), 600)).toMatch(/^ {2}note: the first warnings fell due 500 s .* opening ended \(600 s\).*--budget-s of at least 1320 /);
    // Together: one opening and a tenth.
    expect(overlapNote(deadlineSchedule(500, 100), 600)).toMatch(/at least 660 /);
  });

  it('says when warnings were still falling due as the breaches began', () => {
    // 75 %: warnings from 750 s to 1,350 s, breaches from 1,000 s; alone needs 1.1 × 600 / 0.25.
    expect(overlapNote(deadlineSchedule(1000, 75), 600)).toMatch(/still falling due when the breaches began \(1000 s.*at least 2640 /);
  });

  it('says nothing competed when every deadline fell after the opening', () => {
    expect(overlapNote(deadlineSchedule(1400, 50), 600)).toBe(
      '  deadlines fell due after the opening (warnings from 700 s, breaches from 1400 s; opening 600 s): nothing else competed with them',
    );
    expect(overlapNote(deadlineSchedule(700, 100), 600)).toMatch(/together from 700 s, one workflow task for both; opening 600 s\): nothing else/);
  });
});

describe("bench:scale's lateness lines: warnings and breaches apart, or one line when they fall due together", () => {
  it('prints a line for each kind at a warning point below 100 %', () => {
    expect(latenessKinds(deadlineSchedule(60, 50))).toEqual([
      { action: 'clock_warned', label: 'warnings', due: 'warnings' },
      { action: 'clock_breached', label: 'breaches', due: 'breaches' },
    ]);
  });

  it('prints one line of breaches, each with its warning, at 100 % (the two lines would be the same)', () => {
    expect(latenessKinds(deadlineSchedule(60, 100))).toEqual([{ action: 'clock_breached', label: 'breaches, each with its warning', due: 'breaches' }]);
  });
});
