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
  return all.map((item, index) => ({ ...item, id: `${item.kind}#${index}` }));
}
