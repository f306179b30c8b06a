import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { workflowInterceptorModules, workflowsEntry } from '../../worker/worker';

/**
 * Replays every recorded history (test/replay/histories/<set>/, each set written by
 * test/workflows/record-histories.test.ts with RECORD_HISTORIES=1 when the workflows changed) against
 * the current workflow code. No server is needed. A change that would make a running case's workflow
 * non-deterministic, for a history of any set, fails here before it reaches production.
 */
const dir = path.join(__dirname, 'histories');
const files = fs
  .readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => fs.readdirSync(path.join(dir, d.name)).filter((f) => f.endsWith('.json')).map((f) => path.join(d.name, f)))
  .sort();

describe('replay of recorded workflow histories', () => {
  it('has histories of every workflow type to replay', () => {
    const types = new Set(
      files.map((f) => {
        const history = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
        return history.events[0].workflowExecutionStartedEventAttributes.workflowType.name as string;
      }),
    );
    expect([...types].sort()).toEqual(['appealWorkflow', 'bulkOperationWorkflow', 'enforcementWorkflow', 'escalationWorkflow', 'handBackWorkflow', 'handoffWorkflow', 'qaReviewWorkflow', 'strategicReviewWorkflow', 'webhookDeliveryWorkflow', 'webhookDispatcherWorkflow']);
  });

  // One bundle for every history: bundling per replay took seconds and hundreds of MB each.
  let code: string;
  beforeAll(async () => {
    const quiet = () => undefined;
    ({ code } = await bundleWorkflowCode({
      workflowsPath: workflowsEntry(),
      workflowInterceptorModules: workflowInterceptorModules(),
      logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
    }));
  }, 120_000);

  it.each(files)('replays %s deterministically', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: { code }, replayName: file }, history, path.basename(file, '.json'))).resolves.toBeUndefined();
  });
});
