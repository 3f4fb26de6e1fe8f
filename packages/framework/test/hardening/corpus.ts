import {
  badContentLengthCases,
  deepJsonCases,
  hugeValueCases,
  malformedJsonCases,
  oversizeCases,
  slowBodyCases,
  truncatedCases,
  wrongContentTypeCases,
  wrongTypeCases,
} from './corpus-bodies.ts';
import {
  caseMangledCases,
  duplicateHeaderCases,
  missingSignatureCases,
  replayCases,
  routingCases,
  strictCases,
  validCases,
  wrongSignatureTargetCases,
} from './corpus-headers.ts';
import { type HostileCase, prng } from './corpus-model.ts';

export {
  type CaseClass,
  caseClasses,
  classDescriptions,
  corpusBodyTimeoutMs,
  type Expectation,
  fieldsVerdict,
  type HostExpectation,
  type HostileCase,
  jsonVerdict,
  schemaOf,
} from './corpus-model.ts';

/**
 * The whole corpus, generated from `seed`: the same seed gives the same requests (only ports and
 * timestamps, taken at send time, differ between runs).
 */
export function buildCorpus(seed: number): HostileCase[] {
  const random = prng(seed);
  const all = [
    ...validCases(),
    ...missingSignatureCases(),
    ...malformedJsonCases(random),
    ...deepJsonCases(),
    ...hugeValueCases(),
    ...wrongTypeCases(),
    ...duplicateHeaderCases(),
    ...caseMangledCases(random),
    ...truncatedCases(),
    ...badContentLengthCases(),
    ...oversizeCases(),
    ...slowBodyCases(),
    ...wrongContentTypeCases(),
    ...wrongSignatureTargetCases(),
    ...replayCases(),
    ...strictCases(),
    ...routingCases(),
  ];
  // A case signed with v1 or v2 alone is about what happens past the version check, so it runs
  // against the app that accepts those versions; the strict-mode cases check the default refuses them.
  return all.map((item, index) => {
    const version = item.spec.signing === false ? undefined : item.spec.signing?.version;
    const legacy =
      item.app === undefined && item.kind !== 'strict-mode' && (version === 'v1' || version === 'v2');
    return { ...item, ...(legacy ? { app: 'legacy' as const } : {}), id: `${item.kind}#${index}` };
  });
}
