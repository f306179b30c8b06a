import { ESCALATION_MESSAGES } from '../../workflows/escalation/escalation.contract';
import { HANDOFF_MESSAGES } from '../../workflows/handoff/handoff.contract';
import { ENFORCEMENT_MESSAGES, ENFORCEMENT_WORKFLOW_TYPE } from '../../workflows/enforcement/enforcement.contract';
import { REVIEW_MESSAGES, REVIEW_WORKFLOW_TYPE } from '../../workflows/strategic-review/review.contract';
import { APPEAL_MESSAGES, APPEAL_WORKFLOW_TYPE } from '../../workflows/appeal/appeal.contract';
import { REFUSAL_TYPES } from '../../workflows/common/refusal';
import { ErrorCode, httpStatusFor } from '../../api/common/error-codes';

/**
 * Message wire names are written into every workflow history: renaming one breaks every running case
 * (and the recorded histories). This list is the contract; change it only together with a versioned
 * migration of the workflows.
 */
describe('workflow message contracts', () => {
  const wireNames = (defs: Array<{ name: string }>) => defs.map((d) => d.name);

  it('keeps the escalation wire names', () => {
    expect(wireNames(ESCALATION_MESSAGES.updates)).toEqual([
      'acknowledge', 'claim', 'release', 'requestInfo', 'recordSellerResponse', 'handOff',
      'resolve', 'reopen', 'escalate', 'reassign', 'extendSla', 'awaitRecorded',
      'retriage', 'assign', 'renewLease',
    ]);
    expect(wireNames(ESCALATION_MESSAGES.signals)).toEqual(['handoffAnswered', 'qaReviewOutcome']);
    expect(wireNames(ESCALATION_MESSAGES.queries)).toEqual(['getEscalation']);
  });

  it('keeps the handoff wire names', () => {
    expect(wireNames(HANDOFF_MESSAGES.updates)).toEqual(['answerHandoff']);
    expect(wireNames(HANDOFF_MESSAGES.queries)).toEqual(['getHandoff']);
  });

  it('keeps the strategic review and enforcement wire names', () => {
    expect(REVIEW_WORKFLOW_TYPE).toBe('strategicReviewWorkflow');
    expect(ENFORCEMENT_WORKFLOW_TYPE).toBe('enforcementWorkflow');
    expect(wireNames(REVIEW_MESSAGES.updates)).toEqual([
      'acknowledge', 'claim', 'release', 'reassign', 'completeCheck', 'assessRisk', 'handOff', 'proposeDecision', 'approveDecision',
      'rejectDecision', 'withdrawDecision', 'approveUrgency', 'retryEnforcement', 'flagPolicyGap', 'decidePolicyGap', 'awaitRecorded',
    ]);
    expect(wireNames(REVIEW_MESSAGES.signals)).toEqual(['handoffAnswered', 'enforcementResult', 'qaReviewOutcome']);
    expect(wireNames(REVIEW_MESSAGES.queries)).toEqual(['getReview']);
    expect(wireNames(ENFORCEMENT_MESSAGES.queries)).toEqual(['getEnforcement']);
  });

  it('keeps the appeal wire names', () => {
    expect(APPEAL_WORKFLOW_TYPE).toBe('appealWorkflow');
    expect(wireNames(APPEAL_MESSAGES.updates)).toEqual([
      'acknowledge', 'claim', 'release', 'reassign', 'addNote', 'requestInfo', 'sellerRespond', 'decide', 'approveReinstatement',
      'rejectReinstatement', 'withdrawDecision', 'retryReinstatement', 'awaitRecorded',
    ]);
    expect(wireNames(APPEAL_MESSAGES.signals)).toEqual(['restumble', 'enforcementResult', 'qaReviewOutcome']);
    expect(wireNames(APPEAL_MESSAGES.queries)).toEqual(['getAppeal']);
  });

  it('maps every refusal a workflow can give to a 4xx error code of the API', () => {
    for (const type of REFUSAL_TYPES) {
      expect(Object.values(ErrorCode)).toContain(type);
      const status = httpStatusFor(type as ErrorCode);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
  });
});
