import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The worker preloads the workflows entry (worker/worker.ts, issue 13): every module under workflows/
 * is evaluated once per workflow thread and shared by every workflow that thread runs, and the SDK
 * freezes only a module's exports. A top-level `let` or a top-level collection a workflow could fill
 * would carry one workflow's state into another's, and a replay would then depend on what ran before
 * it. This reads every module's top-level declarations.
 */
const WORKFLOWS = path.resolve(__dirname, '../../workflows');

/** Top-level collections allowed: memos of pure functions, whose entries are the same for every workflow. */
const PURE_MEMOS: Record<string, string> = {
  'appeal/appeal.machine.ts lookups': 'the calendar lookup of a settings object, derived from it alone',
  'escalation/escalation.machine.ts lookups': 'the calendar lookup of a settings object, derived from it alone',
  'strategic-review/review.machine.ts lookups': 'the calendar lookup of a settings object, derived from it alone',
  'common/business-calendar.ts compiled': 'a calendar compiled from its definition',
  'common/business-calendar.ts compiledByContent': 'a calendar compiled from its definition, by content',
  'common/time-zones.ts known': 'the time-zone names found valid',
};

const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

interface TopLevelState {
  where: string;
  what: string;
}

function topLevelState(file: string): TopLevelState[] {
  return scan(readFileSync(file, 'utf8'), path.relative(WORKFLOWS, file).split(path.sep).join('/'));
}

function scan(text: string, relative: string): TopLevelState[] {
  const source = ts.createSourceFile(relative, text, ts.ScriptTarget.ES2022, true);
  const found: TopLevelState[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
    for (const declaration of statement.declarationList.declarations) {
      const where = `${relative} ${declaration.name.getText(source)}`;
      const init = declaration.initializer;
      if (!isConst) found.push({ where, what: 'a top-level let or var' });
      else if (init && ts.isNewExpression(init) && COLLECTIONS.has(init.expression.getText(source))) {
        found.push({ where, what: `a top-level ${init.expression.getText(source)}` });
      }
    }
  }
  return found;
}

describe('workflow modules keep no state at their top level (they are shared between workflows)', () => {
  const files = sourceFiles(WORKFLOWS);
  const state = files.flatMap(topLevelState);

  it('reads the workflow modules', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('declares no top-level let or var, and no top-level collection other than the pure memos', () => {
    expect(state.filter((s) => !(s.where in PURE_MEMOS))).toEqual([]);
  });

  it('lists no memo that no longer exists', () => {
    expect(Object.keys(PURE_MEMOS).filter((where) => !state.some((s) => s.where === where))).toEqual([]);
  });

  it('finds what it looks for', () => {
    const text = 'let a = 1;\nexport const b = new Map();\nconst c = { d: 1 };\nfunction f() { let e = 2; return e; }\n';
    expect(scan(text, 'probe.ts')).toEqual([
      { where: 'probe.ts a', what: 'a top-level let or var' },
      { where: 'probe.ts b', what: 'a top-level Map' },
    ]);
  });
});
