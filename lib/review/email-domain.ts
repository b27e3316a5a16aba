// Districts give staff addresses on their own domain. When an issuer blocks reviewing work from
// one's own district, a shared institutional domain counts as the same district too: the school
// and district a teacher picks at sign-up are their own claim (and may be left empty), while the
// address domain is proven when they confirm their email.

/** Mailbox providers anyone can sign up with: sharing one says nothing about a workplace. */
const PUBLIC_EMAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 'mail.com',
  'zoho.com', 'yandex.com', 'yandex.ru', 'fastmail.com', 'hey.com', 'tutanota.com', 'qq.com', '163.com', '126.com', 'naver.com', 'comcast.net',
  'verizon.net', 'att.net', 'sbcglobal.net', 'example.com', 'example.org', 'example.net',
]);

/** The institutional domain of an address, or null for a public mailbox provider (or no domain). */
export function institutionDomain(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase();
  if (!domain || !domain.includes('.') || PUBLIC_EMAIL_DOMAINS.has(domain)) return null;
  // Names reserved for testing and documentation (RFC 2606) belong to no institution.
  if (/\.(test|example|invalid|localhost)$/.test(domain)) return null;
  return domain;
}
