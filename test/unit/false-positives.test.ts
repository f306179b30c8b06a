import { parse } from 'csv-parse/sync';
import { FALSE_POSITIVE_CSV_COLUMNS, falsePositiveCsv, falsePositiveRate, falsePositiveReport, type FalsePositiveCase } from '../../api/reports/false-positives';

const CASE: FalsePositiveCase = {
  caseId: 'c-1', sellerId: 's-1', enforcementRef: 'ext-1', enforcementType: 'suspension', reasonCode: 'enforcement_error',
  note: 'Passport "valid", misread; see ID-7', decidedBy: 'ben', decidedAt: '2026-11-03T10:00:00.000Z',
};

describe('the false-positive report', () => {
  it('rates errors against the team enforcements, with no rate for a team without enforcements', () => {
    expect(falsePositiveRate(3, 40)).toBe(0.075);
    expect(falsePositiveRate(1, 3)).toBe(0.3333);
    expect(falsePositiveRate(2, 0)).toBeNull();
    expect(falsePositiveReport('SPIV', 'a', 'b', 4, [CASE])).toMatchObject({ enforcements: 4, enforcementErrors: 1, rate: 0.25, cases: [CASE] });
  });

  it('writes one CSV line per case with the totals, quoting what needs quoting', () => {
    const csv = falsePositiveCsv(falsePositiveReport('SPIV', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 4, [CASE, { ...CASE, caseId: 'c-2', note: null }]));
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual([...FALSE_POSITIVE_CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ upstream_team: 'SPIV', team_enforcements: '4', enforcement_errors: '2', rate: '0.5', case_id: 'c-1', note: 'Passport "valid", misread; see ID-7' });
    expect(rows[1]).toMatchObject({ case_id: 'c-2', note: '' });
  });

  it('writes a summary line when the team had no false positives', () => {
    const rows = parse(falsePositiveCsv(falsePositiveReport('TSI', 'a', 'b', 0, [])), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([expect.objectContaining({ upstream_team: 'TSI', team_enforcements: '0', enforcement_errors: '0', rate: '', case_id: '' })]);
  });
});
