import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import fs from 'node:fs';
import path from 'node:path';

/**
 * With RECORD_HISTORIES=1, writes a workflow's event history (its latest run) to
 * test/replay/histories/<set>/<name>.json for the replay test; otherwise does nothing. For workflows
 * whose tests run on the dev server with real activities (bulk operations, webhooks, QA reviews), where
 * test/workflows/record-histories.test.ts would have to stand in for what they call.
 */
export async function recordHistory(client: Client, set: string, name: string, workflowId: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const dir = path.resolve(__dirname, '../replay/histories', set);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(JSON.parse(historyToJSON(history)), null, 1));
}

/** The set the operations' histories (bulk operations, webhooks) are recorded in. */
export const OPERATIONS_SET = '05-operations';

/** The set the pre-release QA holds are recorded in (the hold's workflow tests, and their QA reviews). */
export const QA_HOLDS_SET = '06-qa-holds';

/**
 * The set the representative lifecycles (record-histories.test.ts, record-appeal-histories.test.ts) are
 * recorded in now: runs that write notifications with the projection (the `case-notices-in-projection` patch). The older sets stay and keep replaying.
 */
export const LIFECYCLES_SET = '07-notices-in-projection';

/**
 * A case that took a signal and an update in one workflow task, applied in arrival order (the
 * `case-signals-before-updates` marker, which only such runs carry); recorded from its workflow test.
 */
export const SIGNALS_FIRST_SET = '08-signals-before-updates';

/**
 * An escalation and its handoff started with the patches in force listed in their inputs
 * (`patchesAtStart`, workflows/common/runtime/patch-ids.ts): runs with no patch markers; recorded from
 * test/workflows/patches-at-start.test.ts.
 */
export const PATCHES_AT_START_SET = '09-patches-at-start';
