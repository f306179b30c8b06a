import { FIRST_EVENT_METRICS } from '../../db/migrations/1764158400000-metric-case-dimensions';
import { FIRST_RESPONSE_ACTIONS, RESOLUTION_EVENTS } from '../../api/metrics/response-times';

/**
 * case_first_events (migration 1764158400000) keeps each case's first event of the response-time
 * metrics as they were defined when it was written; the metrics read it only while the definitions
 * are the same, and a change to them needs a migration that rebuilds the table. This test says so.
 */
describe('first events kept for the response-time metrics', () => {
  it('are the first response and the resolution exactly as response-times.ts defines them', () => {
    expect([...FIRST_EVENT_METRICS.first_response.actions]).toEqual([...FIRST_RESPONSE_ACTIONS]);
    expect(FIRST_EVENT_METRICS.first_response.toState).toBeNull();
    expect([...FIRST_EVENT_METRICS.resolution.actions]).toEqual([...RESOLUTION_EVENTS.actions]);
    expect(FIRST_EVENT_METRICS.resolution.toState).toBe(RESOLUTION_EVENTS.toState);
  });
});
