import type { SignatureInfo } from '../../api/types.ts';

const recipes: Record<'v1' | 'v2' | 'v3', string> = {
  v1: 'hex(sha256(clientSecret + body))',
  v2: 'hex(sha256(clientSecret + METHOD + URL + body))',
  v3: 'base64(hmacSha256(clientSecret, METHOD + URL (with %3A %2F %3F %40 … decoded) + body + timestamp))',
};

/** How the request was signed: versions, timestamp, and the exact string each version hashed. docs/protocol.md §1. */
export function SignaturePanel({ signature }: { signature: SignatureInfo }) {
  const versions = signature.versions;
  return (
    <div>
      <p>
        Signed with <strong>{versions.length ? versions.join(' + ') : 'nothing'}</strong>
        {signature.timestamp ? (
          <>
            {' '}
            at timestamp <code>{signature.timestamp}</code>
          </>
        ) : null}
        . {signature.fault ? <span className="flag">fault injected: {signature.fault}</span> : null}
      </p>
      {versions.map((version) => (
        <div key={version}>
          <p className="muted">
            <strong>{version}</strong> = {recipes[version]}
          </p>
          {signature.sources[version] !== undefined ? (
            <pre className="sig-source" data-signed={version} title={`the string ${version} signed`}>
              {signature.sources[version]}
            </pre>
          ) : null}
        </div>
      ))}
      <p className="muted">
        The service must hash the raw body bytes and the public URL it was called on; v3 timestamps older or
        newer than 5 minutes are rejected.
      </p>
    </div>
  );
}
