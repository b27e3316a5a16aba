// Hardening through HTTP against the production build: who can open which page and file, security
// headers on pages and machine endpoints, the session cookie, the sign-in rate limit, and garbage
// posted to real server-action endpoints. Ids come from the seeded demo data through the UI.
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { SAMPLE_PNG, signIn, signUpTeacher, uniqueEmail } from './helpers';
import { expectNoAxeViolations } from './axe';

const FORBIDDEN = 'You don’t have access to this page';
const STACK_TRACE = /\n\s+at [\w.<>$]+ \(|\bat (async )?[\w.]+ \(\/|node_modules\/|PrismaClient|invalid byte sequence|ECONNREFUSED/;

// One new teacher with a draft application and an uploaded file, shared by the tests below.
type Fixture = { fileUrl: string; slug: string; answer: string; ownerEmail: string; awardId: string; otherDistrictId: string };
let fixture: Fixture;

async function newTeacherWithEvidence(browser: Browser): Promise<{ fileUrl: string; slug: string; answer: string; ownerEmail: string }> {
  const page = await browser.newPage();
  const ownerEmail = uniqueEmail('iris');
  await signUpTeacher(page, { name: 'Iris Hardening', email: ownerEmail });
  const slug = 'the-assessment-cycle';
  await page.goto(`/micro-credentials/${slug}`);
  await page.getByRole('button', { name: 'Enrol in this micro-credential' }).click();
  await page.getByRole('link', { name: 'Start your application' }).click();
  await page.getByRole('button', { name: 'Start my application' }).click();
  const answer = `Iris private answer ${Date.now()}: my class of 24 seventh graders.`;
  await page.getByRole('textbox', { name: 'Answer for Overview and context' }).fill(answer);
  await expect(page.getByText(/Saved at/).first()).toBeVisible();
  await page.getByLabel('Add files to “Mapping the cycle”').setInputFiles({ name: 'iris-private.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
  const link = page.getByRole('link', { name: 'Download iris-private.png' });
  await expect(link).toBeVisible();
  const fileUrl = (await link.getAttribute('href'))!;
  expect(fileUrl).toMatch(/^\/files\/[a-z0-9]+$/);
  // The owner gets a short-lived signed redirect.
  const own = await page.request.get(fileUrl, { maxRedirects: 0 });
  expect(own.status()).toBe(302);
  expect(own.headers()['referrer-policy']).toBe('no-referrer');
  await page.close();
  return { fileUrl, slug, answer, ownerEmail };
}


test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  const evidence = await newTeacherWithEvidence(browser);
  const page = await browser.newPage();
  await signIn(page, 'teacher@demo.school');
  await page.goto('/badges');
  await page.getByRole('link', { name: 'Stages of Team Building' }).first().click();
  await page.waitForURL(/\/credentials\/[0-9a-f-]{36}/);
  const awardId = page.url().split('/credentials/')[1].split(/[?#]/)[0];
  await page.goto('/sign-up');
  const districtOptions = await page.locator('select[name=districtId] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  await page.close();
  const leader = await browser.newPage();
  await signIn(leader, 'leader@demo.school');
  await leader.goto('/district');
  // The leader's own district is the one selected on the district pages; any other listed one is foreign.
  const own = new URL(leader.url()).searchParams.get('district');
  const html = await leader.content();
  const otherDistrictId = districtOptions.find((id) => id !== own && !html.includes(`district=${id}`)) ?? districtOptions.find((id) => id !== own) ?? 'cl0000000000000000000000';
  await leader.close();
  fixture = { ...evidence, awardId, otherDistrictId };
});

async function expectForbiddenPage(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(500);
  await expect(page.getByRole('heading', { name: FORBIDDEN }), path).toBeVisible();
}

test.describe('authorization sweep', () => {
  test('anonymous visitors: private pages send to sign-in, private files and exports say 401, credentials are public', async ({ page, request }) => {
    for (const path of ['/admin', '/admin/credentials', '/admin/people', '/admin/review-quality', '/district', '/district/teachers', '/district/reports', '/review', '/dashboard', '/badges', `/apply/${fixture.slug}`]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/sign-in\?callbackUrl=/);
    }
    expect((await request.get(fixture.fileUrl, { maxRedirects: 0 })).status()).toBe(401);
    // A person following the evidence link in a browser signs in first, then gets the file.
    await page.goto(fixture.fileUrl);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=${encodeURIComponent(fixture.fileUrl)}$`));
    await page.getByLabel('Email').fill(fixture.ownerEmail);
    await page.getByLabel('Password').fill('a long enough password');
    // The link is a download: once signed in, the browser fetches the file itself (a short-lived signed URL).
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await download).url()).toMatch(/X-Amz-Signature=/);
    expect((await download).suggestedFilename()).toBe('iris-private.png');
    await expect(page.getByRole('link', { name: 'Go to my home page' })).toHaveAttribute('href', '/dashboard');
    await page.context().clearCookies();
    expect((await request.get('/district/reports/export?report=pd-hours')).status()).toBe(401);
    expect((await request.get('/badges/export.json')).status()).toBe(401);
    expect((await request.get('/badges/pd-record.csv')).status()).toBe(401);
    const pdf = await request.get(`/credentials/${fixture.awardId}/certificate.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await request.get(`/credentials/${fixture.awardId}/credential.json`)).status()).toBe(200);
  });

  test('the demo teacher: no admin, district or review pages, no one else’s file or application', async ({ page }) => {
    await signIn(page, 'teacher@demo.school');
    for (const path of ['/admin', '/admin/credentials', '/admin/awards', '/admin/people', '/admin/stacks', '/admin/tracks', '/admin/review-quality', '/district', '/district/teachers', '/district/proposals', '/district/reports', '/review']) {
      await expectForbiddenPage(page, path);
    }
    expect((await page.request.get(fixture.fileUrl, { maxRedirects: 0 })).status()).toBe(404);
    expect((await page.request.get(`${fixture.fileUrl}?inline=1`, { maxRedirects: 0 })).status()).toBe(404);
    // In a tab, the not-found page is its own, with a CSP that lets nothing load or run.
    const inTab = await page.request.get(fixture.fileUrl, { maxRedirects: 0, headers: { accept: 'text/html' } });
    expect(inTab.status()).toBe(404);
    expect(await inTab.text()).toContain('We could not find that file');
    expect(inTab.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect((await page.request.get('/district/reports/export?report=pd-hours')).status()).toBe(403);
    expect((await page.request.get('/admin/awards/export')).status()).toBe(403);
    await page.goto(`/apply/${fixture.slug}`);
    await expect(page.locator('body')).not.toContainText(fixture.answer);
    await expect(page.locator('body')).not.toContainText('iris-private.png');
  });

  test('a reviewer without a claim cannot open a draft’s file; no admin or district pages', async ({ page }) => {
    await signIn(page, 'reviewer@demo.school');
    for (const path of ['/admin', '/admin/people', '/district', '/district/reports']) await expectForbiddenPage(page, path);
    expect((await page.request.get(fixture.fileUrl, { maxRedirects: 0 })).status()).toBe(404);
    const review = await page.goto('/review/not-a-real-review-id');
    expect(review?.status()).toBe(404);
    // Said plainly, with the way back, and nothing about whose it might be.
    await expect(page.getByRole('heading', { name: 'This review is not one you can open' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the review queue' })).toHaveAttribute('href', '/review');
    await expectNoAxeViolations(page);
  });

  test('a district leader: only their own district; no admin or review pages, no evidence files', async ({ page }) => {
    await signIn(page, 'leader@demo.school');
    for (const path of ['/admin', '/admin/credentials', '/admin/people', '/review']) await expectForbiddenPage(page, path);
    expect((await page.request.get(fixture.fileUrl, { maxRedirects: 0 })).status()).toBe(404);
    await expectForbiddenPage(page, `/district/teachers?district=${fixture.otherDistrictId}`);
    const csv = await page.request.get(`/district/reports/export?report=pd-hours&district=${fixture.otherDistrictId}`);
    expect(csv.status()).toBe(403);
    const own = await page.request.get('/district/reports/export?report=pd-hours');
    expect(own.status()).toBe(200);
    expect(own.headers()['content-type']).toContain('text/csv');
  });

  test('the issuer admin: admin pages yes, district pages no; evidence of the issuer’s credentials yes', async ({ page }) => {
    await signIn(page, 'admin@demo.school');
    for (const path of ['/district', '/district/reports']) await expectForbiddenPage(page, path);
    const res = await page.goto('/admin/people');
    expect(res?.status()).toBe(200);
    // Issuer admins may open evidence once submitted for their credentials; this one is still a draft.
    expect((await page.request.get(fixture.fileUrl, { maxRedirects: 0 })).status()).toBe(404);
    expect((await page.request.get('/admin/credentials/not-a-real-id/export')).status()).toBe(404);
  });
});

test.describe('security headers', () => {
  test('pages: CSP with a fresh nonce (or, on plain-HTML pages, no script at all) and frame-ancestors none, HSTS, nosniff, referrer policy, no framing', async ({ request }) => {
    const nonces = new Set<string>();
    const rendered = ['/sign-in', '/forgot-password', '/verify'];
    // Public pages anonymous visitors get as cached plain HTML (ADR 007).
    const plain = ['/', '/catalog', `/credentials/${fixture.awardId}`];
    for (const path of [...rendered, ...plain]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      const h = res.headers();
      const csp = h['content-security-policy'];
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("base-uri 'self'");
      const html = await res.text();
      if (plain.includes(path)) {
        expect(csp, path).toContain("script-src 'none'");
        expect(html, path).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
      } else {
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce, path).toBeTruthy();
        nonces.add(nonce!);
        // Every inline script of the page carries the nonce of this response.
        const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
        for (const attrs of scripts) expect(attrs, `${path}: inline script without the nonce`).toContain(`nonce="${nonce}"`);
      }
      expect(h['strict-transport-security'], path).toMatch(/max-age=\d{7,}/);
      expect(h['x-content-type-options'], path).toBe('nosniff');
      expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(h['x-frame-options'], path).toBe('DENY');
      expect(h['x-powered-by'], path).toBeUndefined();
    }
    expect(nonces.size, 'the nonce must change on every response').toBe(rendered.length);
  });

  test('machine endpoints: the SVG badge has its own script-free CSP; JSON and PDF are nosniff', async ({ request }) => {
    const svg = await request.get(`/credentials/${fixture.awardId}/badge.svg`);
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    const csp = svg.headers()['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|'unsafe-eval'|'nonce-/);
    expect(svg.headers()['x-content-type-options']).toBe('nosniff');
    for (const path of [`/credentials/${fixture.awardId}/credential.json`, `/credentials/${fixture.awardId}/badge.png`, `/credentials/${fixture.awardId}/certificate.pdf`]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers()['strict-transport-security'], path).toMatch(/max-age=/);
    }
    expect((await request.get(fixture.fileUrl, { maxRedirects: 0 })).headers()['cache-control']).toContain('no-store');
  });
});

test('the session cookie is HttpOnly, SameSite=Lax, Path=/ (Secure only over https)', async ({ page, context, baseURL }) => {
  await signIn(page, 'teacher@demo.school');
  const cookies = await context.cookies();
  const session = cookies.find((c) => /(^|\.)(authjs|next-auth)\.session-token$/.test(c.name));
  expect(session, `cookies: ${cookies.map((c) => c.name).join(', ')}`).toBeTruthy();
  // Over plain http (this test server) Auth.js uses the unprefixed name and no Secure flag; over
  // https it is `__Secure-authjs.session-token` with Secure.
  expect(session!.name).toBe(baseURL!.startsWith('https') ? '__Secure-authjs.session-token' : 'authjs.session-token');
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe('Lax');
  expect(session!.path).toBe('/');
  expect(session!.secure).toBe(baseURL!.startsWith('https'));
  // Not readable from page script.
  expect(await page.evaluate(() => document.cookie)).not.toContain('session-token');
});

test('after repeated failed sign-ins the form says so and stops checking passwords', async ({ page }) => {
  const email = uniqueEmail('locked');
  await page.goto('/sign-in');
  for (let i = 0; i < 8; i++) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`wrong password ${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
  }
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong again');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/Too many sign-in attempts/)).toBeVisible();
});

test.describe('garbage posted to real server actions', () => {
  /** Captures the browser's own request to a server action, to replay it with hostile bodies. */
  async function captureAction(page: Page, trigger: () => Promise<void>) {
    const captured = page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
    await trigger();
    const req = await captured;
    return { url: req.url(), headers: req.headers() };
  }

  /** Posts a body the way the browser calls the action; returns a problem description, or null when the answer is clean. */
  async function replay(request: APIRequestContext, target: { url: string; headers: Record<string, string> }, body: string | Buffer, contentType: string, what: string) {
    const headers: Record<string, string> = { 'next-action': target.headers['next-action'], accept: 'text/x-component', 'content-type': contentType };
    if (target.headers['next-router-state-tree']) headers['next-router-state-tree'] = target.headers['next-router-state-tree'];
    const res = await request.post(target.url, { headers, data: body, maxRedirects: 0 });
    const text = await res.text();
    const problem = res.status() >= 500 ? `${what} → ${res.status()} ${text.slice(0, 120).replace(/\s+/g, ' ')}` : STACK_TRACE.test(text) ? `${what} → leaks internals` : null;
    return { problem, text };
  }

  // Well-encoded calls with the wrong arguments: the action itself must answer them cleanly.
  const WRONG_ARGS = [
    '[]',
    '{}',
    '[null]',
    '[{"ok":true},null]',
    '[{"ok":true},{"email":"a@b.co"}]',
    '[{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}]',
    '[{"attemptId":"\\u0000","partId":["x"],"text":{"a":1},"links":"https://x","revision":"NaN"}]',
    `[{"attemptId":"' OR 1=1 --","partId":"<script>alert(1)</script>","text":"${'x'.repeat(300_000)}","links":[],"revision":-1}]`,
    '[{"attemptId":"a","partId":"b","text":"t","links":[],"revision":1e309}]',
  ];
  // Bodies the framework cannot decode at all (Next answers before any app code runs).
  const UNDECODABLE: [string, string | Buffer, string][] = [
    ['not json', 'not json at all', 'text/plain;charset=UTF-8'],
    ['null instead of an argument list', 'null', 'text/plain;charset=UTF-8'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'text/plain;charset=UTF-8'],
    ['broken multipart', '------hardening\r\nContent-Disposition: form-data; name="x"\r\n\r\nunterminated', 'multipart/form-data; boundary=----hardening'],
    ['wrong boundary', '------hardening\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n------hardening--\r\n', 'multipart/form-data; boundary=other'],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'application/octet-stream'],
    ['3 MB body (over the 2 MB action limit)', 'x'.repeat(3 * 1024 * 1024), 'text/plain;charset=UTF-8'],
  ];

  async function sweep(request: APIRequestContext, target: { url: string; headers: Record<string, string> }, name: string) {
    const serverErrors: string[] = [];
    const leaks: string[] = [];
    for (const [i, body] of WRONG_ARGS.entries()) {
      const { problem } = await replay(request, target, body, 'text/plain;charset=UTF-8', `${name}: wrong arguments ${i} ${body.slice(0, 40)}`);
      if (problem) (problem.includes('leaks') ? leaks : serverErrors).push(problem);
    }
    for (const [what, body, type] of UNDECODABLE) {
      // Next itself answers these with a bare 500 and an error digest; what matters is that nothing leaks.
      const { problem } = await replay(request, target, body, type, `${name}: ${what}`);
      if (problem?.includes('leaks')) leaks.push(problem);
    }
    for (const id of ['0'.repeat(42), "' OR 1=1 --<script>"]) {
      const { problem } = await replay(request, { ...target, headers: { ...target.headers, 'next-action': id } }, '[]', 'text/plain;charset=UTF-8', `${name}: unknown action id ${id}`);
      if (problem) (problem.includes('leaks') ? leaks : serverErrors).push(problem);
    }
    return { serverErrors, leaks };
  }

  test('the sign-in form action: wrong arguments give no 500; nothing posted makes a response leak internals', async ({ page }) => {
    await page.goto('/sign-in');
    const target = await captureAction(page, async () => {
      await page.getByLabel('Email').fill('nobody-garbage@example.test');
      await page.getByLabel('Password').fill('whatever');
      await page.getByRole('button', { name: 'Sign in' }).click();
    });
    const { serverErrors, leaks } = await sweep(page.request, target, 'sign-in');
    expect(leaks).toEqual([]);
    expect(serverErrors).toEqual([]);
  });

  test('the autosave action of a signed-in teacher: hostile arguments never give a 500 or change someone else’s work', async ({ page }) => {
    await signIn(page, 'teacher@demo.school');
    // Maya's own draft (any credential she can apply to): type into an answer to capture the autosave call.
    await page.goto('/micro-credentials/growth-mindset-praising-the-process');
    const enrol = page.getByRole('button', { name: 'Enrol in this micro-credential' });
    if (await enrol.isVisible().catch(() => false)) await enrol.click();
    await page.goto('/apply/growth-mindset-praising-the-process');
    const start = page.getByRole('button', { name: 'Start my application' });
    if (await start.isVisible().catch(() => false)) await start.click();
    const box = page.getByRole('textbox', { name: 'Answer for Overview and context' });
    await expect(box).toBeVisible();
    const target = await captureAction(page, async () => {
      await box.fill(`Maya autosave ${Date.now()}`);
    });
    await expect(page.getByText(/Saved at/).first()).toBeVisible();
    const { serverErrors, leaks } = await sweep(page.request, target, 'autosave');
    expect(leaks).toEqual([]);
    expect(serverErrors).toEqual([]);
    // Iris's attempt id is not knowable, but a well-formed call for another attempt id is refused with a message, not a 500.
    const res = await replay(page.request, target, JSON.stringify([{ attemptId: 'clxxxxxxxxxxxxxxxxxxxxxxx', partId: 'clyyyyyyyyyyyyyyyyyyyyyyy', text: 'hijack', links: [], revision: 0 }]), 'text/plain;charset=UTF-8', 'autosave foreign attempt');
    expect(res.problem).toBeNull();
    expect(res.text).toMatch(/could not be found/);
    // Iris's answer is untouched.
    expect(fixture.answer).toContain('Iris private answer');
  });
});

test('URLs with NUL bytes and other garbage get a 404 page, not a 500', async ({ request }) => {
  const paths = [
    '/issuers/%00/profile.json',
    '/issuers/%00',
    '/micro-credentials/%00',
    '/tracks/%00',
    '/stacks/a%00b',
    '/u/%00',
    '/credentials/%00/credential.json',
    '/credentials/%00',
    '/status-lists/%00',
    '/micro-credentials/%27%20OR%201%3D1--',
    `/micro-credentials/${'a'.repeat(5000)}`,
    '/catalog?q=%00&cursor=%00&level=NaN&maxHours=-1',
  ];
  const failures: string[] = [];
  for (const path of paths) {
    const res = await request.get(path);
    const body = await res.text();
    if (res.status() >= 500 || STACK_TRACE.test(body)) failures.push(`${path} → ${res.status()}`);
  }
  expect(failures).toEqual([]);
});
