import { duration, when } from '../lib/format';
import { useNow } from '../lib/hooks';

export type SlaLevel = 'ok' | 'warning' | 'breached' | 'paused' | 'done';

export interface CountdownProps {
  deadlineAt: string | null;
  warnAt?: string | null;
  /** A clock's status: running, paused, met, breached, cancelled (absent: treated as running). */
  status?: string;
  warned?: boolean;
  breached?: boolean;
}

export function slaLevel(p: CountdownProps, now: number): SlaLevel {
  if (p.status === 'met' || p.status === 'cancelled' || p.status === 'stopped') return 'done';
  if (p.breached || p.status === 'breached' || (p.deadlineAt && now >= Date.parse(p.deadlineAt))) return 'breached';
  if (p.status === 'paused') return 'paused';
  if (p.warned || (p.warnAt && now >= Date.parse(p.warnAt))) return 'warning';
  return 'ok';
}

const LABEL: Record<SlaLevel, string> = { ok: 'On track', warning: 'At risk', breached: 'Breached', paused: 'Paused', done: 'Stopped' };

/**
 * A live countdown to an SLA deadline: neutral while on track, amber from the warning point, red once
 * breached. The level is also written out, so colour is never the only signal.
 */
export function Countdown(props: CountdownProps) {
  const now = useNow(1000);
  if (!props.deadlineAt) return <span class="sla sla-none">No deadline</span>;
  const level = slaLevel(props, now);
  const left = Date.parse(props.deadlineAt) - now;
  const text =
    level === 'breached'
      ? `${duration(-Math.min(left, 0))} over`
      : level === 'paused'
        ? `${duration(left)} left when resumed`
        : level === 'done'
          ? props.status ?? 'stopped'
          : `${duration(left)} left`;
  return (
    <span class={`sla sla-${level}`} data-sla={level} title={`Due ${when(props.deadlineAt)}`}>
      <span class="sla-label">{LABEL[level]}</span> <time dateTime={props.deadlineAt}>{text}</time>
    </span>
  );
}
