import { z } from 'zod';
import { env } from '@/lib/env';
import { unsubscribeWithLink } from '@/lib/email/unsubscribe';
import { UnsubscribeTokenShape } from '@/lib/email/unsubscribe-token';

// The address in a notification email's List-Unsubscribe header (lib/email/unsubscribe.ts). A
// mailbox provider's one-click unsubscribe (RFC 8058) POSTs "List-Unsubscribe=One-Click" here,
// cross-site and without cookies: the token alone says whose emails stop. Opening the address
// (a person whose mail program opens it, or a link scanner) changes nothing: it leads to the page
// with the button. (A page and a route cannot share a segment, so the page is at ./confirm.)

// The whole body RFC 8058 asks for is "List-Unsubscribe=One-Click"; anything much longer is not it.
const MAX_BODY_BYTES = 4096;
const OneClickBody = z.object({ 'List-Unsubscribe': z.literal('One-Click') });

type Params = { params: Promise<{ token: string }> };

const accountUrl = () => new URL('/account', env().APP_URL).toString();

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

const notValid = () => plain(404, `This unsubscribe link is not valid. To stop emails about your work, sign in and untick "Email me about my work" at ${accountUrl()}`);

/** The body, when it is at most `max` bytes; null when longer. */
async function readCapped(req: Request, max: number): Promise<Buffer | null> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The posted form's text fields, as providers send it (URL-encoded or multipart); null for anything else. */
async function readForm(req: Request): Promise<Record<string, unknown> | null> {
  const type = req.headers.get('content-type') ?? '';
  const bytes = await readCapped(req, MAX_BODY_BYTES);
  if (!bytes) return null;
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) return Object.fromEntries(new URLSearchParams(bytes.toString('utf8')));
  if (/^multipart\/form-data\b/i.test(type)) {
    try {
      const form = await new Response(new Blob([new Uint8Array(bytes)]), { headers: { 'content-type': type } }).formData();
      return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
    } catch {
      return null;
    }
  }
  return null;
}

export async function POST(req: Request, { params }: Params): Promise<Response> {
  const token = UnsubscribeTokenShape.safeParse((await params).token);
  if (!token.success) return notValid();
  const body = OneClickBody.safeParse(await readForm(req));
  if (!body.success) return plain(400, 'This address takes one-click unsubscribe requests from mail programs (a POST of "List-Unsubscribe=One-Click"). To stop emails about your work, open the link at the end of one of them.');
  const outcome = await unsubscribeWithLink({ token: token.data, via: 'one-click' });
  if (outcome === 'invalid') return notValid();
  return plain(200, `You will no longer get emails about your work from Microcred. Notices about your account’s security and your badges’ status are still sent. To turn these emails back on, tick "Email me about my work" at ${accountUrl()}`);
}

/** Someone (or something) opening the address: the page with the button, which asks before anything changes. */
export async function GET(_req: Request, { params }: Params): Promise<Response> {
  const token = UnsubscribeTokenShape.safeParse((await params).token);
  if (!token.success) return notValid();
  return new Response(null, { status: 303, headers: { location: new URL(`/unsubscribe/${token.data}/confirm`, env().APP_URL).toString(), 'cache-control': 'no-store' } });
}
