// A notice's body is written for its email too: the app's own addresses in it become links to their
// path on the notifications page (the server's address is noise there, and plain text cannot be
// followed); addresses of other sites stay text.
import { describe, expect, it } from 'vitest';
import { noticeBodyParts } from '@/lib/notifications/format';

const APP = 'https://microcred.example.org';

describe('noticeBodyParts', () => {
  it('turns the app’s own address into a link to its path, keeping the words around it', () => {
    expect(noticeBodyParts('How useful was it? Tell the issuer, without your name: https://microcred.example.org/micro-credentials/exit-tickets/feedback', APP)).toEqual([
      { text: 'How useful was it? Tell the issuer, without your name: ' },
      { text: '/micro-credentials/exit-tickets/feedback', href: '/micro-credentials/exit-tickets/feedback' },
    ]);
  });

  it('leaves a full stop after the address out of the link, and keeps a query', () => {
    expect(noticeBodyParts('See https://microcred.example.org/badges?tab=due. Thanks.', APP)).toEqual([
      { text: 'See ' },
      { text: '/badges?tab=due', href: '/badges?tab=due' },
      { text: '. Thanks.' },
    ]);
  });

  it('never links out of the app: another site, or the same host on another port or scheme, stays text', () => {
    for (const body of ['Read https://evil.example.com/microcred.example.org', 'Read http://microcred.example.org/x', 'Read https://microcred.example.org:8443/x']) {
      expect(noticeBodyParts(body, APP)).toEqual([{ text: body }]);
    }
  });

  it('a body without addresses is one piece; an empty one none', () => {
    expect(noticeBodyParts('Your application was returned.\n\nRevise part 2.', APP)).toEqual([{ text: 'Your application was returned.\n\nRevise part 2.' }]);
    expect(noticeBodyParts('', APP)).toEqual([]);
  });
});
