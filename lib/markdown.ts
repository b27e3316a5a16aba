import { Marked, Renderer } from 'marked';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The level of the heading that author-written text usually sits under: a section's h2. */
export const DEFAULT_HEADING_BASE = 2;

// Authors write Markdown; raw HTML is shown as text and only http(s)/mailto links survive, so
// credential text can never inject script into a teacher's or reviewer's page.
//
// Their headings are placed under the page's own (WCAG 1.3.1): a "#" becomes the level below the
// heading the text sits under (`base`), never a second h1, and nothing goes past h6. Their tables
// scroll sideways in a focusable, named box on a narrow screen (WCAG 1.4.10, 2.1.1), as the app's
// own tables do (components/ui/table-scroll.tsx); the table stays the box's direct child, which the
// edge shadows in app/globals.css select.
/**
 * A table's name, from its column headings ("Table: Criterion, Level, Evidence"): two tables in one
 * page (say, in two parts' prompts) are two scroll regions, and same-named regions cannot be told
 * apart in a screen reader's list of landmarks. Markdown marks and markup are left out; long names are cut.
 */
export function tableName(headings: string[]): string {
  // Letters, digits and plain punctuation only: no Markdown marks, no markup, nothing to escape wrongly.
  const words = headings.map((h) => h.replace(/[^\p{L}\p{N}\s.,'’-]/gu, '').replace(/\s+/g, ' ').trim()).filter(Boolean).join(', ');
  if (!words) return 'Table';
  const name = `Table: ${words}`;
  return name.length > 80 ? `${name.slice(0, 79).trimEnd()}…` : name;
}

function makeMarked(base: number) {
  return new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      html({ text }) {
        return escapeHtml(text);
      },
      link({ href, title, tokens }) {
        const label = this.parser.parseInline(tokens);
        if (!/^(https?:|mailto:)/i.test(href)) return label;
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(href)}"${t} rel="noopener noreferrer">${label}</a>`;
      },
      image({ text }) {
        return escapeHtml(text);
      },
      heading({ tokens, depth }) {
        const level = Math.min(6, depth + base);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      table(token) {
        // The default rendering (its cells go through the inline renderers above), in its box.
        const table = Renderer.prototype.table.call(this, token);
        return `<div class="overflow-x-auto" tabindex="0" role="region" aria-label="${escapeHtml(tableName(token.header.map((c) => c.text)))}">${table}</div>\n`;
      },
    },
  });
}

const instances = new Map<number, Marked>();

/**
 * Author-written Markdown as safe HTML. `headingBase`: the level (1 to 5) of the heading the text
 * sits under on the page; an author's "#" becomes one level below it (default: under an h2).
 */
export function renderMarkdown(source: string, { headingBase = DEFAULT_HEADING_BASE }: { headingBase?: number } = {}): string {
  const base = Math.min(5, Math.max(1, Math.trunc(headingBase) || DEFAULT_HEADING_BASE));
  let marked = instances.get(base);
  if (!marked) {
    marked = makeMarked(base);
    instances.set(base, marked);
  }
  return marked.parse(source ?? '') as string;
}
