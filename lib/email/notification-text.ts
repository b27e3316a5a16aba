/**
 * The text of a notification's email: paragraphs one blank line apart, and none where there is no
 * body or no link. (Built inline, a missing part left two blank lines behind: a "needs revision"
 * email read as if the feedback it mentions had gone missing.) Pure, so safe to test anywhere.
 */
export function notificationEmailText(o: { name: string; title: string; body: string; link: string | null; settings: string }): string {
  const title = o.title.trim();
  const paragraphs = [
    `Hello ${o.name},`,
    /[.!?…]$/.test(title) ? title : `${title}.`,
    o.body.trim(),
    o.link ? `Open it here: ${o.link}` : '',
    '— Microcred',
    o.settings,
  ];
  return paragraphs.filter(Boolean).join('\n\n');
}
