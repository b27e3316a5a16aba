'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { requireActor } from '@/lib/auth/session';
import { MicroCredentialDraft, RepublishCredentialInput } from '@/lib/authoring/schemas';
import { createMicroCredential, deleteDraftMicroCredential, publishMicroCredential, republishMicroCredential, retireMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { confirmBadgeUpload, requestBadgeUpload } from '@/lib/authoring/badge-image';
import { importCredential } from '@/lib/authoring/import-export';
import { formDataToObject, parseInput, toActionError, zodFieldErrors, type ActionResult } from '@/lib/action-result';

// NUL (U+0000) cannot reach Postgres: it is dropped before the id is used.
const Id = str().min(1).max(40);

const SaveInput = z.object({
  issuerId: Id.optional(),
  microCredentialId: Id.optional(),
  def: z.unknown(),
  // No picture is null: an empty key is not stored as one (it would pass as "unchanged" unchecked).
  badgeImageKey: z.string().max(200).nullable().transform((key) => key || null),
  // The newest version as the editor loaded (or last saved) it: a save over someone else's newer
  // save or publish is refused instead of overwriting it.
  expected: z.object({ versionId: Id, updatedAt: z.coerce.date() }).nullable().optional(),
});

/** `missing`: what the saved draft still needs before it can be published (empty when nothing). */
type Saved = { id: string; versionId: string; savedAt: string; missing: Record<string, string[]> };

/**
 * Saves the editor's definition: a new credential, a draft rewrite, or a new draft version of a
 * published one. Work in progress is saved as it is (checked as a draft: what is given must be
 * valid, but it may be unfinished); publishing checks that it is complete.
 */
export async function saveCredentialAction(input: z.input<typeof SaveInput>): Promise<ActionResult<Saved>> {
  const shape = SaveInput.safeParse(input);
  if (!shape.success) return { ok: false, formError: 'The form could not be read. Reload the page; your work is kept in this browser.' };
  const def = MicroCredentialDraft.safeParse(shape.data.def);
  // An empty PD-hours box is refused by the schema (never saved as 0).
  if (!def.success) return { ok: false, formError: 'Some fields need attention. Nothing was saved yet; your work is kept.', fieldErrors: zodFieldErrors(def.error) };
  let saved: Saved;
  try {
    const actor = await requireActor();
    // The badge image (a checked copy, lib/authoring/badge-image.ts) is adopted with the definition, in
    // one transaction: a refused image leaves nothing behind (no orphan credential holding the
    // address), so a retry works.
    if (shape.data.microCredentialId) {
      const id = shape.data.microCredentialId;
      const r = await saveMicroCredentialDraft({ actor, microCredentialId: id, def: def.data, badgeImageKey: shape.data.badgeImageKey, expected: shape.data.expected ?? null, allowIncomplete: true });
      saved = { id, versionId: r.versionId, savedAt: r.updatedAt.toISOString(), missing: r.missing };
    } else {
      if (!shape.data.issuerId) return { ok: false, formError: 'Choose the issuing organisation.', fieldErrors: { issuerId: ['Choose the issuing organisation.'] } };
      const r = await createMicroCredential({ actor, issuerId: shape.data.issuerId, def: def.data, badgeImageKey: shape.data.badgeImageKey, allowIncomplete: true });
      saved = { id: r.id, versionId: r.versionId, savedAt: r.updatedAt.toISOString(), missing: r.missing };
    }
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/credentials');
  revalidatePath(`/admin/credentials/${saved.id}/edit`);
  return { ok: true, data: saved, message: Object.keys(saved.missing).length ? 'Draft saved. Before you can publish, fill in what is listed.' : 'Draft saved.' };
}

const PublishInput = z.object({
  microCredentialId: Id,
  // The newest version as the editor loaded or last saved it (as for a save): publishing refuses if
  // someone else saved or published since, so nothing goes live that the publisher has not seen.
  expected: z.object({ versionId: Id, updatedAt: z.coerce.date() }),
});

export async function publishCredentialAction(input: z.input<typeof PublishInput>): Promise<ActionResult<{ versionId: string; savedAt: string }>> {
  const parsed = PublishInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: 'This page is out of date. Reload it, then choose Publish. Nothing was published.' };
  const id = parsed.data.microCredentialId;
  let published: Awaited<ReturnType<typeof publishMicroCredential>>;
  try {
    const actor = await requireActor();
    published = await publishMicroCredential({ actor, microCredentialId: id, expected: parsed.data.expected });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/credentials');
  revalidatePath(`/admin/credentials/${id}/edit`);
  revalidatePath('/catalog');
  return { ok: true, data: { versionId: published.versionId, savedAt: published.updatedAt.toISOString() }, message: `Version ${published.version} is published and in the catalogue.${
    published.rubricChanged
      ? ' Its rubric changed: score the calibration samples again on the new rubric (Calibration), and reviewers will calibrate again before scoring.'
      : ''
  }` };
}

export async function retireCredentialAction(microCredentialId: string): Promise<ActionResult> {
  const id = Id.safeParse(microCredentialId);
  if (!id.success) return { ok: false, formError: 'Unknown credential.' };
  try {
    const actor = await requireActor();
    await retireMicroCredential({ actor, microCredentialId: id.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/credentials');
  revalidatePath(`/admin/credentials/${id.data}/edit`);
  revalidatePath('/catalog');
  return { ok: true, message: 'Retired: it is no longer in the catalogue. Teachers already working on it can finish. You can publish it again later from this page.' };
}

/** Deletes a never-published draft, then goes back to the list, which says so. */
export async function deleteDraftCredentialAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const id = Id.safeParse(formData.get('microCredentialId'));
  if (!id.success) return { ok: false, formError: 'Unknown credential.' };
  try {
    const actor = await requireActor();
    await deleteDraftMicroCredential({ actor, microCredentialId: id.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/credentials');
  revalidatePath('/admin');
  redirect('/admin/credentials?deleted=1');
}

/** "Publish again": a retired credential goes back in the catalogue with its last published version. */
export async function republishCredentialAction(input: z.input<typeof RepublishCredentialInput>): Promise<ActionResult<{ versionId: string; savedAt: string }>> {
  const parsed = RepublishCredentialInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: 'The form could not be read. Reload the page and try again.' };
  let published: { versionId: string; version: number; updatedAt: Date };
  try {
    const actor = await requireActor();
    published = await republishMicroCredential({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  const id = parsed.data.microCredentialId;
  revalidatePath('/admin/credentials');
  revalidatePath(`/admin/credentials/${id}/edit`);
  revalidatePath('/catalog');
  return {
    ok: true,
    data: { versionId: published.versionId, savedAt: published.updatedAt.toISOString() },
    message: `Published again: version ${published.version} is back in the catalogue at the same address. Teachers can enrol again.`,
  };
}

export async function requestBadgeUploadAction(input: { issuerId: string; size: number }): Promise<ActionResult<{ key: string; url: string }>> {
  const parsed = z.object({ issuerId: Id, size: z.number().int().positive() }).safeParse(input);
  if (!parsed.success) return { ok: false, formError: 'The image could not be read.' };
  try {
    const actor = await requireActor();
    return { ok: true, data: await requestBadgeUpload({ actor, ...parsed.data }) };
  } catch (e) {
    return toActionError(e);
  }
}

/**
 * After the browser's PUT to the upload key: the server checks the upload, copies it to the badge's
 * own key and checks the copy. `key` in the answer is that copy, which the form then saves.
 */
export async function confirmBadgeUploadAction(input: { issuerId: string; key: string }): Promise<ActionResult<{ key: string; previewUrl: string }>> {
  const parsed = z.object({ issuerId: Id, key: z.string().max(200) }).safeParse(input);
  if (!parsed.success) return { ok: false, formError: 'The image could not be read.' };
  try {
    const actor = await requireActor();
    return { ok: true, data: await confirmBadgeUpload({ actor, ...parsed.data }) };
  } catch (e) {
    return toActionError(e);
  }
}

const ImportInput = z.object({
  issuerId: Id,
  json: z.string().max(1_100_000).default(''),
  slug: z.string().trim().max(80).optional().transform((v) => (v ? v : undefined)),
});

export async function importCredentialAction(_prev: ActionResult<{ id: string }>, formData: FormData): Promise<ActionResult<{ id: string }>> {
  const raw = formDataToObject(formData);
  const file = formData.get('file');
  if (file instanceof File && file.size > 0) {
    if (file.size > 1024 * 1024) return { ok: false, formError: 'That file is larger than 1 MB; a credential definition is much smaller.' };
    raw.json = await file.text();
  }
  delete raw.file;
  const parsed = parseInput(ImportInput, raw);
  if (!parsed.ok) return parsed.result;
  if (!parsed.data.json.trim()) return { ok: false, formError: 'Choose a JSON file or paste the definition.', fieldErrors: { json: ['Choose a JSON file or paste the definition.'] } };
  let id: string;
  try {
    const actor = await requireActor();
    id = (await importCredential({ actor, issuerId: parsed.data.issuerId, json: parsed.data.json, slug: parsed.data.slug })).id;
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/credentials');
  return { ok: true, data: { id }, message: 'Imported as a draft.' };
}
