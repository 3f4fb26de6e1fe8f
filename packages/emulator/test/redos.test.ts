import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

// Every regex in the packages' sources, found with TypeScript's parser (no regex over source text),
// must be proven free of super-linear backtracking by recheck, or be listed below with the reason
// its input is bounded. docs/reliability.md "Regexes on request data".

const root = join(import.meta.dirname, '..', '..', '..');
const packagesDir = join(root, 'packages');

/**
 * Regexes recheck cannot prove safe, keyed `path: /source/flags`, each with why its input is bounded.
 * A new entry needs a reason a reviewer can check; prefer rewriting the regex as a loop.
 */
const allowList: Record<string, string> = {
  "packages/emulator/src/api/allowed-methods.ts: new RegExp(`^${route.path.replace(/[.+?^${}()|[\\]\\\\]/g, '\\\\$&').replace(/:[^/]+/g, '[^/]+')}$`)":
    "built from the emulator's own route table: literal segments escaped, each :param a [^/]+ between literal slashes, so every match is one left-to-right pass",
  'packages/cli/src/config/connect-developer-api.ts: /\\/+$/':
    'applied to the --api URL the developer typed on their own command line, not to anything a service or browser sends',
  'packages/cli/src/config/interpolate-env.ts: /\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\\}/g':
    "applied to string values of the developer's own spoke.config file, read once at start-up",
  'packages/cli/src/config/remote-to-config.ts: /^-+|-+$/g':
    "applied to a card title from the developer's own app, already cut to [a-z0-9-] runs, to name a file once per import",
  'packages/create-spoke/src/to-package-name.ts: /-+$/':
    'applied to the folder name the developer passes to npm create spoke, once',
};

interface Found {
  where: string;
  key: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sourceFiles(path));
    } else if (
      /\.tsx?$/.test(entry.name) &&
      !/\.test\.tsx?$/.test(entry.name) &&
      !entry.name.endsWith('.d.ts')
    ) {
      out.push(path);
    }
  }
  return out;
}

function regexesIn(file: string): { found: Found[]; dynamic: string[] } {
  const text = readFileSync(file, 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const rel = relative(root, file);
  const found: Found[] = [];
  const dynamic: string[] = [];
  const at = (node: ts.Node) => `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      const end = literal.lastIndexOf('/');
      const source = literal.slice(1, end);
      const flags = literal.slice(end + 1);
      found.push({ where: at(node), key: `${rel}: /${source}/${flags}`, source, flags });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [pattern, flagsArg] = node.arguments ?? [];
      if (pattern && ts.isStringLiteralLike(pattern) && (!flagsArg || ts.isStringLiteralLike(flagsArg))) {
        const source = pattern.text;
        const flags = flagsArg && ts.isStringLiteralLike(flagsArg) ? flagsArg.text : '';
        found.push({ where: at(node), key: `${rel}: /${source}/${flags}`, source, flags });
      } else {
        // A pattern built at run time cannot be checked here: it must be in the allow-list by location.
        dynamic.push(`${rel}: new RegExp(${pattern ? pattern.getText(sf) : ''})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { found, dynamic };
}

const files = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    try {
      return sourceFiles(join(packagesDir, entry.name, 'src'));
    } catch {
      return [];
    }
  });
const all = files.map(regexesIn);
const regexes = all.flatMap((r) => r.found);
const dynamic = all.flatMap((r) => r.dynamic);

describe('regexes in packages/*/src', () => {
  test('the scan finds the regexes (the parser walk works)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(regexes.length).toBeGreaterThan(10);
  });

  test('no RegExp is built from a run-time pattern outside the allow-list', () => {
    expect(dynamic.filter((key) => !(key in allowList))).toEqual([]);
  });

  test('recheck proves each one safe, or the allow-list says why its input is bounded', async () => {
    const unproven: string[] = [];
    const seen = new Set<string>();
    let checked = 0;
    for (const regex of regexes) {
      const id = `/${regex.source}/${regex.flags}`;
      if (seen.has(id)) continue;
      seen.add(id);
      checked++;
      // A per-call timeout: recheck answers 'unknown' rather than hanging.
      const diagnostics = await check(regex.source, regex.flags, { timeout: 10_000 });
      if (diagnostics.status !== 'safe' && !(regex.key in allowList)) {
        unproven.push(`${regex.where} ${id}: ${diagnostics.status}`);
      }
    }
    console.info(
      `redos: ${checked} distinct regexes (${regexes.length} occurrences in ${files.length} files) checked with recheck; ${Object.keys(allowList).length} allow-listed`,
    );
    expect(unproven).toEqual([]);
  }, 300_000);

  test('every allow-list entry still exists and gives a reason', () => {
    const keys = new Set([...regexes.map((r) => r.key), ...dynamic]);
    for (const [key, reason] of Object.entries(allowList)) {
      expect(keys.has(key), key).toBe(true);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});

describe('the Share Via target slash trim', () => {
  test('trims a 150 KB run of slashes in one pass, and keeps the rest', async () => {
    const { shareViaEventUrl } = await import('../src/dispatch/share-via.ts');
    const long = `https://share.test/${'/'.repeat(150_000)}x${'/'.repeat(150_000)}`;
    const url = shareViaEventUrl(long, 'CHECK_PERMISSIONS');
    expect(url.startsWith(`https://share.test/${'/'.repeat(150_000)}x/feature/`)).toBe(true);
    expect(shareViaEventUrl('https://share.test///', 'SHARE_OBJECT')).toBe(
      'https://share.test/feature/SHARE_VIA/event/SHARE_OBJECT',
    );
  });
});
