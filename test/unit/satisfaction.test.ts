import { satisfactionReport } from '../../api/metrics/satisfaction';

describe('seller satisfaction', () => {
  it('groups answers by kind, team and decision with their average and satisfied share', () => {
    const r = satisfactionReport([
      { kind: 'appeal', team: 'seller-risk-us', decision: 'reinstated', score: 5, count: 3 },
      { kind: 'appeal', team: 'seller-risk-us', decision: 'reinstated', score: 4, count: 1 },
      { kind: 'appeal', team: 'seller-risk-us', decision: 'denied', score: 1, count: 2 },
      { kind: 'appeal', team: 'seller-risk-us', decision: 'denied', score: 4, count: 1 },
      { kind: 'escalation', team: 'seller-risk-eu', decision: 'enforcement_reversed', score: 3, count: 1 },
    ]);
    expect(r).toEqual({
      responses: 8,
      averageScore: 3.5,
      satisfiedShare: 0.625,
      groups: [
        { kind: 'appeal', team: 'seller-risk-us', decision: 'denied', responses: 3, averageScore: 2, satisfiedShare: 0.3333 },
        { kind: 'appeal', team: 'seller-risk-us', decision: 'reinstated', responses: 4, averageScore: 4.75, satisfiedShare: 1 },
        { kind: 'escalation', team: 'seller-risk-eu', decision: 'enforcement_reversed', responses: 1, averageScore: 3, satisfiedShare: 0 },
      ],
    });
  });

  it('has no figures without answers', () => {
    expect(satisfactionReport([])).toEqual({ responses: 0, averageScore: null, satisfiedShare: null, groups: [] });
  });
});
