import { bucketKeyOf, MAX_BUCKETS, resolvePeriod, type Period, type PeriodInput } from '../../api/metrics/period';

const HOUR = 3_600_000;
const at = (s: string) => Date.parse(s);
const NOW = at('2026-03-18T10:00:00Z'); // a Wednesday

function ok(input: PeriodInput, now = NOW): Period {
  const r = resolvePeriod(input, now);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.period;
}

function problems(input: PeriodInput, now = NOW) {
  const r = resolvePeriod(input, now);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('metric periods', () => {
  it('defaults to 12 ISO weeks in UTC ending now, the last one partial', () => {
    const p = ok({});
    expect(p).toMatchObject({ bucket: 'week', timeZone: 'UTC', to: NOW, from: at('2025-12-29T00:00:00Z') });
    expect(p.buckets).toHaveLength(12);
    expect(p.buckets[0]).toEqual({ key: '2025-12-29', from: at('2025-12-29T00:00:00Z'), to: at('2026-01-05T00:00:00Z') });
    expect(p.buckets[11]).toEqual({ key: '2026-03-16', from: at('2026-03-16T00:00:00Z'), to: NOW });
  });

  it('does not open an empty bucket when to falls on a bucket boundary', () => {
    const p = ok({ to: '2026-03-16' });
    expect(p.buckets).toHaveLength(12);
    expect(p.buckets[11]).toEqual({ key: '2026-03-09', from: at('2026-03-09T00:00:00Z'), to: at('2026-03-16T00:00:00Z') });
  });

  it('reads dates and date-times without an offset in the time zone, and honours an explicit offset', () => {
    const tokyo = ok({ from: '2026-03-01', to: '2026-03-03T12:00', bucket: 'day', timeZone: 'Asia/Tokyo' });
    expect(tokyo.from).toBe(at('2026-02-28T15:00:00Z'));
    expect(tokyo.to).toBe(at('2026-03-03T03:00:00Z'));
    expect(tokyo.buckets.map((b) => b.key)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    const explicit = ok({ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00+02:00', bucket: 'day', timeZone: 'Asia/Tokyo' });
    expect(explicit.from).toBe(at('2026-03-01T00:00:00Z'));
    expect(explicit.to).toBe(at('2026-03-01T22:00:00Z'));
    // 09:00 in Tokyo on 1 March falls in the local day that started on 1 March.
    expect(explicit.buckets.map((b) => b.key)).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('follows local midnight through a daylight-saving change: that day is 23 hours long', () => {
    const p = ok({ from: '2026-03-28', to: '2026-03-31', bucket: 'day', timeZone: 'Europe/Berlin' });
    expect(p.buckets.map((b) => [b.key, (b.to - b.from) / HOUR])).toEqual([
      ['2026-03-28', 24],
      ['2026-03-29', 23],
      ['2026-03-30', 24],
    ]);
    expect(p.buckets[1].from).toBe(at('2026-03-28T23:00:00Z'));
  });

  it('clips the first and last buckets to the period but keys them by their whole start', () => {
    const p = ok({ from: '2026-01-15', to: '2026-03-10', bucket: 'month' });
    expect(p.buckets).toEqual([
      { key: '2026-01-01', from: at('2026-01-15T00:00:00Z'), to: at('2026-02-01T00:00:00Z') },
      { key: '2026-02-01', from: at('2026-02-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z') },
      { key: '2026-03-01', from: at('2026-03-01T00:00:00Z'), to: at('2026-03-10T00:00:00Z') },
    ]);
  });

  it('puts an instant in the same bucket the SQL does (local date of the bucket start)', () => {
    // 23:30 UTC on Sunday 1 March is Monday 2 March in Tokyo: a new ISO week there, not in UTC.
    const instant = at('2026-03-01T23:30:00Z');
    expect(bucketKeyOf(instant, 'week', 'UTC')).toBe('2026-02-23');
    expect(bucketKeyOf(instant, 'week', 'Asia/Tokyo')).toBe('2026-03-02');
    expect(bucketKeyOf(instant, 'month', 'America/New_York')).toBe('2026-03-01');
    expect(bucketKeyOf(at('2026-03-01T03:00:00Z'), 'month', 'America/New_York')).toBe('2026-02-01');
  });

  it.each([
    [{ bucket: 'hour' as never }, 'bucket', /bucket must be one of day, week, month/],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', /not an IANA time zone/],
    [{ timeZone: '+02:00' }, 'timeZone', /not an IANA time zone/],
    [{ from: 'yesterday' }, 'from', /ISO 8601/],
    [{ from: '2026-02-30' }, 'from', /ISO 8601/],
    [{ to: '2026-13-01' }, 'to', /ISO 8601/],
    [{ from: '2026-03-10', to: '2026-03-10' }, 'to', /must be after from/],
    [{ from: '2026-04-01' }, 'from', /must be after from/],
    [{ from: '2020-01-01', to: '2026-01-01', bucket: 'day' as const }, 'from', new RegExp(`at most ${MAX_BUCKETS} buckets`)],
  ])('refuses %j naming %s', (input, field, message) => {
    const found = problems(input);
    expect(found.map((p) => p.field)).toEqual([field]);
    expect(found[0].problems.join(' ')).toMatch(message);
  });

  it('accepts the longest series', () => {
    expect(ok({ from: '2025-01-01', to: '2026-01-02', bucket: 'day' }).buckets).toHaveLength(MAX_BUCKETS);
  });
});
