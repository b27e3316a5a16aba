// What became of an invitation, said in the one live region: a success, a link to pass on, or (the
// organisation was made but its first admin could not be invited) a warning with a link to the
// page where they can be invited.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { InvitationOutcome } from '@/components/admin/invitation-outcome';

const render = (props: Parameters<typeof InvitationOutcome>[0]) => renderToStaticMarkup(createElement(InvitationOutcome, props));

describe('the invitation outcome', () => {
  it('is a success when the invitation went, with nothing to follow up', () => {
    const html = render({ message: 'Cedar County created, and its first leader invited by email.' });
    expect(html).toContain('role="status"');
    expect(html).not.toContain('<a ');
    expect(html).toMatch(/success|green|emerald/);
  });

  it('is a warning with a link to the people page when the first leader could not be invited', () => {
    const html = render({ message: 'Cedar County was created, but its first leader could not be invited.', link: null, followUp: { href: '/district/people?district=d1', text: 'Open Cedar County’s people page' } });
    expect(html).toContain('href="/district/people?district=d1"');
    expect(html).toContain('Open Cedar County’s people page');
    expect(html).not.toMatch(/emerald|green/);
  });
});
