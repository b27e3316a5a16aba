import { renderMarkdown } from '@/lib/markdown';

/**
 * Author-written Markdown. `headingBase`: the level of the heading it sits under on the page (1 on
 * a page whose h1 it follows, 3 inside a part headed by an h3); the author's "#" becomes the next
 * level down. Default 2: text under a section's h2.
 */
export function Markdown({ source, className = '', headingBase }: { source: string; className?: string; headingBase?: number }) {
  return <div className={`prose-body ${className}`} dangerouslySetInnerHTML={{ __html: renderMarkdown(source, { headingBase }) }} />;
}
