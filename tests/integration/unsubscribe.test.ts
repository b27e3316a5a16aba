// One-click unsubscribe (RFC 8058) from notification emails a person may turn off: large mailbox
// providers require it of bulk senders, and a district's recommendation reaches tens of thousands
// of teachers. Such an email carries List-Unsubscribe (an address on this site with a token naming
// the account) and List-Unsubscribe-Post; its footer links to a page with a button. An essential
// notice (account security, a badge's status) carries neither. The provider's POST turns the
// account's "Email me about my work" off without any sign-in; opening the link changes nothing (mail
// scanners open every link); a token that was not made for that account writes nothing.
// Real Postgres, the real job queue, and a small SMTP relay on loopback whose received messages
// (headers and all) the tests read: the outbox keeps no headers.
import type net from 'node:net';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../setup/db';
import { speakSmtp, startLoopbackSmtpRelay } from '../setup/smtp-relay';
import { form, redirectOf } from '../setup/actions';
import { textJoined } from '../setup/html';
import { changedTables, tableFingerprints } from '../setup/fault-world';

/** What reached the relay: the recipient and the raw message (headers, blank line, body). */
const delivered: { to: string; body: string }[] = [];

startLoopbackSmtpRelay((socket: net.Socket) =>
  speakSmtp(socket, (message) => {
    delivered.push(message);
    return '250 2.0.0 Queued';
  }),
);

beforeEach(async () => {
  await resetDatabase();
  delivered.length = 0;
});

// Imported once the relay has set SMTP_URL: lib/env reads the configuration once, on first use.
async function load() {
  const { db } = await import('@/lib/db');
  const { enqueueJob, runDueJobs } = await import('@/lib/jobs/queue');
  const { jobHandlers } = await import('@/lib/jobs/handlers');
  const { createActor } = await import('../factories');
  const route = await import('@/app/unsubscribe/[token]/route');
  const { default: StopWorkEmailsPage } = await import('@/app/unsubscribe/[token]/confirm/page');
  const { stopWorkEmailsAction } = await import('@/app/unsubscribe/[token]/confirm/actions');
  const { initialActionState } = await import('@/lib/action-result');
  /** Queues a notification email to `userId` and runs it; what reached the relay for them. */
  async function notice(userId: string, o: { essential?: boolean; title?: string } = {}) {
    const before = delivered.length;
    await enqueueJob({ type: 'email.notification', payload: { userId, title: o.title ?? 'Your district recommends “Checking for understanding”', body: 'Open it to see why.', href: '/catalog', essential: o.essential ?? false } });
    while (await runDueJobs(jobHandlers, 10));
    return delivered.slice(before);
  }
  const post = (token: string, body: BodyInit | null = 'List-Unsubscribe=One-Click', type = 'application/x-www-form-urlencoded') =>
    route.POST(new Request(`http://127.0.0.1:3100/unsubscribe/${encodeURIComponent(token)}`, { method: 'POST', body, headers: body === null ? {} : { 'content-type': type } }), { params: Promise.resolve({ token }) });
  const page = async (token: string) => renderToStaticMarkup(await StopWorkEmailsPage({ params: Promise.resolve({ token }) }));
  const press = (token: string) => stopWorkEmailsAction(initialActionState, form({ token }));
  const emailsOn = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { emailNotifications: true } })).emailNotifications;
  return { db, createActor, route, notice, post, page, press, emailsOn };
}

/** A raw message's headers (folded lines unfolded), by lower-case name. */
function headersOf(raw: string): Record<string, string> {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return Object.fromEntries(head.split('\r\n').map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
}

/** A raw message's text, decoded from its transfer encoding, with its line breaks as `\n` (SMTP sends CRLF). */
function textOf(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const encoding = (headersOf(raw)['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : encoding === 'quoted-printable' ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
    : body;
  return text.replace(/\r\n/g, '\n');
}

/** The token in the email's List-Unsubscribe header. */
function tokenIn(raw: string): string {
  const m = /^<http:\/\/127\.0\.0\.1:3100\/unsubscribe\/([A-Za-z0-9_-]+)>$/.exec(headersOf(raw)['list-unsubscribe'] ?? '');
  if (!m) throw new Error(`no List-Unsubscribe header of this site in:\n${raw.slice(0, 1500)}`);
  return m[1];
}

/** The token with one character changed. */
const flipped = (token: string, i: number) => `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;

describe('notification emails a person may turn off carry one-click unsubscribe', () => {
  it('a non-essential one has both headers, and its footer links to the page with the button; an essential one has neither', async () => {
    const { db, createActor, notice } = await load();
    const ann = await createActor({ name: 'Ann Avery', email: 'ann@school.test' });

    const [bulk] = await notice(ann.id);
    expect(bulk.to).toBe('ann@school.test');
    const headers = headersOf(bulk.body);
    const token = tokenIn(bulk.body);
    expect(headers['list-unsubscribe']).toBe(`<http://127.0.0.1:3100/unsubscribe/${token}>`);
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const text = textOf(bulk.body);
    expect(text).toContain(`To stop these emails: http://127.0.0.1:3100/unsubscribe/${token}/confirm\nOr untick "Email me about my work" at http://127.0.0.1:3100/account.`);
    // The outbox copy (SMTP configured) keeps no working link: it acts for whoever holds it, for months.
    const copy = await db.emailMessage.findFirstOrThrow({ where: { to: 'ann@school.test' }, select: { text: true } });
    expect(copy.text).not.toContain(token);
    expect(copy.text).toContain('/unsubscribe/[link removed from this copy]');

    // The same link in every email to the same person; another person's is another.
    const [again] = await notice(ann.id, { title: 'Work is waiting' });
    expect(tokenIn(again.body)).toBe(token);
    const ben = await createActor({ email: 'ben@school.test' });
    expect(tokenIn((await notice(ben.id))[0].body)).not.toBe(token);

    const [essential] = await notice(ann.id, { essential: true, title: 'Your password was changed' });
    expect(essential.to).toBe('ann@school.test');
    expect(Object.keys(headersOf(essential.body)).filter((h) => h.startsWith('list-'))).toEqual([]);
    expect(textOf(essential.body)).not.toContain('/unsubscribe/');
    expect(textOf(essential.body)).toContain('We always email notices about your account’s security');
  });
});

describe('the one-click POST (RFC 8058)', () => {
  it('turns the account’s work emails off without a sign-in: the next one is not sent, essential ones still are', async () => {
    const { db, createActor, notice, post, emailsOn } = await load();
    const ann = await createActor({ email: 'ann@school.test' });
    const token = tokenIn((await notice(ann.id))[0].body);

    const res = await post(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toContain('You will no longer get emails about your work');
    expect(await emailsOn(ann.id)).toBe(false);
    const audit = await db.auditLog.findMany({ where: { entityId: ann.id }, select: { action: true, actorId: true, entityType: true, data: true } });
    expect(audit).toEqual([{ action: 'user.unsubscribe', actorId: ann.id, entityType: 'User', data: { via: 'one-click' } }]);

    expect(await notice(ann.id, { title: 'Work is waiting' })).toEqual([]);
    expect(await db.emailMessage.count({ where: { subject: 'Work is waiting' } })).toBe(0);
    expect(await notice(ann.id, { essential: true, title: 'Your password was changed' })).toHaveLength(1);

    // Sent twice (providers retry): still 200, nothing more written.
    const before = await tableFingerprints();
    expect((await post(token)).status).toBe(200);
    expect(changedTables(before, await tableFingerprints())).toEqual([]);
  });

  it('takes the body as multipart too, and refuses a POST without "List-Unsubscribe=One-Click", writing nothing', async () => {
    const { createActor, route, post, emailsOn } = await load();
    const ann = await createActor({ email: 'ann@school.test' });
    const { unsubscribeUrl } = await import('@/lib/email/unsubscribe');
    const token = new URL(unsubscribeUrl(ann.id)).pathname.split('/')[2];

    const before = await tableFingerprints();
    for (const [body, type] of [[null, ''], ['', 'application/x-www-form-urlencoded'], ['List-Unsubscribe=Yes', 'application/x-www-form-urlencoded'], ['{"List-Unsubscribe":"One-Click"}', 'application/json'], [`List-Unsubscribe=One-Click&x=${'a'.repeat(5000)}`, 'application/x-www-form-urlencoded']] as const) {
      expect((await post(token, body, type)).status, `${type} ${String(body).slice(0, 40)}`).toBe(400);
    }
    expect(changedTables(before, await tableFingerprints())).toEqual([]);
    expect(await emailsOn(ann.id)).toBe(true);

    const multipart = new FormData();
    multipart.set('List-Unsubscribe', 'One-Click');
    const res = await route.POST(new Request(`http://127.0.0.1:3100/unsubscribe/${token}`, { method: 'POST', body: multipart }), { params: Promise.resolve({ token }) });
    expect(res.status).toBe(200);
    expect(await emailsOn(ann.id)).toBe(false);
  });

  it('a forged or tampered token, or one whose id was swapped for another account’s, writes nothing: user A’s token cannot unsubscribe B', async () => {
    const { createActor, notice, post, emailsOn } = await load();
    const ann = await createActor({ email: 'ann@school.test' });
    const ben = await createActor({ email: 'ben@school.test' });
    const annToken = tokenIn((await notice(ann.id))[0].body);
    const benToken = tokenIn((await notice(ben.id))[0].body);
    const annBytes = Buffer.from(annToken, 'base64url');
    // Ann's MAC with Ben's id: what someone holding Ann's email would try.
    const swapped = Buffer.concat([annBytes.subarray(0, 32), Buffer.from(ben.id)]).toString('base64url');
    // Ben's id with a MAC of anyone's making.
    const forged = Buffer.concat([Buffer.alloc(32, 7), Buffer.from(ben.id)]).toString('base64url');

    const before = await tableFingerprints();
    for (const bad of [swapped, forged, flipped(benToken, 3), flipped(benToken, benToken.length - 5), `${benToken}A`, benToken.slice(0, -1), ben.id, 'not-a-token', '']) {
      const res = await post(bad);
      expect(res.status, bad).toBe(404);
      expect(await res.text()).toContain('This unsubscribe link is not valid');
    }
    expect(changedTables(before, await tableFingerprints())).toEqual([]);

    // Ann's own token stops Ann's emails only.
    expect((await post(annToken)).status).toBe(200);
    expect(await emailsOn(ann.id)).toBe(false);
    expect(await emailsOn(ben.id)).toBe(true);
    expect(await notice(ben.id, { title: 'Work is waiting' })).toHaveLength(1);
  });

  it('a link whose account was deleted since writes nothing', async () => {
    const { db, createActor, post } = await load();
    const { unsubscribeUrl } = await import('@/lib/email/unsubscribe');
    const gone = await createActor({ email: 'gone@school.test' });
    const token = new URL(unsubscribeUrl(gone.id)).pathname.split('/')[2];
    await db.user.delete({ where: { id: gone.id } });
    const before = await tableFingerprints();
    expect((await post(token)).status).toBe(404);
    expect(changedTables(before, await tableFingerprints())).toEqual([]);
  });
});

describe('the page a person opens from the email', () => {
  it('opening the link (the address, or the page) changes nothing; the button turns the emails off and says how to turn them back on', async () => {
    const { db, createActor, notice, route, page, press, emailsOn } = await load();
    const ann = await createActor({ email: 'ann@school.test' });
    const token = tokenIn((await notice(ann.id))[0].body);

    const before = await tableFingerprints();
    // The List-Unsubscribe address opened in a browser (or by a scanner) leads to the page.
    const opened = await route.GET(new Request(`http://127.0.0.1:3100/unsubscribe/${token}`), { params: Promise.resolve({ token }) });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`http://127.0.0.1:3100/unsubscribe/${token}/confirm`);
    const html = await page(token);
    expect(changedTables(before, await tableFingerprints())).toEqual([]);
    expect(await emailsOn(ann.id)).toBe(true);
    // A sentence and a button in a form carrying the token; nothing names the account.
    expect(textJoined(html)).toContain('Stop the emails we send about your work');
    expect(html).toMatch(new RegExp(`<form[\\s\\S]*<input type="hidden" name="token" value="${token}"/>[\\s\\S]*Stop emails about my work</button>[\\s\\S]*</form>`));
    expect(html).not.toContain('ann@school.test');

    expect(await redirectOf(press(token))).toBe(`/unsubscribe/${token}/confirm`);
    expect(await emailsOn(ann.id)).toBe(false);
    expect(await db.auditLog.findMany({ where: { entityId: ann.id }, select: { action: true, data: true } })).toEqual([{ action: 'user.unsubscribe', data: { via: 'page' } }]);
    const done = await page(token);
    expect(textJoined(done)).toContain('Emails about your work are off');
    expect(textJoined(done)).toContain('To turn the others back on, tick “Email me about my work” on your account page');
    expect(done).toContain('href="/account"');
    expect(done).not.toContain('Stop emails about my work</button>');
    expect(await notice(ann.id, { title: 'Work is waiting' })).toEqual([]);
  });

  it('a tampered link shows that it is not valid and offers no button; pressing with one writes nothing', async () => {
    const { createActor, notice, page, press, emailsOn } = await load();
    const ann = await createActor({ email: 'ann@school.test' });
    const ben = await createActor({ email: 'ben@school.test' });
    const annToken = tokenIn((await notice(ann.id))[0].body);
    const swapped = Buffer.concat([Buffer.from(annToken, 'base64url').subarray(0, 32), Buffer.from(ben.id)]).toString('base64url');

    const before = await tableFingerprints();
    for (const bad of [swapped, flipped(annToken, 10), 'not-a-token']) {
      const html = await page(bad);
      expect(textJoined(html), bad).toContain('This link is not valid');
      expect(html).not.toContain('Stop emails about my work</button>');
      const result = await press(bad);
      expect(result).toMatchObject({ ok: false, formError: expect.stringContaining('This link is not valid') });
    }
    expect(changedTables(before, await tableFingerprints())).toEqual([]);
    expect(await emailsOn(ann.id)).toBe(true);
    expect(await emailsOn(ben.id)).toBe(true);
  });
});
