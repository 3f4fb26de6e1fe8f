import { isSurelyValidLegacyCardResponse, legacyCardResponseSchema } from '@spoke/protocol';
import { buildCardReply, signedCardRequest } from '../tests/helpers/card-fixture.ts';
import { type BenchOptions, type BenchResult, compareRounds } from './lib/bench-result.ts';
import { interleave, samplesOf } from './lib/interleave.ts';
import { measureAsyncOps, measureOps } from './lib/measure-ops.ts';
import { createSpokeCardApp } from './servers/spoke-card-app.ts';

/**
 * 3. Reply validation cost: schema-checking a five-item card reply against the whole in-process
 * request through `app.fetch` that includes it, and the fast path the framework actually runs on a
 * valid reply (the checker compiled from the same schema) against that zod parse.
 */
export async function replyValidation({ quick }: BenchOptions): Promise<BenchResult[]> {
  const rounds = quick ? 2 : 7;
  const ms = quick ? 20 : 300;
  const reply = buildCardReply(53701, 'jane.doe@example.com');
  if (!legacyCardResponseSchema.safeParse(reply).success)
    throw new Error('[bench] the benchmark reply is invalid');
  const app = createSpokeCardApp();
  const request = signedCardRequest('http://127.0.0.1:3000');
  const fetchOnce = async () => {
    const response = await app.fetch(new Request(request.url, { headers: request.headers }));
    if (response.status !== 200) throw new Error(`[bench] app.fetch answered ${response.status}`);
    return response.text();
  };
  // What the framework's check sees: the reply read back from the JSON it sends.
  const sent: unknown = JSON.parse(JSON.stringify(reply));
  if (!isSurelyValidLegacyCardResponse(sent)) throw new Error('[bench] the fast path refuses the reply');
  const contenders = [
    { key: 'fast', measure: async () => 1e6 / measureOps(() => isSurelyValidLegacyCardResponse(sent), ms) },
    {
      key: 'validate',
      measure: async () => 1e6 / measureOps(() => legacyCardResponseSchema.safeParse(reply).success, ms),
    },
    { key: 'request', measure: async () => 1e6 / (await measureAsyncOps(fetchOnce, ms)) },
  ];
  for (const contender of contenders) await contender.measure();
  const samples = await interleave(rounds, contenders);
  const validate = samplesOf(samples, 'validate');
  const whole = samplesOf(samples, 'request');
  const fast = samplesOf(samples, 'fast');
  const result = compareRounds({
    name: 'reply-validation.five-items',
    baseline: 'whole request through app.fetch (in-process)',
    unit: 'µs',
    better: 'lower',
    target: null,
    values: validate,
    baselineValues: whole,
  });
  const share = (result.value / result.baselineValue) * 100;
  const fastPath = compareRounds({
    name: 'reply-validation.five-items.fast-path',
    baseline: 'the zod schema on the same reply',
    unit: 'µs',
    better: 'lower',
    target: null,
    values: fast,
    baselineValues: validate,
  });
  return [
    {
      ...result,
      note: `validation is ${share.toFixed(1)}% of the request's time (in-process, so an upper bound of its share over HTTP)`,
    },
    {
      ...fastPath,
      note: `what the framework runs on a valid reply (the checker compiled from the schema); ${((fastPath.value / result.baselineValue) * 100).toFixed(1)}% of the request's time`,
    },
  ];
}
