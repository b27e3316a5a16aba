import { describe, expect, it } from 'vitest';
import { clientIp, networkKey, trustedProxyHops } from '@/lib/http/client-ip';

const h = (xff?: string) => new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff });

describe('clientIp (who a rate limit counts)', () => {
  it('behind one load balancer, takes the address the balancer saw, whatever the client wrote before it', () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the balancer appended the real client; the app
    // server appended the balancer.
    expect(clientIp(h('6.6.6.6, 198.51.100.7, 10.0.0.2'), 1)).toBe('198.51.100.7');
    expect(clientIp(h('198.51.100.7, 10.0.0.2'), 1)).toBe('198.51.100.7');
  });

  it('with browsers connecting directly, takes the peer the app server saw', () => {
    expect(clientIp(h('6.6.6.6, 203.0.113.9'), 0)).toBe('203.0.113.9');
  });

  it('counts the peer the app server saw when the chain is shorter than the proxies in front', () => {
    // Behind a CDN and a load balancer (2), someone connecting to the app server directly and
    // writing their own X-Forwarded-For: only the last entry (the peer) is not theirs to choose.
    expect(clientIp(h('6.6.6.6, 203.0.113.9'), 2)).toBe('203.0.113.9');
    expect(clientIp(h('6.6.6.6, 7.7.7.7, 203.0.113.9'), 3)).toBe('203.0.113.9');
    // A new made-up address on every try is still one client.
    expect(new Set(['1.1.1.1', '2.2.2.2', '3.3.3.3'].map((fake) => clientIp(h(`${fake}, 203.0.113.9`), 2)))).toEqual(new Set(['203.0.113.9']));
  });

  it('counts an IPv6 client by its /64 network, which one host can move through at will', () => {
    expect(clientIp(h('2001:db8:1:2:aaaa:bbbb:cccc:dddd, 10.0.0.2'), 1)).toBe('2001:db8:1:2::/64');
    expect(clientIp(h('2001:db8:1:2::5, 10.0.0.2'), 1)).toBe('2001:db8:1:2::/64');
    expect(clientIp(h('2001:0db8:0001:0002:ffff::1, 10.0.0.2'), 1)).toBe('2001:db8:1:2::/64');
    // Another /64 is another client.
    expect(clientIp(h('2001:db8:1:3::5, 10.0.0.2'), 1)).toBe('2001:db8:1:3::/64');
    // As some proxies write it: brackets, a port, a zone.
    expect(networkKey('[2001:db8:1:2::5]:443')).toBe('2001:db8:1:2::/64');
    expect(networkKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(networkKey('::1')).toBe('0:0:0:0::/64');
    expect(networkKey('2001:db8::')).toBe('2001:db8:0:0::/64');
  });

  it('keeps IPv4 whole, also when written as IPv6 or with a port', () => {
    expect(networkKey('198.51.100.7')).toBe('198.51.100.7');
    expect(networkKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(networkKey('::ffff:c633:6407')).toBe('198.51.100.7');
    expect(networkKey('198.51.100.7:51234')).toBe('198.51.100.7');
    // The app server's own peer on a dual-stack socket.
    expect(clientIp(h('::ffff:203.0.113.9'), 0)).toBe('203.0.113.9');
  });

  it('keeps what it cannot read as an address as written, shortened', () => {
    expect(networkKey('unknown')).toBe('unknown');
    expect(networkKey('1:2:3:4:5:6:7:8:9')).toBe('1:2:3:4:5:6:7:8:9');
    expect(networkKey('1::2::3')).toBe('1::2::3');
    expect(networkKey('x'.repeat(100))).toHaveLength(64);
  });

  it('copes with short, empty or missing chains', () => {
    expect(clientIp(h('203.0.113.9'), 2)).toBe('203.0.113.9');
    expect(clientIp(h(' , '), 1)).toBeNull();
    expect(clientIp(h(), 1)).toBeNull();
  });

  it('reads TRUSTED_PROXY_HOPS, defaulting to one proxy', () => {
    expect(trustedProxyHops(undefined)).toBe(1);
    expect(trustedProxyHops('')).toBe(1);
    expect(trustedProxyHops('0')).toBe(0);
    expect(trustedProxyHops('2')).toBe(2);
    expect(trustedProxyHops('-1')).toBe(1);
    expect(trustedProxyHops('many')).toBe(1);
  });
});
