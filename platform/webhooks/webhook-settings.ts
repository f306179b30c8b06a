import type { AppConfig } from '../../config/env';

/** The worker's webhook settings from configuration; none without a key to unseal secrets. */
export function webhookSettingsFrom(config: Pick<AppConfig, 'WEBHOOK_SECRETS_KEY' | 'ACTOR_PROOF_SECRET' | 'WEBHOOK_ALLOWED_HOSTS'>) {
  const secretsKey = webhookSecretsKey(config);
  return secretsKey ? { secretsKey, allowedHosts: config.WEBHOOK_ALLOWED_HOSTS } : undefined;
}

export function webhookSecretsKey(config: Pick<AppConfig, 'WEBHOOK_SECRETS_KEY' | 'ACTOR_PROOF_SECRET'>): string | undefined {
  return config.WEBHOOK_SECRETS_KEY ?? config.ACTOR_PROOF_SECRET;
}
