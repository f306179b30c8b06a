import { createStore } from './store';

export interface SessionUser {
  userId: string;
  name: string;
  role: string;
  team: string;
}

export interface Session {
  token: string;
  /** ISO time the token expires, when known (dev sign-in says; a pasted token is read as it is). */
  expiresAt: string | null;
  user: SessionUser;
}

/** sessionStorage: the token lives as long as this browser tab, and no other tab or site sees it. */
const KEY = 'riskdesk.session';

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export const session = createStore<Session | null>(load());
/** Why the last session ended, shown on the sign-in page. */
export const signOutReason = createStore<string | null>(null);

export function signIn(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
  signOutReason.set(null);
  session.set(s);
}

export function signOut(reason: string | null = null): void {
  sessionStorage.removeItem(KEY);
  signOutReason.set(reason);
  session.set(null);
}

/** A JWT's expiry, read without verifying (the server verifies); null when it has none or is not a JWT. */
export function tokenExpiry(token: string): string | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}
