// A notification's email (lib/email/notification-text.ts): one blank line between paragraphs, and
// no empty gap where a notice has no body or no link.
import { describe, expect, it } from 'vitest';
import { notificationEmailText } from '@/lib/email/notification-text';

const settings = 'To stop these emails, untick "Email me about my work" at http://app.test/account.';

describe('the text of a notification email', () => {
  it('reads "needs revision", its explanation and the link as paragraphs one blank line apart', () => {
    const text = notificationEmailText({
      name: 'Tess',
      title: 'Your submission for “Exit Tickets” needs revision',
      body: 'A reviewer has scored your evidence and left feedback on what to change.',
      link: 'http://app.test/apply/exit-tickets',
      settings,
    });
    expect(text).toBe(
      'Hello Tess,\n\nYour submission for “Exit Tickets” needs revision.\n\nA reviewer has scored your evidence and left feedback on what to change.\n\nOpen it here: http://app.test/apply/exit-tickets\n\n— Microcred\n\n' + settings,
    );
    expect(text).not.toMatch(/\n\n\n/);
  });

  it('leaves no gap for a missing body or link, and does not double a title’s own full stop', () => {
    const text = notificationEmailText({ name: 'Nia', title: 'Your badge was issued.', body: '  ', link: null, settings });
    expect(text).toBe(`Hello Nia,\n\nYour badge was issued.\n\n— Microcred\n\n${settings}`);
  });
});
