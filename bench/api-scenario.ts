import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { signAccessToken } from '../platform/access-tokens';
import type { Actor } from '../workflows/common/actor';
import { escalationWorkflowId } from '../workflows/escalation/escalation.contract';
import { handoffWorkflowId } from '../workflows/handoff/handoff.contract';
import {
  LEGAL,
  MANAGER,
  MARKETPLACE,
  SPECIALISTS,
  STEPS,
  answerRequest,
  handOffRequest,
  resolveRequest,
  type Scenario,
  type Step,
} from './lifecycle';

/**
 * The same lifecycle as riskdeskScenario, but the way a person's browser drives it: HTTP requests to
 * the API with real bearer tokens (verified on every request, the roster looked up), DTO validation,
 * the permission table, signed actor proofs on every update, and the read model read back (the case
 * is back in progress once GET /escalations/:id says so).
 */

export interface ApiCase {
  index: number;
  caseId?: string;
  specialist: Actor;
  legal: Actor;
  handoffId?: string;
}

interface Body {
  id: string;
  state: string;
  handoffs?: Array<{ id: string; status: string }>;
}

/**
 * `baseUrls`: one API, or several behind which each case's steps take turns (step k of case i goes to
 * API (i + k) mod n), as a load balancer without affinity would send them.
 */
export function apiScenario(baseUrls: string | string[], jwtSecret: string, opts: { pollMs: number; resumeTimeoutMs: number }): Scenario<ApiCase> {
  const urls = typeof baseUrls === 'string' ? [baseUrls] : baseUrls;
  const tokens = new Map([...SPECIALISTS, MANAGER, ...LEGAL].map((a) => [a.userId, `Bearer ${signAccessToken(a.userId, jwtSecret, '8h')}`]));
  const call = async (baseUrl: string, method: 'GET' | 'POST', path: string, as: Actor, body?: unknown, expected = method === 'POST' && path === '/escalations' ? 201 : 200): Promise<Body> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: tokens.get(as.userId)!, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as Body;
  };
  const expectState = (c: ApiCase, step: Step, body: Body, state: string) => {
    if (body.state !== state) throw new Error(`case ${c.caseId}: after ${step} the API says ${body.state}, expected ${state}`);
  };
  const withoutActor = <T extends { actor: Actor }>(r: T): Omit<T, 'actor'> => {
    const { actor: _actor, ...rest } = r;
    return rest;
  };

  return {
    name: 'api',
    newCase: (index) => ({ index, specialist: SPECIALISTS[index % SPECIALISTS.length], legal: LEGAL[index % LEGAL.length] }),
    async run(step, c, record) {
      const t0 = performance.now();
      const base = urls[(c.index + STEPS.indexOf(step)) % urls.length];
      switch (step) {
        case 'create': {
          const body = await call(base, 'POST', '/escalations', MANAGER, {
            sellerId: `bench-seller-${c.index}`,
            marketplace: MARKETPLACE,
            severity: 'high',
            category: 'counterfeit',
            source: 'seller_support',
            trigger: 'buyer_complaint',
            enforcementType: 'listing_removal',
            summary: `Counterfeit reports on ${10 + (c.index % 90)} orders`,
          });
          record('create', performance.now() - t0);
          c.caseId = body.id;
          return expectState(c, step, body, 'queued');
        }
        case 'claim': {
          const body = await call(base, 'POST', `/escalations/${c.caseId}/claim`, c.specialist, {});
          record('claim', performance.now() - t0);
          return expectState(c, step, body, 'in_progress');
        }
        case 'handOff': {
          const body = await call(base, 'POST', `/escalations/${c.caseId}/handoffs`, c.specialist, withoutActor(handOffRequest(c.specialist)));
          record('handOff', performance.now() - t0);
          c.handoffId = body.handoffs?.find((h) => h.status === 'open')?.id;
          if (!c.handoffId) throw new Error(`case ${c.caseId}: no open handoff after handOff`);
          return expectState(c, step, body, 'waiting_on_handoff');
        }
        case 'answer': {
          await call(base, 'POST', `/handoffs/${encodeURIComponent(c.handoffId!)}/answer`, c.legal, withoutActor(answerRequest(c.legal)));
          record('answer', performance.now() - t0);
          const deadline = performance.now() + opts.resumeTimeoutMs;
          for (;;) {
            const body = await call(base, 'GET', `/escalations/${c.caseId}`, c.specialist);
            if (body.state === 'in_progress') break;
            if (performance.now() > deadline) throw new Error(`case ${c.caseId} is still ${body.state} ${opts.resumeTimeoutMs} ms after Legal answered`);
            await sleep(opts.pollMs);
          }
          record('answerToResumed', performance.now() - t0);
          return;
        }
        case 'resolve': {
          const body = await call(base, 'POST', `/escalations/${c.caseId}/resolve`, c.specialist, withoutActor(resolveRequest(c.specialist)));
          record('resolve', performance.now() - t0);
          return expectState(c, step, body, 'resolved');
        }
      }
    },
  };
}

/** The workflows an API case started, for the teardown on a shared server. */
export function apiCaseWorkflowIds(c: ApiCase): string[] {
  if (!c.caseId) return [];
  return c.handoffId ? [escalationWorkflowId(c.caseId), handoffWorkflowId(c.handoffId)] : [escalationWorkflowId(c.caseId)];
}
