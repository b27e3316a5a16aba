import type { VerificationResult } from '@/lib/credentials/verify';

const labels = {
  signature: { ok: 'Authentic and unaltered: the issuer’s signature matches', fail: 'The signature does not match: the credential was altered or not issued by this issuer' },
  expiry: { ok: 'Within its validity dates', expired: 'Expired', 'not-yet-valid': 'Not valid yet' },
  revocation: { ok: 'Not revoked or suspended', revoked: 'Revoked by the issuer', suspended: 'Suspended by the issuer', unknown: 'Revocation status could not be checked' },
  schema: { ok: 'A standard Open Badges 3.0 credential', fail: 'Not a standard Open Badges 3.0 credential' },
} as const;

export function VerificationChecks({ result }: { result: VerificationResult }) {
  const rows = (['signature', 'expiry', 'revocation', 'schema'] as const).map((k) => {
    const value = result.checks[k];
    return { key: k, ok: value === 'ok', text: (labels[k] as Record<string, string>)[value] ?? value };
  });
  return (
    <ul className="mt-3 space-y-2" aria-label="Verification checks">
      {rows.map((r) => (
        <li key={r.key} className="flex items-start gap-2">
          <span aria-hidden="true" className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white ${r.ok ? 'bg-green-700' : 'bg-red-700'}`}>
            {r.ok ? '✓' : '✕'}
          </span>
          <span>
            <span className="sr-only">{r.ok ? 'Passed: ' : 'Failed: '}</span>
            {r.text}
          </span>
        </li>
      ))}
    </ul>
  );
}
