import { defaultPayloadConverter } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { eventTypeName, renderHistory } from '../../api/history/history-renderer';

const T = temporal.api.enums.v1.EventType;
const at = Date.parse('2026-03-02T10:00:00Z');
const payloads = (...values: unknown[]) => ({ payloads: values.map((v) => defaultPayloadConverter.toPayload(v)) });
const event = (eventId: number, eventType: temporal.api.enums.v1.EventType, attrs: Record<string, unknown>) =>
  temporal.api.history.v1.HistoryEvent.create({ eventId: eventId as never, eventType, eventTime: msToTs(at + eventId), ...attrs });

describe('eventTypeName', () => {
  it("uses the proto enum's names without the prefix", () => {
    expect(eventTypeName(T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).toBe('WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
    expect(eventTypeName(9999)).toBe('UNKNOWN_9999');
  });
});

describe('renderHistory', () => {
  const actor = { userId: 'ana', role: 'specialist', team: 'seller-risk-eu' };
  const events = [
    event(1, T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, {
      workflowExecutionStartedEventAttributes: { workflowType: { name: 'escalationWorkflow' }, input: payloads({ caseId: 'c1' }) },
    }),
    event(2, T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, { workflowTaskScheduledEventAttributes: {} }),
    event(5, T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, {
      workflowExecutionUpdateAcceptedEventAttributes: {
        acceptedRequest: { meta: { updateId: 'resolve:ana:k1' }, input: { name: 'resolve', args: payloads({ actor, resolutionCode: 'duplicate' }) } },
      },
    }),
    event(6, T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, {
      activityTaskScheduledEventAttributes: { activityType: { name: 'projectCase' }, input: payloads({ projectionSeq: 3 }) },
    }),
    event(7, T.EVENT_TYPE_ACTIVITY_TASK_FAILED, {
      activityTaskFailedEventAttributes: { scheduledEventId: 6, failure: { message: 'connection refused', applicationFailureInfo: { type: 'Error' } } },
    }),
    event(8, T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, { activityTaskCompletedEventAttributes: { scheduledEventId: 6, result: payloads() } }),
    event(9, T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, {
      workflowExecutionUpdateCompletedEventAttributes: { acceptedEventId: 5, meta: { updateId: 'resolve:ana:k1' }, outcome: { success: payloads({ state: 'resolved' }) } },
    }),
    event(10, T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, {
      workflowExecutionSignaledEventAttributes: { signalName: 'handoffAnswered', input: payloads({ handoffId: 'c1/handoff/1' }) },
    }),
    event(11, T.EVENT_TYPE_TIMER_STARTED, { timerStartedEventAttributes: { timerId: '3', startToFireTimeout: msToTs(90_000) } }),
    event(12, T.EVENT_TYPE_TIMER_FIRED, { timerFiredEventAttributes: { timerId: '3', startedEventId: 11 } }),
    event(13, T.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, {
      startChildWorkflowExecutionInitiatedEventAttributes: { workflowId: 'handoff-c1-handoff-1', workflowType: { name: 'handoffWorkflow' }, input: payloads({ handoffId: 'c1/handoff/1' }) },
    }),
  ];
  const rendered = renderHistory(events);
  const byId = (id: number) => rendered.find((e) => e.eventId === id)!;

  it('gives every event its id, type and time', () => {
    expect(rendered.map((e) => e.eventId)).toEqual([1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(byId(2)).toEqual({ eventId: 2, type: 'WORKFLOW_TASK_SCHEDULED', time: new Date(at + 2).toISOString(), name: null });
  });

  it('decodes workflow input, update arguments and results', () => {
    expect(byId(1)).toMatchObject({ type: 'WORKFLOW_EXECUTION_STARTED', name: 'escalationWorkflow', args: [{ caseId: 'c1' }] });
    expect(byId(5)).toMatchObject({ name: 'resolve', updateId: 'resolve:ana:k1', args: [{ actor, resolutionCode: 'duplicate' }] });
    expect(byId(9)).toMatchObject({ type: 'WORKFLOW_EXECUTION_UPDATE_COMPLETED', name: 'resolve', result: { state: 'resolved' } });
  });

  it('names activities, timers and signals, including on the events that finish them', () => {
    expect(byId(6)).toMatchObject({ name: 'projectCase', args: [{ projectionSeq: 3 }] });
    expect(byId(7)).toMatchObject({ name: 'projectCase', failure: { message: 'connection refused', type: 'Error' } });
    expect(byId(8)).toMatchObject({ name: 'projectCase', result: null });
    expect(byId(10)).toMatchObject({ name: 'handoffAnswered', args: [{ handoffId: 'c1/handoff/1' }] });
    expect(byId(11)).toMatchObject({ name: 'timer 3', args: [{ timerId: '3', startToFireTimeoutMs: 90_000 }] });
    expect(byId(12)).toMatchObject({ type: 'TIMER_FIRED', name: 'timer 3' });
    expect(byId(13)).toMatchObject({ name: 'handoffWorkflow', workflowId: 'handoff-c1-handoff-1' });
  });

  it('names a local activity by the type its marker records, with its result', () => {
    const [marker, patch] = renderHistory([
      event(1, T.EVENT_TYPE_MARKER_RECORDED, {
        markerRecordedEventAttributes: {
          markerName: 'core_local_activity',
          details: { data: payloads({ seq: 1, attempt: 1, activity_id: '1', activity_type: 'projectCase' }), result: payloads({ written: true }) },
        },
      }),
      event(2, T.EVENT_TYPE_MARKER_RECORDED, { markerRecordedEventAttributes: { markerName: 'core_patch', details: { patch_data: payloads({ id: 'p' }) } } }),
    ]);
    expect(marker).toMatchObject({ type: 'MARKER_RECORDED', name: 'projectCase', result: { written: true } });
    expect(patch).toMatchObject({ type: 'MARKER_RECORDED', name: 'core_patch' });
  });

  it('shows a payload it cannot decode by its encoding instead of failing', () => {
    const odd = event(1, T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, {
      workflowExecutionSignaledEventAttributes: {
        signalName: 'x',
        input: { payloads: [{ metadata: { encoding: Buffer.from('binary/encrypted') }, data: Buffer.from([1, 2]) }] },
      },
    });
    expect(renderHistory([odd])[0].args).toEqual([{ undecodable: 'binary/encrypted' }]);
  });
});
