// The address a request came from, for per-network rate limits (sign-in, sign-up, password reset,
// verification uploads).
//
// X-Forwarded-For is a list each proxy appends to, so only its right-hand end can be trusted: the
// app's own server (scripts/server.ts) appends the address of whoever connected to it, and each
// trusted proxy in front (a load balancer) appended the address that connected to it. Anything to
// the left of those may be made up by the client. TRUSTED_PROXY_HOPS says how many proxies stand in
// front of the app server: 1 (the default) behind a load balancer, 0 when browsers connect to it
// directly, 2 behind a CDN and a load balancer.

export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 10 ? n : 1;
}

/** The client's address from the request headers, or null when there is none to trust. */
export function clientIp(headers: { get(name: string): string | null }, hops = trustedProxyHops()): string | null {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!chain.length) return null;
  // The last entry is the peer our server saw; `hops` proxies before it are ours too.
  const index = chain.length - 1 - hops;
  return chain[Math.max(0, index)].slice(0, 64);
}
