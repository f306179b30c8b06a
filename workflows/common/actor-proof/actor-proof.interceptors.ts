import {
  ApplicationFailure,
  defaultPayloadConverter,
  log,
  patched,
  workflowInfo,
  type Next,
  type SignalInput,
  type SignalWorkflowInput,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import type { Headers } from '@temporalio/common';
import { ACTOR_PROOF_HEADER, proofProblem, signMessage, type ProofKey, type SignedMessage } from './actor-proof';

/**
 * The workflows' side of actor proofs (actor-proof.ts), registered for every workflow of the bundle:
 * - a start is run only with a valid proof, unless Temporal itself says it is a continued run or a
 *   child of another workflow (those facts come from the server, not from the caller);
 * - an update's validator refuses it (403 through the API) without a valid proof;
 * - a signal without a valid proof is dropped;
 * - signals a workflow sends (a handoff's answer to its case) are signed here.
 *
 * Replay: validators do not run on replay, and a refused start or a dropped signal is recorded as a
 * marker when it happens, so replaying never re-judges a proof (keys may have rotated since).
 */

declare const __RISKDESK_ACTOR_PROOF_KEYS__: string | undefined;

/** The keys the worker was bundled with (worker/worker.ts); none when bundled for replay only. */
const KEYS: readonly ProofKey[] = typeof __RISKDESK_ACTOR_PROOF_KEYS__ === 'string' ? (JSON.parse(__RISKDESK_ACTOR_PROOF_KEYS__) as ProofKey[]) : [];

const REFUSED_START = 'riskdesk-actor-proof:refused-start';
const refusedSignal = (n: number) => `riskdesk-actor-proof:dropped-signal-${n}`;

function proofIn(headers: Headers): unknown {
  const payload = headers[ACTOR_PROOF_HEADER];
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload(payload);
  } catch {
    return undefined;
  }
}

function problemWith(headers: Headers, m: SignedMessage, now: number, proof: unknown = proofIn(headers)): string | null {
  return proofProblem(proof, KEYS, m, now);
}

/**
 * A signal one workflow sends another also carries its proof as a trailing argument: not every
 * Temporal server forwards the headers of a signal sent from a workflow (the time-skipping test server
 * drops them). Handlers take their own arguments only, so the extra one changes nothing for them.
 */
const PROOF_ARG = 'riskdeskActorProof';

function trailingProof(args: readonly unknown[]): { proof: unknown; args: unknown[] } | null {
  const last = args[args.length - 1];
  if (!last || typeof last !== 'object' || !(PROOF_ARG in last) || Object.keys(last).length !== 1) return null;
  return { proof: (last as Record<string, unknown>)[PROOF_ARG], args: args.slice(0, -1) };
}

class InboundProof implements WorkflowInboundCallsInterceptor {
  private signals = 0;

  async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const info = workflowInfo();
    if (info.parent || info.continuedFromExecutionRunId) return next(input);
    const replaying = info.unsafe.isReplaying;
    const problem = replaying
      ? patched(REFUSED_START)
        ? 'refused when it started'
        : null
      : // The server's start time, not the first task's: a case started while no worker ran is not refused for the wait.
        problemWith(input.headers, { kind: 'start', name: info.workflowType, workflowId: info.workflowId, args: input.args }, info.startTime.getTime());
    if (!problem) return next(input);
    if (!replaying) patched(REFUSED_START);
    throw ApplicationFailure.nonRetryable(`refused to start ${info.workflowType}: ${problem}`, 'forbidden');
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    const problem = problemWith(input.headers, { kind: 'update', name: input.name, workflowId: workflowInfo().workflowId, args: input.args }, Date.now());
    if (problem) {
      throw ApplicationFailure.create({
        type: 'forbidden',
        message: `update ${input.name} refused: ${problem}`,
        nonRetryable: true,
        details: [{ denial: 'unproven_actor' }],
      });
    }
    next(input);
  }

  async handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>): Promise<void> {
    const n = this.signals++;
    const info = workflowInfo();
    const trailing = trailingProof(input.args);
    const args = trailing?.args ?? input.args;
    const proof = proofIn(input.headers) ?? trailing?.proof;
    const problem = info.unsafe.isReplaying
      ? patched(refusedSignal(n))
        ? 'dropped when it arrived'
        : null
      : problemWith(input.headers, { kind: 'signal', name: input.signalName, workflowId: info.workflowId, args }, Date.now(), proof);
    if (!problem) return next({ ...input, args });
    if (!info.unsafe.isReplaying) {
      patched(refusedSignal(n));
      log.warn('signal dropped: it carries no valid actor proof', { signal: input.signalName, problem });
    }
  }
}

class OutboundProof implements WorkflowOutboundCallsInterceptor {
  async signalWorkflow(input: SignalWorkflowInput, next: Next<WorkflowOutboundCallsInterceptor, 'signalWorkflow'>): Promise<void> {
    const key = KEYS[0];
    if (!key || input.target.type !== 'external') return next(input);
    const m: SignedMessage = { kind: 'signal', name: input.signalName, workflowId: input.target.workflowExecution.workflowId ?? '', args: input.args };
    const proof = signMessage(key, m, Date.now());
    return next({
      ...input,
      args: [...input.args, { [PROOF_ARG]: proof }],
      headers: { ...input.headers, [ACTOR_PROOF_HEADER]: defaultPayloadConverter.toPayload(proof)! },
    });
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new InboundProof()], outbound: [new OutboundProof()] });
