import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// The docs must stand alone: nothing in the repository may point at files that live outside it
// (the wire notes and page captures the project was started from), every relative link in the
// docs must resolve, and every `docs/protocol.md §N` citation must name a section that exists.

const root = fileURLToPath(new URL('..', import.meta.url));

/** Tracked files plus new ones not yet committed (ignored files excluded), repository-relative. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(out.split('\0').filter(Boolean))].filter((file) => existsSync(join(root, file)));
}

/** The file's text, or undefined for binary files (a NUL byte in the first 8 KiB). */
function readText(file: string): string | undefined {
  const bytes = readFileSync(join(root, file));
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  return bytes.toString('utf8');
}

const files = repositoryFiles();
const texts = new Map<string, string>();
for (const file of files) {
  const text = readText(file);
  if (text !== undefined) texts.set(file, text);
}

// Built from pieces so that this file does not match itself.
const outsideReferences: { name: string; pattern: RegExp }[] = [
  { name: ['SPEC', 'md'].join('.'), pattern: new RegExp(['SPEC', 'md'].join('\\.')) },
  { name: ['shared', ''].join('/'), pattern: new RegExp(['shared', ''].join('/')) },
  { name: 'reference/*.txt', pattern: new RegExp(['reference', '[\\w.-]+\\.txt'].join('/')) },
  { name: ['STYLE', 'md'].join('.'), pattern: new RegExp(['STYLE', 'md'].join('\\.')) },
];

/** Decision records are history: they may quote what was true when they were written. */
function isHistory(file: string): boolean {
  return file.startsWith('docs/decisions/');
}

/** Markdown without fenced code blocks and inline code spans, where `[a](b)` is not a link. */
function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

function markdownFilesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

const sectionHeading = /^#{2,4} (\d+(?:\.\d+)?)\.? /gm;
const protocolPath = 'docs/protocol.md';

function protocolSections(): Set<string> {
  const text = readFileSync(join(root, protocolPath), 'utf8');
  return new Set([...text.matchAll(sectionHeading)].map((match) => match[1] ?? ''));
}

describe('the repository stands alone', () => {
  test('finds the files it checks', () => {
    expect(texts.has('README.md')).toBe(true);
    expect(texts.has(protocolPath)).toBe(true);
    expect(texts.size).toBeGreaterThan(100);
  });

  test('no file outside the decision records points at the wire notes or page captures beside the repository', () => {
    const hits: string[] = [];
    for (const [file, text] of texts) {
      if (isHistory(file)) continue;
      const lines = text.split('\n');
      lines.forEach((line, index) => {
        for (const { name, pattern } of outsideReferences) {
          if (pattern.test(line))
            hits.push(`${file}:${index + 1} mentions ${name}: ${line.trim().slice(0, 120)}`);
        }
      });
    }
    expect(hits).toEqual([]);
  });
});

describe('links in README.md and docs/', () => {
  const markdownFiles = ['README.md', ...markdownFilesUnder('docs')];

  test('every relative link points at a file or folder that exists', () => {
    const broken: string[] = [];
    for (const file of markdownFiles) {
      const prose = proseOf(readFileSync(join(root, file), 'utf8'));
      for (const match of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        const target = match[1] ?? '';
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
        const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
        const resolved = path.startsWith('/') ? join(root, path) : join(root, dirname(file), path);
        if (!existsSync(resolved)) broken.push(`${file}: (${target})`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('checks the links it should: the README links to the guides', () => {
    const prose = proseOf(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(prose).toContain('](docs/protocol.md)');
    expect(prose).toContain('](docs/getting-started.md)');
  });
});

describe('docs/protocol.md citations', () => {
  const sections = protocolSections();

  test('the protocol reference has the sections code cites', () => {
    for (const section of ['1', '2', '2.1', '2.2', '2.3', '2.4', '3', '4', '4.1', '4.2', '5']) {
      expect(sections).toContain(section);
    }
  });

  test('every "docs/protocol.md §N" names a section heading that exists', () => {
    const citation = /protocol\.md((?:[ ,;]*(?:and )?§\d+(?:\.\d+)?(?:[–-]\d+(?:\.\d+)?)?)+)/g;
    const missing: string[] = [];
    let cited = 0;
    for (const [file, text] of texts) {
      for (const match of text.matchAll(citation)) {
        for (const number of (match[1] ?? '').matchAll(/\d+(?:\.\d+)?/g)) {
          cited += 1;
          if (!sections.has(number[0])) missing.push(`${file}: ${match[0]}`);
        }
      }
    }
    expect(cited).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});

describe('package READMEs (shown on npm, where relative links do not resolve)', () => {
  const readmes = files.filter((file) => /^packages\/[^/]+\/README\.md$/.test(file));

  test('link only to absolute URLs', () => {
    const relativeLinks: string[] = [];
    for (const file of readmes) {
      const prose = proseOf(readFileSync(join(root, file), 'utf8'));
      for (const match of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)/g)) {
        const target = match[1] ?? '';
        if (!/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'))
          relativeLinks.push(`${file}: (${target})`);
      }
    }
    expect(relativeLinks).toEqual([]);
  });
});
