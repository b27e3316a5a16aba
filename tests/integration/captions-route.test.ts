// The captions route (app/files/[id]/captions) when storage cannot give the file back: a plain 503,
// not a 500 with a stack trace.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createPublishedCredential } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { GET } from '@/app/files/[id]/captions/route';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));

beforeEach(resetDatabase);

describe('captions route', () => {
  it('answers 503 with a plain message when the captions object cannot be read from storage', async () => {
    const { mc, version } = await createPublishedCredential();
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
    const file = await db.evidenceFile.create({
      data: { attemptId: attempt.id, partId: version.parts[0].id, ownerId: teacher.id, storageKey: `evidence/missing-${Date.now()}`, fileName: 'lesson.vtt', declaredType: 'text/vtt', detectedType: 'text/vtt', sizeBytes: 100n, status: 'UPLOADED' },
    });
    session.actor = teacher;
    const res = await GET(new NextRequest(`http://localhost/files/${file.id}/captions`), { params: Promise.resolve({ id: file.id }) });
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(body).toMatch(/captions cannot be loaded right now/i);
    expect(body).not.toMatch(/Error:|at .*\(/);

    // Someone else gets a 404, never the storage message.
    session.actor = await createActor();
    expect((await GET(new NextRequest(`http://localhost/files/${file.id}/captions`), { params: Promise.resolve({ id: file.id }) })).status).toBe(404);
  });
});
