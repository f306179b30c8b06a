import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { parseSellerCsv, type CsvProblem } from './seller-csv';
import { SellersRepository } from './sellers.repository';

export type SellerImportResult = { ok: true; inserted: number; updated: number } | { ok: false; problems: CsvProblem[] };

/**
 * Imports a seller CSV (seller-csv.ts) into the directory: every row validated first, account
 * managers checked against the roster, then all rows in one transaction; any problem imports nothing.
 * Existing sellers are updated (their risk assessment and detection signals are kept).
 */
export async function importSellers(dataSource: DataSource, text: string): Promise<SellerImportResult> {
  const { rows, problems } = parseSellerCsv(text);
  const managers = [...new Set(rows.map((r) => r.accountManagerId).filter((m): m is string => m !== null))];
  if (managers.length) {
    const known = new Set(
      ((await dataSource.query(`SELECT user_id FROM roster_members WHERE user_id = ANY($1::text[]) AND role = 'account_manager' AND active`, [managers])) as Array<{ user_id: string }>).map((r) => r.user_id),
    );
    for (const r of rows) {
      if (r.accountManagerId && !known.has(r.accountManagerId)) {
        problems.push({ line: r.line, field: 'account_manager_id', problem: `${r.accountManagerId} is not an active account manager in the roster` });
      }
    }
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  const counts = await new SellersRepository(dataSource).upsertAll(rows);
  return { ok: true, ...counts };
}

export function describeProblems(problems: CsvProblem[]): string[] {
  return problems.map((p) => `line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.problem}`);
}

/**
 * What `npm run sellers:import -- <file>` does once connected: reads the file, imports it, and says
 * what happened on `out` / `err`. Returns the exit code (0 imported, 1 nothing imported).
 */
export async function sellersImportCommand(file: string, dataSource: DataSource, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    err(`${file}: cannot read the file (${(e as Error).message})`);
    return 1;
  }
  const result = await importSellers(dataSource, text);
  if (!result.ok) {
    err(`${file}: nothing imported; ${result.problems.length} problem(s):`);
    for (const line of describeProblems(result.problems)) err(`  ${line}`);
    return 1;
  }
  out(`${file}: imported ${result.inserted + result.updated} seller(s) (${result.inserted} new, ${result.updated} updated)`);
  return 0;
}
