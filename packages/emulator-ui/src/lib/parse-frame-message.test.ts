import { describe, expect, test } from 'vitest';
import { parseFrameMessage } from './parse-frame-message.ts';

describe('parseFrameMessage', () => {
  test('reads DONE and CANCEL sent as JSON strings, as HubSpot documents', () => {
    expect(parseFrameMessage(JSON.stringify({ action: 'DONE' }))).toEqual({
      kind: 'DONE',
      raw: '{"action":"DONE"}',
    });
    expect(parseFrameMessage('{"action":"CANCEL"}')).toMatchObject({ kind: 'CANCEL' });
  });

  test('flags text that is not JSON and objects that were not stringified', () => {
    expect(parseFrameMessage('done')).toMatchObject({ kind: 'not-json', problem: 'not valid JSON' });
    expect(parseFrameMessage({ action: 'DONE' })).toMatchObject({
      kind: 'not-json',
      raw: '{"action":"DONE"}',
      problem: expect.stringContaining('JSON.stringify'),
    });
  });

  test('flags JSON with an unknown or missing action', () => {
    expect(parseFrameMessage('{"action":"done"}')).toMatchObject({ kind: 'unknown' });
    expect(parseFrameMessage('[1,2]')).toMatchObject({ kind: 'unknown' });
    expect(parseFrameMessage('null')).toMatchObject({ kind: 'unknown' });
  });
});
