import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { SELLER_ID_PATTERN } from './seller-id';
import type { EnforcementHistoryEntry } from '../../db/entities/seller.entity';

/**
 * The seller directory's bulk import format: a CSV file with a header row and these columns. Lists
 * inside a cell are separated by `;`; an enforcement history entry is `YYYY-MM-DD|action|reason`.
 * Every row is validated, and every problem is reported with the line it is on; a file with any
 * problem imports nothing.
 */
export const SELLER_CSV_COLUMNS = [
  'id',
  'marketplace',
  'legal_name',
  'annual_sales',
  'strategic',
  'account_manager_id',
  'enforcement_history',
  'linked_accounts',
] as const;

export interface SellerRow {
  id: string;
  marketplace: string;
  legalName: string;
  annualSales: number;
  strategic: boolean;
  accountManagerId: string | null;
  enforcementHistory: EnforcementHistoryEntry[];
  linkedAccounts: string[];
}

export interface CsvProblem {
  /** The line of the file (1 is the header). */
  line: number;
  field: string | null;
  problem: string;
}

const list = (cell: string) => cell.split(';').map((x) => x.trim()).filter(Boolean);

const rowSchema = z.object({
  id: z.string().regex(SELLER_ID_PATTERN, 'must be 1-100 letters, digits, dots, dashes or underscores'),
  marketplace: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter upper-case code such as DE or US'),
  legal_name: z.string().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  annual_sales: z
    .string()
    .regex(/^\d{1,14}(\.\d{1,2})?$/, 'must be a non-negative amount in US dollars such as 1250000 or 1250000.50')
    .transform(Number),
  strategic: z.enum(['true', 'false', 'yes', 'no', '1', '0'], { message: 'must be true or false' }).transform((v) => ['true', 'yes', '1'].includes(v)),
  account_manager_id: z
    .string()
    .refine((v) => v === '' || SELLER_ID_PATTERN.test(v), 'must be empty or a user id')
    .transform((v) => (v === '' ? null : v)),
  enforcement_history: z.string().transform((cell, ctx) => {
    const entries: EnforcementHistoryEntry[] = [];
    for (const item of list(cell)) {
      const [at, action, reason = ''] = item.split('|').map((x) => x.trim());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(at ?? '') || Number.isNaN(Date.parse(at)) || !action) {
        ctx.addIssue({ code: 'custom', message: `entry '${item}' must be YYYY-MM-DD|action|reason` });
        return z.NEVER;
      }
      entries.push({ at, action, reason });
    }
    return entries;
  }),
  linked_accounts: z.string().transform((cell, ctx) => {
    const ids = list(cell);
    const bad = ids.find((x) => !SELLER_ID_PATTERN.test(x));
    if (bad) {
      ctx.addIssue({ code: 'custom', message: `'${bad}' is not a seller id` });
      return z.NEVER;
    }
    return ids;
  }),
});

export interface ParsedSellerCsv {
  rows: Array<SellerRow & { line: number }>;
  problems: CsvProblem[];
}

/** Parses and validates the whole file; `problems` lists every bad row (and duplicate ids), by line. */
export function parseSellerCsv(text: string): ParsedSellerCsv {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 0;
      return { rows: [], problems: [{ line, field: null, problem: `not a readable CSV file: ${err.message}` }] };
    }
    throw err;
  }
  const problems: CsvProblem[] = [];
  const header = records.length ? Object.keys(records[0].record) : text.split(/\r?\n/, 1)[0].split(',').map((h) => h.trim());
  const missing = SELLER_CSV_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(SELLER_CSV_COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    return {
      rows: [],
      problems: [{ line: 1, field: null, problem: `the header must name the columns ${SELLER_CSV_COLUMNS.join(', ')}${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}` }],
    };
  }
  if (records.length === 0) return { rows: [], problems: [{ line: 1, field: null, problem: 'the file has no sellers' }] };

  const rows: ParsedSellerCsv['rows'] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, field: String(issue.path[0] ?? ''), problem: issue.message });
      continue;
    }
    const r = parsed.data;
    if (seen.has(r.id)) {
      problems.push({ line, field: 'id', problem: `seller ${r.id} is also on line ${seen.get(r.id)}` });
      continue;
    }
    seen.set(r.id, line);
    rows.push({
      line,
      id: r.id,
      marketplace: r.marketplace,
      legalName: r.legal_name,
      annualSales: r.annual_sales,
      strategic: r.strategic,
      accountManagerId: r.account_manager_id,
      enforcementHistory: r.enforcement_history,
      linkedAccounts: r.linked_accounts,
    });
  }
  return { rows, problems };
}
