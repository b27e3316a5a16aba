// Sending or renewing from a tab left open on a level the teacher has stopped working on enrols
// them again (enrolAgain), and that is now recorded as picking the level up is everywhere else
// (pickUpMicroCredential): one "enrollment.create" entry in the audit log, under the credential's
// issuer, with the track followed again. A teacher who is enrolled already gets no entry. Real
// Postgres and the real domain code.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedAward, createPublishedCredential } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { createTrack } from '@/lib/authoring/mutations';
import { enrollInMicroCredential, enrollInTrack, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { startRenewal } from '@/lib/submissions/renewal';

beforeEach(resetDatabase);

const levelStopped = async (t: Actor, microCredentialId: string) =>
  (await db.enrollment.findUniqueOrThrow({ where: { userId_microCredentialId: { userId: t.id, microCredentialId } }, select: { withdrawnAt: true } })).withdrawnAt !== null;
const trackStopped = async (t: Actor, trackId: string) =>
  (await db.enrollment.findUniqueOrThrow({ where: { userId_trackId: { userId: t.id, trackId } }, select: { withdrawnAt: true } })).withdrawnAt !== null;
const enrolmentAudits = (t: Actor, microCredentialId: string) =>
  db.auditLog.findMany({ where: { actorId: t.id, action: 'enrollment.create', entityType: 'MicroCredential', entityId: microCredentialId }, select: { organizationId: true } });

describe('enrolling again when work is sent or renewed on a stopped level', () => {
  it('sending a draft kept when the teacher stopped picks the level and its track up, recorded once', async () => {
    const { mc, issuer, admin, version } = await createPublishedCredential({ def: { ...textOnlyDefinition(), title: 'Exit Tickets' } });
    const track = await createTrack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'exit-track', title: 'Assessment', summary: 'One level.', topic: 'Assessment', levels: [mc.slug] } });
    const teacher = await createActor();
    await enrollInTrack({ actor: teacher, trackId: track.id });
    const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
    for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'Grade 7, exit tickets every lesson.', links: [], revision: 0 });
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id });
    const before = (await enrolmentAudits(teacher, mc.id)).length;

    // The submit button of a tab opened before they stopped.
    await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true });
    expect([await levelStopped(teacher, mc.id), await trackStopped(teacher, track.id)]).toEqual([false, false]);
    const after = await enrolmentAudits(teacher, mc.id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toEqual({ organizationId: issuer.id });
  });

  it('renewing: nothing recorded for a teacher still enrolled; picking a stopped renewal up again, recorded once', async () => {
    const { mc, issuer } = await createPublishedCredential({ def: textOnlyDefinition() });
    const teacher = await createActor();
    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    await createEarnedAward(teacher, mc, { level: null, issuedAt: '2024-01-01T00:00:00Z', validUntil: new Date('2025-01-01T00:00:00Z') });
    const enrolled = (await enrolmentAudits(teacher, mc.id)).length;

    // Enrolled all along: the renewal opens (openApplication) with no enrolment entry.
    const renewal = await startRenewal({ actor: teacher, microCredentialId: mc.id });
    expect(await enrolmentAudits(teacher, mc.id)).toHaveLength(enrolled);

    // Stopped, then "Renew" pressed again (My badges): the renewal is theirs again, and that is recorded.
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id });
    expect(await startRenewal({ actor: teacher, microCredentialId: mc.id })).toEqual(renewal);
    expect(await levelStopped(teacher, mc.id)).toBe(false);
    const after = await enrolmentAudits(teacher, mc.id);
    expect(after).toHaveLength(enrolled + 1);
    expect(after.at(-1)).toEqual({ organizationId: issuer.id });
    // Pressed once more: enrolled already, nothing more recorded.
    await startRenewal({ actor: teacher, microCredentialId: mc.id });
    expect(await enrolmentAudits(teacher, mc.id)).toHaveLength(enrolled + 1);
  });
});
