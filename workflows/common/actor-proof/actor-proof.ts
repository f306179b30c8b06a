import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Proof that a message to a workflow comes from Riskdesk (the API, or the worker acting on a case):
 * an HMAC-SHA256, with a secret the API and the worker share, over what the message is (a start, an
 * update or a signal), its name, the workflow it goes to, when it was signed, and its arguments (so
 * the actor inside them). It travels as a Temporal header, so no payload or contract changes. The
 * workflows check it (actor-proof.interceptors.ts): somebody who can reach Temporal directly but does
 * not hold the secret cannot act, or start a case, under anybody's name.
 *
 * Pure JavaScript (@noble/hashes), no Node built-ins: the same code runs in the workflow sandbox.
 */

/** The header carrying the proof. Never rename it: it is in recorded histories. */
export const ACTOR_PROOF_HEADER = 'riskdesk-actor-proof';
/** A proof older than this is refused: a captured one cannot be replayed later, an update held back for long is not applied late. */
export const PROOF_MAX_AGE_MS = 5 * 60_000;
/** Clocks of the API and Temporal may differ a little. */
export const PROOF_MAX_SKEW_MS = 60_000;

export type MessageKind = 'start' | 'update' | 'signal';

export interface ProofKey {
  kid: string;
  secret: string;
}

export interface ActorProof {
  kid: string;
  /** Epoch ms it was signed. */
  at: number;
  mac: string;
}

export interface SignedMessage {
  kind: MessageKind;
  /** The workflow type, update name or signal name. */
  name: string;
  workflowId: string;
  args: readonly unknown[];
}

/** A key's id: from the secret, so processes sharing a secret agree on it without more configuration. */
export function proofKey(secret: string): ProofKey {
  return { kid: bytesToHex(sha256(utf8ToBytes(`riskdesk-actor-proof:${secret}`))).slice(0, 16), secret };
}

function mac(secret: string, m: SignedMessage, at: number): string {
  const text = `${m.kind}\n${m.name}\n${m.workflowId}\n${at}\n${JSON.stringify(m.args)}`;
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(text)));
}

export function signMessage(key: ProofKey, m: SignedMessage, at: number): ActorProof {
  return { kid: key.kid, at, mac: mac(key.secret, m, at) };
}

/**
 * Why the proof does not vouch for this message at `now`, or null when it does. `keys`: the current key
 * and those still accepted during a rotation.
 */
export function proofProblem(proof: unknown, keys: readonly ProofKey[], m: SignedMessage, now: number): string | null {
  if (!proof || typeof proof !== 'object') return 'it carries no proof that it comes from the Riskdesk API';
  const p = proof as Partial<ActorProof>;
  if (typeof p.kid !== 'string' || typeof p.at !== 'number' || typeof p.mac !== 'string') return 'its proof is malformed';
  const key = keys.find((k) => k.kid === p.kid);
  if (!key) return 'its proof is signed with a key this worker does not hold';
  if (!equalInConstantTime(mac(key.secret, m, p.at), p.mac)) return 'its proof does not match the message (forged or altered)';
  if (p.at > now + PROOF_MAX_SKEW_MS) return 'its proof is dated in the future';
  if (now - p.at > PROOF_MAX_AGE_MS) return `its proof is older than ${PROOF_MAX_AGE_MS / 60_000} minutes`;
  return null;
}

function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
