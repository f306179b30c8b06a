import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import type { AppConfig } from '../config/env';
import { ACTOR_PROOF_HEADER, proofKey, signMessage, type ProofKey, type SignedMessage } from '../workflows/common/actor-proof/actor-proof';

/** The current key first, then earlier ones still accepted during a rotation. */
export function actorProofKeys(current: string, previous: readonly string[] = []): ProofKey[] {
  return [current, ...previous].map(proofKey);
}

export function actorProofKeysFrom(config: Pick<AppConfig, 'ACTOR_PROOF_SECRET' | 'ACTOR_PROOF_PREVIOUS_SECRETS'>): ProofKey[] {
  if (!config.ACTOR_PROOF_SECRET) throw new Error('ACTOR_PROOF_SECRET is not configured');
  return actorProofKeys(config.ACTOR_PROOF_SECRET, config.ACTOR_PROOF_PREVIOUS_SECRETS);
}

/**
 * Signs every start, update (also an update-with-start) and signal this client sends (actor-proof.ts): the API's client, and the
 * worker's (whose activities act on cases, e.g. the out-of-office hand-back). Queries, which change
 * nothing, are not signed.
 */
export function actorProofInterceptor(
  keys: readonly ProofKey[],
  /** The time proofs are dated with; tests on a time-skipping server pass that server's clock. */
  now: () => number | Promise<number> = Date.now,
): WorkflowClientInterceptor {
  const key = keys[0];
  const sign = async (headers: Headers, m: SignedMessage): Promise<Headers> => ({
    ...headers,
    [ACTOR_PROOF_HEADER]: defaultPayloadConverter.toPayload(signMessage(key, m, await now()))!,
  });
  return {
    start: async (input, next) =>
      next({ ...input, headers: await sign(input.headers, { kind: 'start', name: input.workflowType, workflowId: input.options.workflowId, args: input.options.args }) }),
    startWithDetails: async (input, next) =>
      next({ ...input, headers: await sign(input.headers, { kind: 'start', name: input.workflowType, workflowId: input.options.workflowId, args: input.options.args }) }),
    // Create's one round trip: the start and the first update each carry their own proof.
    startUpdateWithStart: async (input, next) =>
      next({
        ...input,
        workflowStartHeaders: await sign(input.workflowStartHeaders, {
          kind: 'start',
          name: input.workflowType,
          workflowId: input.workflowStartOptions.workflowId,
          args: input.workflowStartOptions.args,
        }),
        updateHeaders: await sign(input.updateHeaders, { kind: 'update', name: input.updateName, workflowId: input.workflowStartOptions.workflowId, args: input.updateArgs }),
      }),
    startUpdate: async (input, next) =>
      next({ ...input, headers: await sign(input.headers, { kind: 'update', name: input.updateName, workflowId: input.workflowExecution.workflowId, args: input.args }) }),
    signal: async (input, next) =>
      next({ ...input, headers: await sign(input.headers, { kind: 'signal', name: input.signalName, workflowId: input.workflowExecution.workflowId, args: input.args }) }),
  };
}
