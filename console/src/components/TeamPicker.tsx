import { get } from '../lib/api';
import { useUser } from '../lib/config';
import { useResource } from '../lib/hooks';
import type { RosterMember } from '../lib/types';

const CASE_WORKERS = ['specialist', 'senior_specialist', 'manager'];

/** Operators look at any team; everyone else at their own. The teams are those with case workers. */
export function useTeams(): { teams: string[]; canPick: boolean } {
  const user = useUser();
  const canPick = user.role === 'operator';
  const roster = useResource(() => (canPick ? get<{ members: RosterMember[] }>('/roster') : Promise.resolve({ members: [] })), [canPick]);
  if (!canPick) return { teams: [user.team], canPick };
  const teams = [...new Set((roster.data?.members ?? []).filter((m) => CASE_WORKERS.includes(m.role)).map((m) => m.team))].sort();
  return { teams, canPick };
}

export function TeamPicker({ value, onChange, teams }: { value: string; onChange: (team: string) => void; teams: string[] }) {
  return (
    <div class="field inline">
      <label for="team-picker">Team</label>
      <select id="team-picker" value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {!value && <option value="">Choose a team…</option>}
        {teams.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}
