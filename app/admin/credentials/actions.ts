'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { requireActor } from '@/lib/auth/session';
import { MicroCredentialDef } from '@/lib/authoring/schemas';
import { createMicroCredential, publishMicroCredential, retireMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { requestBadgeUpload, setBadgeImage, verifyBadgeObject } from '@/lib/authoring/badge-image';
import { importCredential } from '@/lib/authoring/import-export';
import { formDataToObject, parseInput, toActionError, zodFieldErrors, type ActionResult } from '@/lib/action-result';

// NUL (U+0000) cannot reach Postgres: it is dropped before the id is used.
const Id = str().min(1).max(40);

const SaveInput = z.object({
  issuerId: Id.optional(),
  microCredentialId: Id.optional(),
  def: z.unknown(),
  badgeImageKey: z.string().max(200).nullable(),
});

/** Saves the editor's definition: a new credential, a draft rewrite, or a new draft version of a published one. */
export async function saveCredentialAction(input: z.input<typeof SaveInput>): Promise<ActionResult<{ id: string }>> {
  const shape = SaveInput.safeParse(input);
  if (!shape.success) return { ok: false, formError: 'The form could not be read. Reload the page; your work is kept in this browser.' };
  const def = MicroCredentialDef.safeParse(shape.data.def);
  if (!def.success) return { ok: false, formError: 'Some fields need attention. Nothing was saved yet; your work is kept.', fieldErrors: zodFieldErrors(def.error) };
  let id: string;
  try {
    const actor = await requireActor();
    if (shape.data.microCredentialId) {
      id = shape.data.microCredentialId;
      await saveMicroCredentialDraft({ actor, microCredentialId: id, def: def.data });
    } else {
      if (!shape.data.issuerId) return { ok: false, formError: 'Choose the issuing organisation.', fieldErrors: { issuerId: ['Choose the issuing organisation.'] } };
      id = (await createMicroCredential({ actor, issuerId: shape.data.issuerId, def: def.data })).id;
    }
    // A new draft version starts without an image; carry the editor's choice onto it.
    await setBadgeImage({ actor, microCredentialId: id, key: shape.data.badgeImageKey });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/credentials');
  revalidatePath(`/admin/credentials/${id}/edit`);
  return { ok: true, data: { id }, message: 'Draft saved.' };
}

export async function publishCredentialAction(microCredentialId: string): Promise<ActionResult> {
  const id = Id.safeParse(microCredentialId);
  if (!id.success) return { ok: false, formError: 'Unknown credential.' };
  let version: number;
  try {
    const actor = await requireActor();
    version = (await publishMicroCredential({ actor, microCredentialId: id.data })).version;
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/credentials');
  revalidatePath(`/admin/credentials/${id.data}/edit`);
  revalidatePath('/catalog');
  return { ok: true, message: `Version ${version} is published and in the catalogue.` };
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
  return { ok: true, message: 'Retired: it is no longer in the catalogue. Teachers already working on it can finish.' };
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

export async function confirmBadgeUploadAction(input: { issuerId: string; key: string }): Promise<ActionResult<{ key: string; previewUrl: string }>> {
  const parsed = z.object({ issuerId: Id, key: z.string().max(200) }).safeParse(input);
  if (!parsed.success) return { ok: false, formError: 'The image could not be read.' };
  try {
    const actor = await requireActor();
    return { ok: true, data: await verifyBadgeObject({ actor, ...parsed.data }) };
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
