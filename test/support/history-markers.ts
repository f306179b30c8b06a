import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;
type History = temporal.api.history.v1.IHistory;

/** The patch ids a history recorded markers for (the SDK's `core_patch` markers), in order. */
export function patchMarkers(history: History): string[] {
  return (history.events ?? [])
    .filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map((e) => {
      const details = e.markerRecordedEventAttributes?.details ?? {};
      const data = Object.values(details)[0]?.payloads?.[0]?.data;
      return (JSON.parse(Buffer.from(data ?? []).toString('utf8')) as { id: string }).id;
    });
}
