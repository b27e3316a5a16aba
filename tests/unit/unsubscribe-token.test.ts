// The token of a notification email's one-click unsubscribe link (lib/email/unsubscribe-token.ts):
// it names one account, only this server's secret makes one, and no change to it (another id, a
// flipped character, another spelling of the same bytes) is accepted.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '@/lib/email/unsubscribe-token';

const SECRET = 'a-test-secret-that-is-at-least-32-characters-long';
const ANN = 'cmb0ann00000001abcdefghij';
const BEN = 'cmb0ben00000002abcdefghij';

/** The token with the character at `i` replaced by another URL-safe base64 character. */
const flipped = (token: string, i: number) => `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;

describe('unsubscribe tokens', () => {
  it('names the account it was made for, in a URL-safe token that is the same every time', () => {
    const token = signUnsubscribeToken(ANN, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(signUnsubscribeToken(ANN, SECRET)).toBe(token);
    expect(verifyUnsubscribeToken(token, SECRET)).toBe(ANN);
    expect(verifyUnsubscribeToken(signUnsubscribeToken(BEN, SECRET), SECRET)).toBe(BEN);
    expect(signUnsubscribeToken(BEN, SECRET)).not.toBe(token);
  });

  it('is refused under another secret (a token made elsewhere, or before the secret changed)', () => {
    expect(verifyUnsubscribeToken(signUnsubscribeToken(ANN, SECRET), `${SECRET}-rotated`)).toBeNull();
  });

  it('cannot be turned into another account’s: the id swapped under the same MAC is refused', () => {
    const bytes = Buffer.from(signUnsubscribeToken(ANN, SECRET), 'base64url');
    const swapped = Buffer.concat([bytes.subarray(0, 32), Buffer.from(BEN)]).toString('base64url');
    expect(verifyUnsubscribeToken(swapped, SECRET)).toBeNull();
    // Nor does one character of the id changed, nor the id cut short or lengthened.
    const edited = Buffer.concat([bytes.subarray(0, 32), Buffer.from(ANN.replace(/j$/, 'k'))]).toString('base64url');
    expect(verifyUnsubscribeToken(edited, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(Buffer.concat([bytes.subarray(0, 32), Buffer.from(ANN.slice(0, -1))]).toString('base64url'), SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(Buffer.concat([bytes, Buffer.from('x')]).toString('base64url'), SECRET)).toBeNull();
  });

  it('refuses any character changed, anywhere in it', () => {
    const token = signUnsubscribeToken(ANN, SECRET);
    for (let i = 0; i < token.length; i++) expect(verifyUnsubscribeToken(flipped(token, i), SECRET), `character ${i}`).toBeNull();
  });

  it('refuses another spelling of the same bytes (base64’s spare bits, padding)', () => {
    // 58 bytes (the MAC and 26 of id): the last character carries 4 spare bits a decoder ignores.
    const token = signUnsubscribeToken(`${ANN}k`, SECRET);
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes.length % 3).toBe(1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = token.at(-1)!;
    const sameBytes = [...alphabet].map((c) => `${token.slice(0, -1)}${c}`).filter((t) => t !== token && Buffer.from(t, 'base64url').equals(bytes));
    expect(sameBytes.length).toBeGreaterThan(0);
    for (const t of sameBytes) expect(verifyUnsubscribeToken(t, SECRET), `${last} spelled differently`).toBeNull();
    expect(verifyUnsubscribeToken(`${token}=`, SECRET)).toBeNull();
  });

  it('is not an HMAC anything else could produce: not of the id under the bare secret, nor of another purpose', () => {
    const mimic = (mac: Buffer) => Buffer.concat([mac, Buffer.from(ANN)]).toString('base64url');
    expect(verifyUnsubscribeToken(mimic(createHmac('sha256', SECRET).update(ANN).digest()), SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(mimic(createHmac('sha256', SECRET).update(`microcred:unsubscribe-link:v1\n${ANN}`).digest()), SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(mimic(createHmac('sha256', SECRET).update(`microcred:file-invitation-link\n${ANN}`).digest()), SECRET)).toBeNull();
  });

  it('answers hostile input with null, never a throw', () => {
    for (const v of [undefined, null, 0, {}, [], '', 'x', 'a'.repeat(43), 'a'.repeat(5000), `${signUnsubscribeToken(ANN, SECRET)}\u0000`, '../../account', 'AAAA.BBBB', ' ' + signUnsubscribeToken(ANN, SECRET)]) {
      expect(verifyUnsubscribeToken(v, SECRET)).toBeNull();
    }
    // Bytes that are no id at all (not UTF-8, or characters no id has) after 32 bytes of "MAC".
    expect(verifyUnsubscribeToken(Buffer.concat([Buffer.alloc(32), Buffer.from([0xff, 0xfe, 0x00])]).toString('base64url'), SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(Buffer.concat([Buffer.alloc(32), Buffer.from('a b')]).toString('base64url'), SECRET)).toBeNull();
  });
});
