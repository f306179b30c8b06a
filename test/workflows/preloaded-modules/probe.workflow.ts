import { hmac } from '@noble/hashes/hmac.js';
import { _SHA256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { DateTime } from 'luxon';
import { WEEKDAYS } from '../../../workflows/common/business-calendar';
import { SEVERITIES } from '../../../workflows/common/severity';
import { isKnownTimeZone } from '../../../workflows/common/time-zones';

/** Module-level, so shared with every workflow of the thread: the probe's own exports are frozen. */
export const PROBE_TABLE = { kind: 'probe' };

/**
 * What a workflow sees of the modules the worker preloads (worker/worker.ts): the sandbox shares every
 * module the workflows entry reaches, and freezes its exports, while each workflow's state stays its
 * own (the argument and the local variable below).
 */
export async function preloadProbe(label: string): Promise<Record<string, boolean | string>> {
  const mine = { label };
  return {
    luxon: Object.isFrozen(DateTime),
    // Not sha256 itself: noble freezes its hash functions on its own.
    noble: Object.isFrozen(_SHA256) && Object.isFrozen(hmac) && Object.isFrozen(utf8ToBytes),
    timeZones: Object.isFrozen(isKnownTimeZone) && isKnownTimeZone('Asia/Kathmandu'),
    businessCalendar: Object.isFrozen(WEEKDAYS),
    workflowModules: Object.isFrozen(SEVERITIES) && Object.isFrozen(PROBE_TABLE) && Object.isFrozen(preloadProbe),
    label: mine.label,
  };
}
