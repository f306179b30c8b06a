import { z } from 'zod';
import { parseSlaPolicyJson } from '../workflows/common/sla-policy';

/**
 * Every setting Riskdesk reads from the environment, validated once at start-up.
 * A bad value stops the process with a message naming the variable (see ConfigError).
 * The README's configuration table mirrors this schema.
 */
const port = z.coerce.number().int().min(1).max(65535);
const positiveNumber = z.coerce.number().positive().finite();
/** A duration in milliseconds, bounded so a typo cannot turn a timeout off (0) or into days. */
const timeoutMs = (max: number) => z.coerce.number().int('must be a whole number of milliseconds').min(100, 'must be at least 100 ms').max(max, `must be at most ${max} ms`);
const optionalUrl = z
  .string()
  .trim()
  .min(1)
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
  .optional();

/** Stack frames the workflow sandbox captures when WORKER_WORKFLOW_STACK_FRAMES is unset (workflows/common/sandbox-stack-frames.ts). */
export const DEFAULT_WORKFLOW_STACK_FRAMES = 0;
const previousSecrets = z.array(
  z.object({
    secret: z.string().min(32, 'must be at least 32 characters'),
    acceptUntil: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time such as 2026-07-01T00:00:00Z' }),
  }).strict(),
);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: `npm start` runs an embedded PostgreSQL; `npm run api`/`worker` require it. */
  DATABASE_URL: optionalUrl,
  /** Unset: `npm start` runs a Temporal dev server; `npm run api`/`worker` use localhost:7233. */
  TEMPORAL_ADDRESS: z
    .string()
    .trim()
    .regex(/^[^\s:]+:\d+$/, 'must be host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().trim().min(1).default('default'),
  /**
   * How long Temporal keeps a closed workflow's history (the namespace's retention), in days: set by
   * `npm start` on its dev server and by docker compose's namespace job. The read model keeps every
   * case, its audit trail and its clocks without limit, so a case's story outlives this.
   */
  TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  TEMPORAL_TASK_QUEUE: z.string().trim().min(1).default('riskdesk'),
  /** Ports of the dev server that `npm start` runs when TEMPORAL_ADDRESS is unset. */
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** Port of the embedded PostgreSQL that `npm start` runs when DATABASE_URL is unset. */
  EMBEDDED_PG_PORT: port.default(5488),
  /**
   * Secret that signs access tokens (HS256), at least 32 characters. Required by `npm run api`;
   * `npm start` generates one into DATA_DIR on first run when it is unset.
   */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Lifetime of an access token: a number of seconds or a duration such as 30m, 8h, 7d. */
  JWT_TTL: z
    .string()
    .regex(/^\d+[smhd]?$/, 'must be a number of seconds or a duration such as 30m, 8h, 7d')
    .default('8h'),
  /** `npm start` seeds a demo roster (one user per role) into an empty database unless this is false. */
  SEED_DEMO_ROSTER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Where `npm start` keeps the embedded PostgreSQL, the Temporal SQLite file and a generated JWT secret. */
  DATA_DIR: z.string().trim().min(1).default('.data'),
  /**
   * Optional JSON override of the SLA policy, merged over the default (workflows/common/sla-policy.ts).
   * Parsed here, once: the config holds the resulting policy, and a bad override stops start-up with
   * the path of each bad value (e.g. `SLA_POLICY_JSON: cases.escalation.high.resolutionMs: ...`).
   */
  SLA_POLICY_JSON: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const parsed = parseSlaPolicyJson(text);
      if (parsed.ok) return parsed.policy;
      for (const message of parsed.errors) ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }),
  /**
   * Bearer token Prometheus presents to scrape the API's `/metrics` (it has no user token). Unset:
   * the endpoint answers 404; `npm start` generates one into DATA_DIR. Not a user's access token.
   */
  METRICS_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters')
    .regex(/^[A-Za-z0-9._~+/=-]+$/, 'may contain only letters, digits and . _ ~ + / = -')
    .optional(),
  /** A metrics API query running longer than this (milliseconds) is stopped and answered 503. */
  METRICS_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /**
   * Case lists count matching cases up to this many: past it, `total` is this number and `totalCapped`
   * is true. Counting every match of a broad filter over a million cases takes longer than the page.
   */
  LIST_TOTAL_CAP: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  /**
   * Where the worker's Temporal SDK serves its Prometheus metrics: `ip:port` (an IP literal, as the
   * SDK's exporter requires), or `off`.
   */
  WORKER_METRICS_ADDRESS: z
    .string()
    .trim()
    .regex(/^(off|(\d{1,3}(\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]):\d{1,5})$/, 'must be ip:port (such as 127.0.0.1:9464 or 0.0.0.0:9464) or off')
    .refine((v) => v === 'off' || Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'the port must be at most 65535')
    .default('127.0.0.1:9464')
    .transform((v) => (v === 'off' ? null : v)),
  // Worker tuning (README: Performance); unset, the Temporal SDK's default.
  /** Workflows kept in the worker's sticky cache (SDK default: sized from the heap, about 1,000 on 2 GiB). */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).optional(),
  /** Workflow tasks the worker runs at once (SDK default 40). */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1_000).optional(),
  /** Activities the worker runs at once (SDK default 100). */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1_000).optional(),
  /** Local activities (the case projection) the worker runs at once (SDK default 100). */
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: z.coerce.number().int().min(1).max(1_000).optional(),
  /** Threads that run workflow code (SDK default 1); each holds one reused V8 context. */
  WORKER_WORKFLOW_THREADS: z.coerce.number().int().min(1).max(16).optional(),
  /** Stack frames workflow code captures, for the stack-trace query and errors thrown in workflows; each costs the worker CPU on every promise. */
  WORKER_WORKFLOW_STACK_FRAMES: z.coerce.number().int().min(0).max(100).default(DEFAULT_WORKFLOW_STACK_FRAMES),
  /** A claimed or assigned case its holder does not act on within this many minutes returns to the queue. */
  CLAIM_LEASE_MINUTES: positiveNumber.default(120),
  /** How long after resolution a case may be reopened; afterwards it closes. */
  REOPEN_WINDOW_DAYS: positiveNumber.default(14),
  /** `on`: new escalations and strategic reviews sample their decisions for QA review (README: Decision quality). */
  QA_SAMPLING: z.enum(['off', 'on']).default('off'),
  /**
   * The console's development sign-in (pick a roster member, the API issues the token). Unset: on when
   * NODE_ENV is development, off otherwise; never allowed in production (anyone could be anyone).
   */
  DEV_SIGN_IN: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /**
   * An external risk-scoring service (the science team's model), POSTed each assessment's facts.
   * Unset: the rules model scores. Set: the service scores, and the rules model answers (recorded as a
   * fallback) when it is slow, down or answers nonsense.
   */
  RISK_SCORING_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .optional(),
  /** How long an assessment waits for the scoring service before the rules model answers. */
  RISK_SCORING_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /** Business hours leadership has to decide a flagged policy gap, on the case team's calendar. */
  POLICY_GAP_SLA_HOURS: positiveNumber.default(24),
  /** Days a seller has to answer an appeal's request for information, unless the reviewer gives another deadline. */
  APPEAL_INFO_DEADLINE_DAYS: z.coerce.number().int().min(1).max(60).default(17),
  /** Days before that deadline the seller is reminded. */
  APPEAL_INFO_REMINDER_DAYS: z.coerce.number().int().min(1).max(59).default(3),
  /** Requests for information one appeal may make. */
  APPEAL_MAX_INFO_REQUESTS: z.coerce.number().int().min(0).max(10).default(2),
  /** Days a reinstated seller is watched for a restumble. */
  APPEAL_MONITORING_DAYS: z.coerce.number().int().min(1).max(730).default(90),
  /** Base URL of the Temporal Web UI, for the console's links to a case's workflow. `npm start` fills in its dev server's. */
  TEMPORAL_UI_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),

  // ----- Bounded waits (see README: Reliability and security) -----
  /** Opening a PostgreSQL connection, or waiting for a free one when the pool is busy (pg-pool uses one limit for both). */
  DB_CONNECT_TIMEOUT_MS: timeoutMs(60_000).default(3_000),
  /** Longest statement: PostgreSQL cancels it (statement_timeout); the client gives up shortly after if the server is frozen. */
  DB_STATEMENT_TIMEOUT_MS: timeoutMs(600_000).default(10_000),
  /** Connections per process (API, worker). */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * How long an API process reuses a signed-in user's roster entry (role, team) before reading it again;
   * 0 reads it on every request. A change through this process's PATCH /roster applies at once.
   */
  ROSTER_CACHE_TTL_MS: z.coerce.number().int('must be a whole number of milliseconds').min(0).max(60_000).default(5_000),
  /** Every Temporal call an API request makes shares this deadline; past it the request answers 503. */
  TEMPORAL_RPC_TIMEOUT_MS: timeoutMs(120_000).default(15_000),
  /** Each /ready check (PostgreSQL, Temporal, worker) answers within this. */
  READY_CHECK_TIMEOUT_MS: timeoutMs(30_000).default(2_000),

  // ----- HTTP hardening -----
  /** Largest JSON request body in kilobytes; a bigger one answers 413. */
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(100),
  /**
   * Browser origins allowed to call the API (CORS), comma-separated, e.g. `https://console.example.com`.
   * Unset: CORS is closed (browsers on other origins cannot read any answer).
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const origins = text.split(',').map((o) => o.trim()).filter(Boolean);
      for (const o of origins) {
        if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o)) ctx.addIssue({ code: 'custom', message: `'${o}' is not an origin such as https://console.example.com (scheme, host, optional port; no path)` });
      }
      return origins;
    }),
  /** Writes (POST, PATCH, PUT, DELETE) one user may make per minute; past it, 429 with Retry-After. */
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Requests to token-issuing routes per client address per minute. */
  RATE_LIMIT_TOKENS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  /**
   * Keys that signed access tokens before JWT_SECRET, still accepted until their date: a JSON list
   * `[{"secret":"...","acceptUntil":"2026-07-01T00:00:00Z"}]`. Tokens name their key (`kid`).
   */
  JWT_PREVIOUS_SECRETS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON list such as [{"secret":"...","acceptUntil":"2026-07-01T00:00:00Z"}]' });
        return z.NEVER;
      }
      const result = previousSecrets.safeParse(parsed);
      if (result.success) return result.data;
      for (const i of result.error.issues) ctx.addIssue({ code: 'custom', message: `${i.path.join('.') || '(list)'}: ${i.message}` });
      return z.NEVER;
    }),
  /**
   * Secret the API signs every message to a workflow with (HMAC), so a workflow trusts an actor only
   * when the API vouches for it; the worker holds it too. 32+ characters; required by `npm run api`
   * and `npm run worker`; `npm start` generates one into DATA_DIR.
   */
  ACTOR_PROOF_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Key that encrypts webhook signing secrets at rest (AES-256-GCM); the API (which creates them) and
   * the worker (which signs deliveries) must share it. Unset: ACTOR_PROOF_SECRET, which both hold.
   */
  WEBHOOK_SECRETS_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Hosts a webhook may target over plain http and even at a private or loopback address (a receiver
   * inside the cluster, a test's local server), comma-separated. Every other target must be https
   * and resolve to public addresses only.
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((text) => (text ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)),
  /** How often a webhook dispatcher looks for new case events when the last look found none. */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Earlier ACTOR_PROOF_SECRET values, comma-separated, still accepted while API and worker roll over to a new one. */
  ACTOR_PROOF_PREVIOUS_SECRETS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const secrets = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (secrets.some((s) => s.length < 32)) ctx.addIssue({ code: 'custom', message: 'each secret must be at least 32 characters' });
      return secrets;
    }),
});

export type AppConfig = Omit<z.infer<typeof envSchema>, 'DEV_SIGN_IN'> & { DEV_SIGN_IN: boolean };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const { DEV_SIGN_IN, ...rest } = parsed.data;
  if (DEV_SIGN_IN && rest.NODE_ENV === 'production') {
    throw new ConfigError(['DEV_SIGN_IN: must not be true when NODE_ENV is production (it lets anyone sign in as anyone)']);
  }
  return { ...rest, DEV_SIGN_IN: DEV_SIGN_IN ?? rest.NODE_ENV === 'development' };
}

/** Variables that a standalone process (api or worker, not `npm start`) must have. */
export function requireSet<K extends keyof AppConfig>(config: AppConfig, keys: K[]): void {
  const missing = keys.filter((k) => config[k] === undefined);
  if (missing.length) throw new ConfigError(missing.map((k) => `${String(k)}: is required when running this process alone`));
}
