// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { App } from '../../api/types.ts';
import { domPerTest } from '../../lib/test-dom.ts';
import { AppSettings } from './AppSettings.tsx';
import { PermittedUrls } from './PermittedUrls.tsx';
import { RedirectUrlsSetting } from './RedirectUrlsSetting.tsx';

const dom = domPerTest();

function app(permittedUrls: App['permittedUrls']): App {
  return {
    id: 1000,
    name: 'Bug Tracker',
    clientSecrets: ['s'],
    developerApiKey: 'k',
    scopes: [],
    shareViaTargetUrl: null,
    shareViaShape: 'current',
    ...(permittedUrls === undefined ? {} : { permittedUrls }),
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** Answers every PATCH with `reply` and records the bodies sent. */
function stubFetch(reply: () => Response) {
  const bodies: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return reply();
    }),
  );
  return bodies;
}
afterEach(() => vi.unstubAllGlobals());

async function submit(text: string): Promise<void> {
  const field = dom.container.querySelector('textarea') as HTMLTextAreaElement;
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  await act(async () => {
    setValue?.call(field, text);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    dom.container.querySelector('form')?.requestSubmit();
  });
}

const ok = () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });

describe('PermittedUrls', () => {
  test('sends one entry per non-empty line and keeps the iframe and img lists', async () => {
    const bodies = stubFetch(ok);
    const onSaved = vi.fn();
    act(() =>
      dom.root.render(
        <PermittedUrls
          app={app({ fetch: ['https://a.example.com'], iframe: ['https://i.example.com'] })}
          onSaved={onSaved}
        />,
      ),
    );
    expect((dom.container.querySelector('textarea') as HTMLTextAreaElement).value).toBe(
      'https://a.example.com',
    );
    await submit(' https://a.example.com \n\nhttps://b.example.com\n');
    expect(bodies).toEqual([
      {
        permittedUrls: {
          iframe: ['https://i.example.com'],
          fetch: ['https://a.example.com', 'https://b.example.com'],
        },
      },
    ]);
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  test('an emptied list with nothing else removes permittedUrls', async () => {
    const bodies = stubFetch(ok);
    act(() =>
      dom.root.render(<PermittedUrls app={app({ fetch: ['https://a.example.com'] })} onSaved={() => {}} />),
    );
    await submit('');
    expect(bodies).toEqual([{ permittedUrls: null }]);
  });

  test("the emulator's refusal is shown under the field, and nothing counts as saved", async () => {
    stubFetch(
      () =>
        new Response(
          JSON.stringify({ message: 'permittedUrls.fetch.0: hubspot.fetch only calls HTTPS URLs' }),
          {
            status: 400,
            headers: { 'content-type': 'application/json' },
          },
        ),
    );
    const onSaved = vi.fn();
    act(() => dom.root.render(<PermittedUrls app={app(undefined)} onSaved={onSaved} />));
    await submit('http://a.example.com');
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain('only calls HTTPS URLs');
    expect(dom.container.querySelector('textarea')?.getAttribute('aria-invalid')).toBe('true');
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe('RedirectUrlsSetting', () => {
  test('splits the list as permittedUrls does: lines, and spaces within a line', async () => {
    const bodies = stubFetch(ok);
    const onSaved = vi.fn();
    act(() => dom.root.render(<RedirectUrlsSetting app={app(undefined)} onSaved={onSaved} />));
    await submit('http://localhost:3500/a  http://localhost:3500/b\n\n http://localhost:3500/c\n');
    expect(bodies).toEqual([
      { redirectUrls: ['http://localhost:3500/a', 'http://localhost:3500/b', 'http://localhost:3500/c'] },
    ]);
    expect(onSaved).toHaveBeenCalledTimes(1);
  });
});

describe('PermittedUrls with spaces', () => {
  test('two URLs pasted on one line are two entries', async () => {
    const bodies = stubFetch(ok);
    act(() => dom.root.render(<PermittedUrls app={app(undefined)} onSaved={() => {}} />));
    await submit('https://a.example.com https://b.example.com');
    expect(bodies).toEqual([
      { permittedUrls: { fetch: ['https://a.example.com', 'https://b.example.com'] } },
    ]);
  });
});

describe('AppSettings: switching to converter mode', () => {
  test("lists the emulator's warnings about cards the converter refuses, and clears them on the next switch", async () => {
    const warning = (text: string) => `299 spoke "${text.replaceAll('"', '\\"')}"`;
    const replies = [
      new Response('{}', {
        status: 200,
        headers: {
          'content-type': 'application/json',
          warning: `${warning('card 7 display.properties: is empty (it lists "display.properties (at least one property required)")')}, ${warning('card 8 fetch.objectTypes.1: marketing_events')}`,
        },
      }),
      ok(),
    ];
    const bodies = stubFetch(() => replies.shift() ?? ok());
    act(() => dom.root.render(<AppSettings app={app(undefined)} onSaved={() => {}} />));
    const select = dom.container.querySelector('select[aria-label="Request shape"]') as HTMLSelectElement;
    const choose = async (value: string) => {
      await act(async () => {
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
    };
    await choose('converter');
    expect(bodies).toEqual([{ mode: 'converter' }]);
    const items = [...dom.container.querySelectorAll('[aria-label="Cards the converter refuses"] li')];
    expect(items.map((item) => item.textContent)).toEqual([
      'card 7 display.properties: is empty (it lists "display.properties (at least one property required)")',
      'card 8 fetch.objectTypes.1: marketing_events',
    ]);
    await choose('legacy');
    expect(dom.container.querySelector('[aria-label="Cards the converter refuses"]')).toBeNull();
  });
});
