import { hmac } from '@noble/hashes/hmac.js';
import { _SHA256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { DateTime } from 'luxon';
import { WEEKDAYS } from '../../../workflows/common/business-calendar';
import { SEVERITIES } from '../../../workflows/common/severity';
import { isKnownTimeZone } from '../../../workflows/common/time-zones';

/**
 * What a workflow sees of the modules the worker preloads (worker/worker.ts): the sandbox shares a
 * preloaded module between workflows and freezes its exports, while a module that is not preloaded is
 * evaluated for each workflow and left as its code made it.
 */
export async function preloadProbe(): Promise<Record<string, boolean>> {
  return {
    luxon: Object.isFrozen(DateTime),
    // Not sha256 itself: noble freezes its hash functions on its own.
    noble: Object.isFrozen(_SHA256) && Object.isFrozen(hmac) && Object.isFrozen(utf8ToBytes),
    timeZones: Object.isFrozen(isKnownTimeZone) && isKnownTimeZone('Asia/Kathmandu'),
    businessCalendar: Object.isFrozen(WEEKDAYS),
    notPreloaded: Object.isFrozen(SEVERITIES),
  };
}
