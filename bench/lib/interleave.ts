/** One contender in an interleaved measurement. */
export interface Contender<T> {
  key: string;
  /** Measures once; called once per round. */
  measure: () => Promise<T>;
}

/**
 * Runs every contender once per round, in the same order each round (A, B, C, A, B, C…), so
 * drift in machine load hits all of them alike. Returns each contender's samples in round order.
 */
export async function interleave<T>(
  rounds: number,
  contenders: readonly Contender<T>[],
): Promise<Map<string, T[]>> {
  const samples = new Map<string, T[]>(contenders.map((contender) => [contender.key, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const contender of contenders) {
      samples.get(contender.key)?.push(await contender.measure());
    }
  }
  return samples;
}

/** The samples of one contender; throws when the key was not measured. */
export function samplesOf<T>(samples: Map<string, T[]>, key: string): T[] {
  const found = samples.get(key);
  if (found === undefined) throw new Error(`[bench] no samples for ${key}`);
  return found;
}
