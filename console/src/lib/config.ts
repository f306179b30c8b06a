import { get } from './api';
import { createStore, useStore } from './store';
import { session, type SessionUser } from './session';
import type { ConsoleConfig } from './types';

/** The server's public console settings (GET /console/config), loaded once per page load. */
export const consoleConfig = createStore<ConsoleConfig | null>(null);

export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const config = await get<ConsoleConfig>('/console/config');
  consoleConfig.set(config);
  return config;
}

export function useConsoleConfig(): ConsoleConfig | null {
  return useStore(consoleConfig);
}

/** The signed-in user; pages below the signed-in shell only. */
export function useUser(): SessionUser {
  const s = useStore(session);
  if (!s) throw new Error('useUser outside a signed-in page');
  return s.user;
}
