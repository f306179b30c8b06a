import fs from 'node:fs';
import path from 'node:path';
import { DEMO_ROSTER } from '../../db/seed/demo-roster';

/** The README's demo roster table is what a newcomer reads before `npm run token`: keep it true. */
describe('README demo roster', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.split('The demo roster (`db/seed/demo-roster.ts`)')[1].split('\n\n')[1];
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split('|').slice(1, 5).map((c) => c.trim()));

  it.each(DEMO_ROSTER.map((m) => [m.userId, m] as const))('lists %s with its role, team and capacity', (userId, m) => {
    const row = rows.find(([users]) => users.includes(`\`${userId}\``));
    expect(row).toBeDefined();
    const [users, role, team, capacity] = row!;
    expect([role, team, Number(capacity)]).toEqual([m.role, m.team, m.capacity]);
    expect(users.includes(`\`${userId}\` (team lead)`)).toBe(m.teamLead ?? false);
  });

  it('lists no one who is not seeded', () => {
    const listed = rows.flatMap(([users]) => [...users.matchAll(/`([^`]+)`/g)].map((x) => x[1]));
    expect(listed.sort()).toEqual(DEMO_ROSTER.map((m) => m.userId).sort());
  });
});
