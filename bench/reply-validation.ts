import {
  isSurelyValidLegacyCardResponse,
  legacyCardResponseSchema,
  serializeLegacyCardResponse,
} from '@spoke/protocol';
import { buildCardReply, signedCardRequest } from '../tests/helpers/card-fixture.ts';
import { type BenchOptions, type BenchResult, compareRounds } from './lib/bench-result.ts';
import { interleave, samplesOf } from './lib/interleave.ts';
import { measureAsyncOps, measureOps } from './lib/measure-ops.ts';
import { createSpokeCardApp } from './servers/spoke-card-app.ts';

/**
 * 3. Reply validation cost, in-process, on a five-item card reply. What the framework runs on a
 * valid plain reply is the serializer compiled from the schema (`serializeLegacyCardResponse`):
 * it writes and checks in one pass, so the text checked is the text sent. It is measured against
 * what a hand-written service sends (`JSON.stringify`, nothing checked), against the read-back a
 * reply with a `toJSON` or a class instance takes (stringify, parse, the compiled checker), and
 * against the same with zod; and its share of the whole request through `app.fetch`. Every
 * contender also takes the text's byte length, as a response needs it: the serializer's text is
 * built by concatenation, and that is when V8 flattens it.
 */
export async function replyValidation({ quick }: BenchOptions): Promise<BenchResult[]> {
  const rounds = quick ? 2 : 7;
  const ms = quick ? 20 : 300;
  const reply = buildCardReply(53701, 'jane.doe@example.com');
  const stringified = JSON.stringify(reply);
  if (serializeLegacyCardResponse(reply) !== stringified) {
    throw new Error('[bench] the serializer refuses the benchmark reply or writes other text');
  }
  const app = createSpokeCardApp();
  const signed = signedCardRequest('http://127.0.0.1:3000');
  const fetchOnce = async () => {
    const response = await app.fetch(new Request(signed.url, { headers: signed.headers }));
    if (response.status !== 200) throw new Error(`[bench] app.fetch answered ${response.status}`);
    return response.text();
  };
  const sized = (text: string | undefined) => (text === undefined ? -1 : Buffer.byteLength(text));
  const readBack = (check: (sent: unknown) => boolean) => () => {
    const text = JSON.stringify(reply);
    return check(JSON.parse(text)) ? sized(text) : -1;
  };
  const timeOf = (run: () => number) => async () => 1e6 / measureOps(run, ms);
  const contenders = [
    { key: 'serializer', measure: timeOf(() => sized(serializeLegacyCardResponse(reply))) },
    { key: 'stringify', measure: timeOf(() => sized(JSON.stringify(reply))) },
    { key: 'checker', measure: timeOf(readBack(isSurelyValidLegacyCardResponse)) },
    {
      key: 'zod',
      measure: timeOf(readBack((sent) => legacyCardResponseSchema.safeParse(sent).success)),
    },
    { key: 'request', measure: async () => 1e6 / (await measureAsyncOps(fetchOnce, ms)) },
  ];
  for (const contender of contenders) await contender.measure();
  const samples = await interleave(rounds, contenders);
  const serializer = samplesOf(samples, 'serializer');
  const against = (name: string, key: string, baseline: string) =>
    compareRounds({
      name: `reply-validation.five-items.${name}`,
      baseline,
      unit: 'µs',
      better: 'lower',
      target: null,
      values: serializer,
      baselineValues: samplesOf(samples, key),
    });
  const stringify = against('vs-stringify', 'stringify', 'JSON.stringify, nothing checked');
  const whole = against('vs-request', 'request', 'whole request through app.fetch (in-process)');
  const share = (value: number) => `${((value / whole.baselineValue) * 100).toFixed(1)}%`;
  const path = 'the serializer compiled from the schema, what the framework runs on a valid plain reply';
  return [
    {
      ...stringify,
      note: `${path}; checking every value while writing costs ${(stringify.value - stringify.baselineValue).toFixed(1)} µs over writing alone (${share(stringify.value - stringify.baselineValue)} of the request)`,
    },
    {
      ...whole,
      note: `${path}; ${share(whole.value)} of the request's time (in-process, an upper bound of its share over HTTP)`,
    },
    {
      ...against('vs-read-back', 'checker', 'stringify, parse, the checker compiled from the schema'),
      note: `${path}; the baseline is the read-back a reply with a toJSON or a class instance takes`,
    },
    {
      ...against('vs-zod', 'zod', 'stringify, parse, the zod schema'),
      note: `${path}; the baseline is the same read-back judged by zod alone`,
    },
  ];
}
