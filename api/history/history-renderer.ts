import { defaultPayloadConverter, type Payload, type PayloadConverter } from '@temporalio/common';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { HistoryEventResponse } from './history.response';

type Event = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;
type Failure = temporal.api.failure.v1.IFailure | null | undefined;

const EVENT_TYPE = temporal.api.enums.v1.EventType;

/** 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED' -> 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED'. */
export function eventTypeName(type: number | null | undefined): string {
  const name = type == null ? undefined : EVENT_TYPE[type];
  return name ? name.replace(/^EVENT_TYPE_/, '') : `UNKNOWN_${type ?? 'UNSPECIFIED'}`;
}

/** The marker the SDK records for a local activity's outcome (its details hold the activity's type and result). */
export const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/**
 * A workflow's event history as operators read it: each event's type and time, and for messages,
 * activities, timers and child workflows their name and decoded arguments or result (or failure).
 * Events that finish something (an activity's completion, an update's completion, a timer firing)
 * carry the name of what they finish, looked up from the event that started it.
 */
export function renderHistory(events: readonly Event[], converter: PayloadConverter = defaultPayloadConverter): HistoryEventResponse[] {
  const names = new Map<string, string>();
  const decode = (payloads: Payloads): unknown[] => (payloads?.payloads ?? []).map((p) => decodePayload(p as Payload, converter));
  const single = (payloads: Payloads): unknown => {
    const values = decode(payloads);
    return values.length <= 1 ? values[0] ?? null : values;
  };
  const nameOf = (id: unknown) => names.get(String(id ?? '')) ?? null;

  return events.map((e) => {
    const eventId = Number(String(e.eventId ?? 0));
    const out: HistoryEventResponse = {
      eventId,
      type: eventTypeName(e.eventType),
      time: e.eventTime ? new Date(tsToMs(e.eventTime)).toISOString() : null,
      name: null,
    };
    const remember = (name: string | null | undefined) => {
      if (name) names.set(String(eventId), name);
      out.name = name ?? null;
    };

    if (e.workflowExecutionStartedEventAttributes) {
      const a = e.workflowExecutionStartedEventAttributes;
      remember(a.workflowType?.name);
      out.args = decode(a.input);
    } else if (e.workflowExecutionCompletedEventAttributes) {
      out.result = single(e.workflowExecutionCompletedEventAttributes.result);
    } else if (e.workflowExecutionFailedEventAttributes) {
      out.failure = failureOf(e.workflowExecutionFailedEventAttributes.failure);
    } else if (e.workflowExecutionContinuedAsNewEventAttributes) {
      const a = e.workflowExecutionContinuedAsNewEventAttributes;
      remember(a.workflowType?.name);
      out.args = decode(a.input);
    } else if (e.workflowExecutionUpdateAdmittedEventAttributes) {
      const r = e.workflowExecutionUpdateAdmittedEventAttributes.request;
      remember(r?.input?.name);
      out.updateId = r?.meta?.updateId ?? undefined;
      out.args = decode(r?.input?.args);
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      const r = e.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest;
      remember(r?.input?.name);
      out.updateId = r?.meta?.updateId ?? undefined;
      out.args = decode(r?.input?.args);
    } else if (e.workflowExecutionUpdateRejectedEventAttributes) {
      const a = e.workflowExecutionUpdateRejectedEventAttributes;
      out.name = a.rejectedRequest?.input?.name ?? null;
      out.updateId = a.rejectedRequest?.meta?.updateId ?? undefined;
      out.args = decode(a.rejectedRequest?.input?.args);
      out.failure = failureOf(a.failure);
    } else if (e.workflowExecutionUpdateCompletedEventAttributes) {
      const a = e.workflowExecutionUpdateCompletedEventAttributes;
      out.name = nameOf(a.acceptedEventId);
      out.updateId = a.meta?.updateId ?? undefined;
      if (a.outcome?.failure) out.failure = failureOf(a.outcome.failure);
      else out.result = single(a.outcome?.success);
    } else if (e.workflowExecutionSignaledEventAttributes) {
      const a = e.workflowExecutionSignaledEventAttributes;
      out.name = a.signalName ?? null;
      out.args = decode(a.input);
    } else if (e.activityTaskScheduledEventAttributes) {
      const a = e.activityTaskScheduledEventAttributes;
      remember(a.activityType?.name);
      out.args = decode(a.input);
    } else if (e.activityTaskStartedEventAttributes) {
      out.name = nameOf(e.activityTaskStartedEventAttributes.scheduledEventId);
    } else if (e.activityTaskCompletedEventAttributes) {
      out.name = nameOf(e.activityTaskCompletedEventAttributes.scheduledEventId);
      out.result = single(e.activityTaskCompletedEventAttributes.result);
    } else if (e.activityTaskFailedEventAttributes) {
      out.name = nameOf(e.activityTaskFailedEventAttributes.scheduledEventId);
      out.failure = failureOf(e.activityTaskFailedEventAttributes.failure);
    } else if (e.activityTaskTimedOutEventAttributes) {
      out.name = nameOf(e.activityTaskTimedOutEventAttributes.scheduledEventId);
      out.failure = failureOf(e.activityTaskTimedOutEventAttributes.failure);
    } else if (e.timerStartedEventAttributes) {
      const a = e.timerStartedEventAttributes;
      remember(`timer ${a.timerId ?? ''}`.trim());
      out.args = [{ timerId: a.timerId, startToFireTimeoutMs: a.startToFireTimeout ? tsToMs(a.startToFireTimeout) : null }];
    } else if (e.timerFiredEventAttributes) {
      out.name = nameOf(e.timerFiredEventAttributes.startedEventId);
    } else if (e.timerCanceledEventAttributes) {
      out.name = nameOf(e.timerCanceledEventAttributes.startedEventId);
    } else if (e.startChildWorkflowExecutionInitiatedEventAttributes) {
      const a = e.startChildWorkflowExecutionInitiatedEventAttributes;
      remember(a.workflowType?.name);
      out.workflowId = a.workflowId ?? undefined;
      out.args = decode(a.input);
    } else if (e.childWorkflowExecutionStartedEventAttributes) {
      const a = e.childWorkflowExecutionStartedEventAttributes;
      out.name = a.workflowType?.name ?? nameOf(a.initiatedEventId);
      out.workflowId = a.workflowExecution?.workflowId ?? undefined;
    } else if (e.childWorkflowExecutionCompletedEventAttributes) {
      const a = e.childWorkflowExecutionCompletedEventAttributes;
      out.name = a.workflowType?.name ?? nameOf(a.initiatedEventId);
      out.workflowId = a.workflowExecution?.workflowId ?? undefined;
      out.result = single(a.result);
    } else if (e.childWorkflowExecutionFailedEventAttributes) {
      const a = e.childWorkflowExecutionFailedEventAttributes;
      out.name = a.workflowType?.name ?? nameOf(a.initiatedEventId);
      out.workflowId = a.workflowExecution?.workflowId ?? undefined;
      out.failure = failureOf(a.failure);
    } else if (e.signalExternalWorkflowExecutionInitiatedEventAttributes) {
      const a = e.signalExternalWorkflowExecutionInitiatedEventAttributes;
      remember(a.signalName);
      out.workflowId = a.workflowExecution?.workflowId ?? undefined;
      out.args = decode(a.input);
    } else if (e.externalWorkflowExecutionSignaledEventAttributes) {
      const a = e.externalWorkflowExecutionSignaledEventAttributes;
      out.name = nameOf(a.initiatedEventId);
      out.workflowId = a.workflowExecution?.workflowId ?? undefined;
    } else if (e.upsertWorkflowSearchAttributesEventAttributes) {
      const fields = e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields ?? {};
      out.args = [Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, decodePayload(p as Payload, converter)]))];
    } else if (e.markerRecordedEventAttributes) {
      const a = e.markerRecordedEventAttributes;
      out.name = a.markerName ?? null;
      // A local activity is recorded as a marker: name it by its activity type, as a scheduled activity is.
      if (a.markerName === LOCAL_ACTIVITY_MARKER) {
        const data = single(a.details?.data) as { activity_type?: unknown; activityType?: unknown } | null;
        const type = data?.activity_type ?? data?.activityType;
        if (typeof type === 'string') out.name = type;
        if (a.failure) out.failure = failureOf(a.failure);
        else out.result = single(a.details?.result);
      }
    } else if (e.workflowTaskFailedEventAttributes) {
      out.failure = failureOf(e.workflowTaskFailedEventAttributes.failure);
    }
    return out;
  });
}

function decodePayload(payload: Payload, converter: PayloadConverter): unknown {
  try {
    return converter.fromPayload(payload);
  } catch {
    const encoding = payload.metadata?.encoding;
    return { undecodable: encoding ? Buffer.from(encoding).toString('utf8') : 'unknown encoding' };
  }
}

function failureOf(failure: Failure): { message: string; type: string | null } | null {
  if (!failure) return null;
  const type = failure.applicationFailureInfo?.type || null;
  const cause = failure.cause?.message ? `: ${failure.cause.message}` : '';
  return { message: `${failure.message ?? ''}${cause}`, type };
}
