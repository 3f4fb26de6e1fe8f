import type { DisplayProperty } from '@spoke/protocol';
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config file's interpolation syntax, not a template
import { describe, expect, test } from 'vitest';
import { validateConfig } from '../src/config/load-config.ts';
import { planPush, type RemoteState } from '../src/config/plan-push.ts';
import { remoteToConfig } from '../src/config/remote-to-config.ts';
import { configCard, remoteCard } from './helpers/fixtures.ts';

const empty: RemoteState = { cards: [], calling: null, channelConnection: null, shareVia: null };
const stamp = { createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' };

describe('planPush', () => {
  test('creates what is missing and nothing when the remote matches', () => {
    const config = {
      cards: [configCard()],
      calling: { name: 'Dialer', url: 'https://dialer.example.com' },
      channelConnection: { url: 'https://svc.example.com/channels', isReady: true },
      shareVia: { targetBaseUrl: 'https://svc.example.com/share' },
    };
    const changes = planPush(config, empty);
    expect(changes.map((c) => `${c.op} ${c.target}`)).toEqual([
      'create card',
      'create calling',
      'create channelConnection',
      'set shareVia',
    ]);
    const remote: RemoteState = {
      cards: [remoteCard(configCard(), '7')],
      calling: { ...config.calling, isReady: false, ...stamp },
      channelConnection: { ...config.channelConnection, ...stamp },
      shareVia: 'https://svc.example.com/share',
    };
    expect(planPush(config, remote)).toEqual([]);
  });

  test('matches cards by title, patches only changed fields and lists each changed leaf', () => {
    const wanted = configCard({ actions: { baseUrls: ['https://new.example.com'] } });
    const [change] = planPush({ cards: [wanted] }, { ...empty, cards: [remoteCard(configCard(), '7')] });
    expect(change).toEqual({
      target: 'card',
      op: 'update',
      key: 'issues',
      id: '7',
      title: 'Issues',
      patch: { actions: { baseUrls: ['https://new.example.com'] } },
      diffs: [
        { path: 'actions.baseUrls.0', from: 'http://127.0.0.1:3500/hubspot', to: 'https://new.example.com' },
      ],
    });
  });

  test('deletes remote cards the config does not list, first, and keeps the oldest of duplicate titles', () => {
    const remote = [
      remoteCard(configCard(), '9', '2024-02-01T00:00:00.000Z'),
      remoteCard(configCard({ title: 'Old' }), '3'),
      remoteCard(configCard(), '5', '2024-01-01T00:00:00.000Z'),
    ];
    const changes = planPush(
      { cards: [configCard(), configCard({ key: 'new', title: 'New' })] },
      { ...empty, cards: remote },
    );
    expect(changes.map((c) => `${c.op} ${'id' in c ? c.id : c.target}`)).toEqual([
      'delete 3',
      'delete 9',
      'create card',
    ]);
  });

  test('updates a renamed card in place through renamedFrom', () => {
    const wanted = configCard({ title: 'Bugs', renamedFrom: 'Issues' });
    const changes = planPush({ cards: [wanted] }, { ...empty, cards: [remoteCard(configCard(), '7')] });
    expect(changes).toMatchObject([{ op: 'update', id: '7', patch: { title: 'Bugs' } }]);
  });

  test('leaves sections out of the config alone and deletes those set to null', () => {
    const remote: RemoteState = {
      cards: [remoteCard(configCard(), '7')],
      calling: { name: 'Dialer', url: 'https://dialer.example.com', ...stamp },
      channelConnection: { url: 'https://svc.example.com/c', isReady: false, ...stamp },
      shareVia: 'https://svc.example.com/share',
    };
    expect(planPush({}, remote)).toEqual([]);
    expect(planPush({ calling: null, channelConnection: null, shareVia: null }, remote)).toEqual([
      { target: 'calling', op: 'delete' },
      { target: 'channelConnection', op: 'delete' },
      { target: 'shareVia', op: 'set', from: 'https://svc.example.com/share', to: null },
    ]);
  });

  test('treats an empty STATUS options list and a missing one as equal', () => {
    // A body written before `options` defaulted (a stored row, an in-process value) has none.
    const wanted = configCard({
      display: { properties: [{ name: 'n', label: 'N', dataType: 'STRING' } as DisplayProperty] },
    });
    const remote = remoteCard(
      configCard({ display: { properties: [{ name: 'n', label: 'N', dataType: 'STRING', options: [] }] } }),
      '1',
    );
    expect(planPush({ cards: [wanted] }, { ...empty, cards: [remote] })).toEqual([]);
  });
});

describe('remoteToConfig', () => {
  test('keeps card keys and ${VAR} values that still resolve, and writes new values as they are', () => {
    const old = {
      appId: '${APP_ID}',
      cards: [
        {
          ...configCard({ key: 'my-issues' }),
          fetch: {
            targetUrl: '${SVC:-http://127.0.0.1:3500}/hubspot/card',
            objectTypes: [{ name: 'contacts', propertiesToSend: ['email', 'firstname'] }],
          },
        },
      ],
    };
    const remote: RemoteState = {
      ...empty,
      cards: [
        remoteCard(configCard(), '7'),
        remoteCard(configCard({ title: 'Déjà vu!' }), '8', '2024-03-01T00:00:00.000Z'),
      ],
    };
    const config = remoteToConfig(remote, old, 1000, { APP_ID: '1000' });
    expect(config.appId).toBe('${APP_ID}');
    expect(config.cards).toMatchObject([
      { key: 'my-issues', fetch: { targetUrl: '${SVC:-http://127.0.0.1:3500}/hubspot/card' } },
      { key: 'deja-vu', title: 'Déjà vu!' },
    ]);
    expect(config).toMatchObject({ calling: null, channelConnection: null, shareVia: null });
    // What pull writes, push reads back as up to date.
    expect(planPush(validateConfig(config, { APP_ID: '1000' }, 'spoke.config.json'), remote)).toEqual([]);
  });
});
