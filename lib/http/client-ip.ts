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

/**
 * The client's address from the request headers, or null when there is none to trust. An IPv6
 * address stands for its /64 network (see networkKey).
 */
export function clientIp(headers: { get(name: string): string | null }, hops = trustedProxyHops()): string | null {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!chain.length) return null;
  // The last entry is the peer our server saw; `hops` proxies before it are ours too. A chain
  // shorter than that did not come through all of them (someone reached a server behind the
  // proxies directly): what is left of the peer was written by the client, so the peer counts.
  const index = chain.length - 1 - hops;
  return networkKey(index >= 0 ? chain[index] : chain[chain.length - 1]);
}

/**
 * The key a rate limit counts an address under. IPv4: the address. IPv6: its /64 network
 * ("2001:db8:1:2::/64"), since one host is usually given a whole /64 and can move through its
 * addresses at will. An IPv4 address written as IPv6 ("::ffff:192.0.2.1", as a dual-stack server
 * sees IPv4 peers) is the IPv4 address. A port, brackets or a zone ("%eth0") are dropped; anything
 * else is kept as written (at most 64 characters).
 */
export function networkKey(address: string): string {
  let a = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%.*$/, '');
  if (!a.includes(':')) return a.slice(0, 64);
  const groups = ipv6Groups(a);
  if (!groups) return a.slice(0, 64);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  // A dotted IPv4 tail ("::ffff:192.0.2.1", "64:ff9b::192.0.2.1") is the last two groups.
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (tail) {
    const bytes = tail.slice(1).map(Number);
    if (bytes.some((b) => b > 255)) return null;
    text = `${text.slice(0, tail.index)}${((bytes[0] << 8) | bytes[1]).toString(16)}:${((bytes[2] << 8) | bytes[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s ? s.split(':') : []);
  const head = part(halves[0]);
  const rest = halves.length === 2 ? part(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}
