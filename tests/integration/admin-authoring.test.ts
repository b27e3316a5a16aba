import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, sampleDefinition } from '../factories';
import { createMicroCredential, publishMicroCredential, retireMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { getCredentialForEdit, listAdminCredentials, loadDefinition, describeVersions } from '@/lib/authoring/queries';
import { createIssuerTrack, publishTrack, retireTrack, updateTrack } from '@/lib/authoring/tracks';
import { createIssuerStack, publishStack, retireStack, STACK_PARTS_LOCKED, updateStack } from '@/lib/authoring/stacks';
import { checkImport, exportAchievement, exportCredential, importCredential } from '@/lib/authoring/import-export';
import { confirmBadgeUpload, requestBadgeUpload } from '@/lib/authoring/badge-image';
import { getObjectBytes, headObject, putObject } from '@/lib/storage/s3';
import { startApplication } from '@/lib/submissions/mutations';
import { searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import { SAMPLE_PDF, SAMPLE_PNG } from '../factories';

const search = (q: Record<string, string>) => searchCatalog(CatalogSearchInput.parse(q));

/** The track's last save, as an edit page opened now sends it back (updateTrack refuses a save on top of a newer one). */
const seenTrack = async (id: string) => (await db.track.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;
/** The stack's last save, as an edit page opened now sends it back (updateStack refuses a save on top of a newer one). */
const seenStack = async (id: string) => (await db.stack.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;

beforeEach(resetDatabase);

describe('credential versioning', () => {
  it('editing a published credential creates version n+1 and an in-flight submission keeps its version', async () => {
    const { admin, mc, version } = await createPublishedCredential({ def: { title: 'Questioning Strategies' } });
    const teacher = await createActor();
    const submission = await startApplication({ actor: teacher, microCredentialId: mc.id });

    const edited = { ...(await loadDefinition(version.id)).def, title: 'Questioning Strategies (revised)', pdHours: 12 };
    const { versionId: v2 } = await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: edited });
    expect(v2).not.toBe(version.id);

    const versions = await db.microCredentialVersion.findMany({ where: { microCredentialId: mc.id }, orderBy: { version: 'asc' }, select: { id: true, version: true, status: true, title: true } });
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, 'PUBLISHED'], [2, 'DRAFT']]);
    expect(describeVersions([...versions].reverse(), 'PUBLISHED')).toBe('Version 2 — draft; version 1 published');
    // The draft is invisible to teachers: the catalogue still shows version 1.
    expect((await search({ q: 'revised' })).items).toHaveLength(0);

    // Saving the draft again rewrites it in place: still two versions.
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: { ...edited, summary: 'A clearer summary for the revised version.' } });
    expect(await db.microCredentialVersion.count({ where: { microCredentialId: mc.id } })).toBe(2);

    await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
    const after = await db.microCredentialVersion.findMany({ where: { microCredentialId: mc.id }, orderBy: { version: 'asc' }, select: { status: true } });
    expect(after.map((v) => v.status)).toEqual(['SUPERSEDED', 'PUBLISHED']);
    const sub = await db.submission.findUniqueOrThrow({ where: { id: submission.id }, select: { versionId: true } });
    expect(sub.versionId).toBe(version.id);
    expect((await search({ q: 'revised' })).items.map((i) => i.slug)).toEqual([mc.slug]);

    // A new teacher starts on version 2.
    const other = await createActor();
    const s2 = await startApplication({ actor: other, microCredentialId: mc.id });
    expect((await db.submission.findUniqueOrThrow({ where: { id: s2.id } })).versionId).toBe(v2);
  });

  it('round-trips every field through the editor format', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const def = sampleDefinition({
      expiryMonths: 36,
      alignments: [{ targetName: 'ISTE 2.5', targetUrl: 'https://iste.org/standards/educators', targetCode: '2.5b', targetFramework: 'ISTE' }],
      resources: [{ kind: 'VIDEO', title: 'Watch', url: 'https://example.org/v', body: 'Notes', minutes: 12 }],
      rubric: {
        levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
        criteria: [
          { title: 'Context', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] },
          { title: 'Whole', descriptors: ['a', 'b', 'c', 'd'] },
        ],
        passingRule: { kind: 'TOTAL_AT_LEAST', levelRank: 1, total: 4 },
      },
    });
    const mc = await createMicroCredential({ actor: admin, issuerId: issuer.id, def });
    const loaded = await loadDefinition(mc.versionId);
    expect(loaded.def.rubric.passingRule).toEqual({ kind: 'TOTAL_AT_LEAST', levelRank: 1, total: 4 });
    expect(loaded.def.rubric.criteria[0].partIndex).toBe(0);
    expect(loaded.def.rubric.criteria[1].partIndex).toBeUndefined();
    expect(loaded.def.parts[1]).toMatchObject({ responseType: 'FILES', allowedTypes: ['pdf', 'image'], maxFileBytes: 10 * 1024 * 1024, maxFiles: 3 });
    expect(loaded.def.alignments[0]).toEqual({ targetName: 'ISTE 2.5', targetUrl: 'https://iste.org/standards/educators', targetCode: '2.5b', targetFramework: 'ISTE' });
    expect(loaded.def.expiryMonths).toBe(36);
  });
});

describe('publishing rules', () => {
  it('cannot publish a version without parts or rubric', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const mc = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition() });
    // The definition schema already refuses an empty part list or rubric…
    await expect(saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: sampleDefinition({ parts: [] }) })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { parts: expect.any(Array) } });
    // …and publish checks the stored rows too (e.g. a row-level edit left them empty).
    await db.rubricCriterion.deleteMany({ where: { versionId: mc.versionId } });
    await expect(publishMicroCredential({ actor: admin, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await db.microCredential.findUniqueOrThrow({ where: { id: mc.id } })).status).toBe('DRAFT');
  });

  it('retiring removes the credential from catalogue search', async () => {
    const { admin, mc } = await createPublishedCredential({ def: { title: 'Socratic Seminars', competency: 'The educator runs Socratic seminars.' } });
    expect((await search({ q: 'socratic' })).items.map((i) => i.slug)).toEqual([mc.slug]);
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect((await search({ q: 'socratic' })).items).toHaveLength(0);
    expect((await search({})).items.find((i) => i.slug === mc.slug)).toBeUndefined();
  });
});

describe('tracks and stacks', () => {
  it('creates, extends, publishes and retires a track in the catalogue', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential();
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin });
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: { slug: 'feedback-track', title: 'Feedback track', summary: 'Two levels of feedback.', topic: 'Assessment', levels: [a.slug] } });
    await expect(publishTrack({ actor: admin, trackId: track.id })).resolves.toBeUndefined();
    expect((await search({ kind: 'TRACK' })).items.map((i) => i.slug)).toEqual(['feedback-track']);

    // A published level keeps its place (tests/integration/track-levels.test.ts): the new one goes after it.
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: { slug: 'feedback-track', title: 'Feedback track', summary: 'Two levels of feedback.', topic: 'Assessment', levels: [a.slug, b.slug] } });
    const levels = await db.microCredential.findMany({ where: { trackId: track.id }, orderBy: { level: 'asc' }, select: { slug: true } });
    expect(levels.map((l) => l.slug)).toEqual([a.slug, b.slug]);
    const entry = await db.catalogEntry.findFirstOrThrow({ where: { kind: 'TRACK', refId: track.id } });
    expect(Number(entry.pdHours)).toBe(20);

    await retireTrack({ actor: admin, trackId: track.id });
    expect((await search({ kind: 'TRACK' })).items).toHaveLength(0);
    expect(await db.auditLog.count({ where: { entityId: track.id, action: { in: ['track.create', 'track.edit', 'track.publish', 'track.retire'] } } })).toBe(4);
  });

  it('publishes a stack only when every member is published, and tags members with it', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential();
    const draft = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition() });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'assessment-stack', title: 'Assessment stack', summary: 'All about assessment.', microCredentials: [a.slug, draft.slug] } });
    await expect(publishStack({ actor: admin, stackId: stack.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await publishMicroCredential({ actor: admin, microCredentialId: draft.id });
    await publishStack({ actor: admin, stackId: stack.id });
    expect((await search({ stack: 'assessment-stack' })).items.map((i) => i.slug).sort()).toEqual(['assessment-stack', a.slug, draft.slug].sort());

    // Its badges are built on its parts, so they stay (tests/integration/stack-parts-locked.test.ts).
    const { mc: c } = await createPublishedCredential({ issuerId: issuer.id, admin });
    await expect(updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: await seenStack(stack.id), def: { slug: 'assessment-stack', title: 'Assessment stack', summary: 'All about assessment.', microCredentials: [a.slug, c.slug] } })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { microCredentials: [STACK_PARTS_LOCKED] } });
    const tagged = (await search({ stack: 'assessment-stack', kind: 'MICRO_CREDENTIAL' })).items.map((i) => i.slug).sort();
    expect(tagged).toEqual([a.slug, draft.slug].sort());

    await retireStack({ actor: admin, stackId: stack.id });
    expect((await search({ stack: 'assessment-stack' })).items).toHaveLength(0);
  });
});

describe('import and export', () => {
  it('exports the definition and an OB 3.0 Achievement, and re-imports it as a draft', async () => {
    const { issuer, admin, mc } = await createPublishedCredential({ def: { title: 'Exit Tickets', pdHours: 7.5 } });
    const out = await exportCredential({ actor: admin, microCredentialId: mc.id });
    const { achievement } = await exportAchievement({ actor: admin, microCredentialId: mc.id });
    expect(achievement).toMatchObject({ type: ['Achievement'], name: 'Exit Tickets', achievementType: 'MicroCredential', creditsAvailable: 7.5 });
    expect(achievement.criteria.narrative).toContain('“Demonstrated” or higher');
    // Named as issued badges name it: the version's own page and its rubric.
    expect(achievement.id).toMatch(new RegExp(`/micro-credentials/${mc.slug}/versions/\\d+$`));
    expect(achievement.criteria.id).toMatch(new RegExp(`/micro-credentials/${mc.slug}/versions/\\d+#rubric$`));

    const json = JSON.stringify(out);
    // Same slug: refused with a field error and nothing created.
    await expect(importCredential({ actor: admin, issuerId: issuer.id, json })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { slug: expect.any(Array) } });
    const copy = await importCredential({ actor: admin, issuerId: issuer.id, json, slug: 'exit-tickets-copy' });
    const copied = await db.microCredential.findUniqueOrThrow({ where: { id: copy.id }, select: { status: true } });
    expect(copied.status).toBe('DRAFT');
    const reExported = await exportCredential({ actor: admin, microCredentialId: copy.id });
    expect({ ...reExported.definition, slug: out.definition.slug }).toEqual(out.definition);
  });

  it('reports every problem in an invalid file and imports nothing', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    expect(checkImport('{not json')).toMatchObject({ ok: false });
    const bad = checkImport(JSON.stringify({ ...sampleDefinition(), title: '', parts: [{ title: 'x', prompt: 'y', responseType: 'FILES' }] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(['title', 'parts.0.allowedTypes']));
    await expect(importCredential({ actor: admin, issuerId: issuer.id, json: JSON.stringify({ title: '' }) })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.microCredential.count()).toBe(0);
  });
});

describe('badge image', () => {
  it('keeps a checked copy of a PNG uploaded to the issuer’s upload key and rejects anything else', async () => {
    const { issuer, admin, mc, version } = await createPublishedCredential();
    const ticket = await requestBadgeUpload({ actor: admin, issuerId: issuer.id, size: SAMPLE_PNG.length });
    expect(ticket.url).toMatch(/^http/);
    // The browser sends the picture under uploads/ (expired by the bucket's rule), never to where it is kept.
    expect(ticket.key).toMatch(new RegExp(`^uploads/badges/${issuer.id}/[0-9a-f]{32}\\.png$`));
    await putObject(ticket.key, SAMPLE_PNG, 'image/png');
    const picture = await confirmBadgeUpload({ actor: admin, issuerId: issuer.id, key: ticket.key });
    expect(picture.key).toMatch(new RegExp(`^badges/${issuer.id}/[0-9a-f]{32}\\.png$`));
    expect(Buffer.from(await getObjectBytes(picture.key)).equals(Buffer.from(SAMPLE_PNG))).toBe(true);
    expect(await headObject(ticket.key)).toBeNull();

    // Saved with the definition, as the editor does: a published version is never changed in place,
    // the save makes a new draft that shows the picture.
    const publishedKey = (await loadDefinition(version.id)).badgeImageKey;
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: (await loadDefinition(version.id)).def, badgeImageKey: picture.key });
    expect((await loadDefinition(version.id)).badgeImageKey).toBe(publishedKey);
    const edit = await getCredentialForEdit({ actor: admin, microCredentialId: mc.id });
    expect(edit.latest?.id).not.toBe(version.id);
    expect(edit.badgeImageKey).toBe(picture.key);

    const pdf = await requestBadgeUpload({ actor: admin, issuerId: issuer.id, size: SAMPLE_PDF.length });
    await putObject(pdf.key, SAMPLE_PDF, 'image/png');
    await expect(confirmBadgeUpload({ actor: admin, issuerId: issuer.id, key: pdf.key })).rejects.toMatchObject({ code: 'VALIDATION', message: 'The badge image must be a PNG.' });
    // Nothing of a refused picture stays: neither the upload nor a copy waiting to be saved.
    expect(await headObject(pdf.key)).toBeNull();
    expect(await db.job.count({ where: { type: 'storage.delete-objects', completedAt: null } })).toBe(0);
    const otherIssuer = await createOrg({ kind: 'ISSUER' });
    await expect(confirmBadgeUpload({ actor: admin, issuerId: issuer.id, key: ticket.key.replace(issuer.id, otherIssuer.id) })).rejects.toMatchObject({ code: 'VALIDATION' });
    // A kept picture's own key is not an upload key.
    await expect(confirmBadgeUpload({ actor: admin, issuerId: issuer.id, key: picture.key })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('authorization', () => {
  it('denies an admin of another issuer and a teacher', async () => {
    const { issuer, mc } = await createPublishedCredential();
    const otherIssuer = await createOrg({ kind: 'ISSUER' });
    const outsider = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
    const teacher = await createActor();
    for (const actor of [outsider, teacher]) {
      await expect(saveMicroCredentialDraft({ actor, microCredentialId: mc.id, def: sampleDefinition() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(publishMicroCredential({ actor, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(retireMicroCredential({ actor, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getCredentialForEdit({ actor, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(exportCredential({ actor, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(importCredential({ actor, issuerId: issuer.id, json: JSON.stringify(sampleDefinition()) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(requestBadgeUpload({ actor, issuerId: issuer.id, size: 100 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(createIssuerTrack({ actor, issuerId: issuer.id, def: { slug: 'x-track', title: 'T', summary: 'S', topic: 'T' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const list = await listAdminCredentials({ actor, issuerIds: [issuer.id] });
      expect(list.items).toHaveLength(0);
    }
  });
});
