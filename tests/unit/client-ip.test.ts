import { describe, expect, it } from 'vitest';
import { clientIp, trustedProxyHops } from '@/lib/http/client-ip';

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
