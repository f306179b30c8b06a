import { z } from 'zod';
import { parseSlaPolicyJson } from '../workflows/common/sla-policy';

/**
 * Every setting Riskdesk reads from the environment, validated once at start-up.
 * A bad value stops the process with a message naming the variable (see ConfigError).
 * The README's configuration table mirrors this schema.
 */
const port = z.coerce.number().int().min(1).max(65535);
const positiveNumber = z.coerce.number().positive().finite();
const optionalUrl = z
  .string()
  .trim()
  .min(1)
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
  .optional();

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
  /** A claimed or assigned case its holder does not act on within this many minutes returns to the queue. */
  CLAIM_LEASE_MINUTES: positiveNumber.default(120),
  /** How long after resolution a case may be reopened; afterwards it closes. */
  REOPEN_WINDOW_DAYS: positiveNumber.default(14),
  /**
   * The console's development sign-in (pick a roster member, the API issues the token). Unset: on when
   * NODE_ENV is development, off otherwise; never allowed in production (anyone could be anyone).
   */
  DEV_SIGN_IN: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Base URL of the Temporal Web UI, for the console's links to a case's workflow. `npm start` fills in its dev server's. */
  TEMPORAL_UI_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
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
