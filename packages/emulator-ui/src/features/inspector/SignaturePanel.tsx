import type { SignatureInfo } from '../../api/types.ts';

const recipes: Record<'v1' | 'v2' | 'v3', string> = {
  v1: 'hex(sha256(clientSecret + body))',
  v2: 'hex(sha256(clientSecret + METHOD + URL + body))',
  v3: 'base64(hmacSha256(clientSecret, METHOD + URL (with %3A %2F %3F %40 … decoded) + body + timestamp))',
};

const rawV3Recipe =
  'base64(hmacSha256(clientSecret, METHOD + URL (as sent, nothing decoded) + body + timestamp))';

/**
 * Which URL form v3 was signed over, when the two differ for this URL: HubSpot's docs decode
 * twelve escapes, its SDK and hubspot.fetch's local-dev proxy do not. docs/decisions/0011
 */
function V3UrlFormNote({ form }: { form: 'decoded' | 'raw' }) {
  const disagree =
    "HubSpot's validation docs decode %40, %3A, %2F and nine other escapes before hashing the URL; its official client (@hubspot/api-client) and its local-dev proxy for hubspot.fetch hash the URL as sent. This URL has such an escape, so the two give different signatures.";
  return (
    <p className="muted" data-v3-url-form={form}>
      {form === 'raw' ? (
        <>
          <strong>v3 over the raw URL</strong>, as hubspot.fetch signs (converter mode). {disagree} A service
          that decodes first, following the docs, answers 401; @spoke/framework accepts both.
        </>
      ) : (
        <>
          <strong>v3 over the decoded URL</strong>, as HubSpot's docs say (legacy CRM cards). {disagree} A
          service checking with Signature.isValid from @hubspot/api-client answers 401; @spoke/framework
          accepts both.
        </>
      )}
    </p>
  );
}

/** How the request was signed: versions, timestamp, and the exact string each version hashed. docs/protocol.md §1. */
export function SignaturePanel({ signature }: { signature: SignatureInfo }) {
  const versions = signature.versions;
  const v3Form = signature.v3UrlForm ?? 'decoded';
  const formsDiffer = signature.v3UrlFormsDiffer === true;
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
            <strong>{version}</strong> ={' '}
            {version === 'v3' && v3Form === 'raw' ? rawV3Recipe : recipes[version]}
          </p>
          {version === 'v3' && formsDiffer ? <V3UrlFormNote form={v3Form} /> : null}
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
