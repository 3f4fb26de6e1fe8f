/**
 * Faults the emulator can inject into one platform → service call, to see how a service copes.
 * Transport faults (`latencyMs`, `forceStatus`, `dropConnection`) are applied by `withFaults`;
 * signature faults by `signRequest`.
 */
export interface Faults {
  /** Wait this long before sending; it counts against the total deadline. */
  latencyMs?: number;
  /** Answer with this HTTP status (empty body) instead of calling the service. */
  forceStatus?: number;
  /** Fail as a dropped connection instead of calling the service. */
  dropConnection?: boolean;
  /** Send signatures that do not match (same length and alphabet, one character changed). */
  corruptSignature?: boolean;
  /** Sign with a timestamp twice the allowed clock skew in the past. */
  staleTimestamp?: boolean;
  /** Sign with a timestamp twice the allowed clock skew in the future. */
  futureTimestamp?: boolean;
  /** Send only this signature version instead of v2 + v3. */
  signatureVersion?: 'v1' | 'v2' | 'v3';
}

/** Short names of the transport faults set (latency, forced status, dropped connection). */
export function describeTransportFaults(faults: Faults | undefined): string[] {
  if (!faults) return [];
  const names: string[] = [];
  if (faults.latencyMs !== undefined && faults.latencyMs > 0) names.push(`latency ${faults.latencyMs} ms`);
  if (faults.forceStatus !== undefined) names.push(`forced status ${faults.forceStatus}`);
  if (faults.dropConnection) names.push('dropped connection');
  return names;
}

/** Short names of the signature faults set, for `SignatureInfo.fault`. */
export function describeSignatureFaults(faults: Faults | undefined): string[] {
  if (!faults) return [];
  const names: string[] = [];
  if (faults.corruptSignature) names.push('corrupt signature');
  if (faults.staleTimestamp) names.push('stale timestamp');
  if (faults.futureTimestamp) names.push('future timestamp');
  if (faults.signatureVersion) names.push(`only ${faults.signatureVersion} signature`);
  return names;
}

/** Short names of every fault set, for `FAULT_INJECTED` verdicts. */
export function describeFaults(faults: Faults | undefined): string[] {
  return [...describeTransportFaults(faults), ...describeSignatureFaults(faults)];
}
