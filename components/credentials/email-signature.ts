// The badge as a teacher pastes it into an email signature: the badge image, 64 pixels square,
// linked to the badge's public page where anyone can check it. Copied as HTML (what signature
// editors paste as an image with a link) and as plain text for programs that take only text.

export type EmailSignature = { html: string; text: string };

/** Escapes text for an HTML attribute value in double quotes (and for text between tags). */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** An absolute http(s) address, or an error: a signature must never carry javascript: or a relative path. */
function absoluteWebUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`The ${what} must be an absolute web address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`The ${what} must be an http or https address.`);
  return url.toString();
}

/**
 * `<a href="{credentialUrl}"><img src="{imageUrl}" width="64" height="64" alt="{title} badge"></a>`,
 * every value escaped, and the plain-text line: "{title} badge: {credentialUrl}".
 */
export function emailSignature(input: { title: string; credentialUrl: string; imageUrl: string }): EmailSignature {
  const href = absoluteWebUrl(input.credentialUrl, 'badge address');
  const src = absoluteWebUrl(input.imageUrl, 'badge image address');
  const title = input.title.replace(/\s+/g, ' ').trim();
  return {
    html: `<a href="${escapeHtml(href)}"><img src="${escapeHtml(src)}" width="64" height="64" alt="${escapeHtml(`${title} badge`)}"></a>`,
    text: `${title} badge: ${href}`,
  };
}

// Method syntax: the browser's Clipboard (write takes ClipboardItem[]) fits it.
type ClipboardLike = { write?(items: unknown[]): Promise<void>; writeText(text: string): Promise<void> };
type ClipboardItemCtor = new (items: Record<string, Blob>) => unknown;

/**
 * Copies the signature: as HTML with a plain-text alternative where the browser has ClipboardItem,
 * so a signature editor pastes the image with its link; else the plain text only. Says which.
 * Throws what the browser throws when it does not allow copying.
 */
export async function copySignature(sig: EmailSignature, clipboard: ClipboardLike, Item: ClipboardItemCtor | undefined): Promise<'rich' | 'plain'> {
  if (Item && clipboard.write) {
    await clipboard.write([new Item({ 'text/html': new Blob([sig.html], { type: 'text/html' }), 'text/plain': new Blob([sig.text], { type: 'text/plain' }) })]);
    return 'rich';
  }
  await clipboard.writeText(sig.text);
  return 'plain';
}
