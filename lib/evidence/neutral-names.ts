// What an evidence file is called for someone other than the teacher who uploaded it. A file's own
// name often carries who made it ("Jane_Smith_Lincoln_MS_lesson.mp4"), so under blind review the
// name is replaced, on the server, by one made from where the file sits: "Part 2 – file 1.mp4".
// Pure: the review workspace and the file route (its Content-Disposition) name files the same way.
import type { Prisma } from '@/lib/generated/prisma/client';
import { MIME_FOR_EXTENSION, pairCaptions } from '@/lib/evidence/file-types';
import { showsTeacherIdentity } from '@/lib/review/policy';

/**
 * The orders "Part 2" and "file 1" count in. Every query that names files neutrally (or shows parts
 * beside those names) uses these, so the workspace, its headings and a download agree.
 */
export const PART_ORDER = [{ sortOrder: 'asc' }, { id: 'asc' }] satisfies Prisma.SubmissionPartOrderByWithRelationInput[];
export const EVIDENCE_FILE_ORDER = [{ createdAt: 'asc' }, { id: 'asc' }] satisfies Prisma.EvidenceFileOrderByWithRelationInput[];

export type NameableFile = { id: string; partId: string; fileName: string; detectedType: string | null; declaredType: string };

/**
 * Whether this viewer sees the file names the teacher chose: the teacher always does; anyone else
 * (reviewers, adjudicators, the issuer's admins) only when the issuer does not review blind, the
 * same rule that hides the teacher's name, email and school.
 */
export function showsOriginalFileNames(issuer: { blindReview: boolean }, viewerId: string, ownerId: string): boolean {
  return viewerId === ownerId || showsTeacherIdentity(issuer);
}

/** The type a file is served as: what its bytes showed, unless that was only "some Office file". */
export function servedContentType(file: { detectedType: string | null; declaredType: string }): string {
  return file.detectedType && file.detectedType !== 'application/x-ooxml' ? file.detectedType : file.declaredType;
}

const EXTENSION_FOR_MIME: Record<string, string> = { 'audio/x-m4a': 'm4a', 'audio/x-wav': 'wav', 'audio/webm': 'webm' };
for (const [ext, mime] of Object.entries(MIME_FOR_EXTENSION)) EXTENSION_FOR_MIME[mime] ??= ext;

/**
 * The extension a neutral name keeps: the teacher's own when it is one of the accepted extensions
 * for the type the file is served as (so it says nothing else: "jpeg" or "m4v" stay), otherwise
 * the usual one for that type, otherwise none.
 */
function neutralExtension(file: NameableFile): string {
  const type = servedContentType(file).toLowerCase();
  const own = /\.([a-z0-9]{1,8})$/i.exec(file.fileName)?.[1].toLowerCase();
  const ext = own && MIME_FOR_EXTENSION[own] === type ? own : EXTENSION_FOR_MIME[type];
  return ext ? `.${ext}` : '';
}

const isCaptions = (f: NameableFile) => (f.detectedType ?? f.declaredType) === 'text/vtt';

/**
 * Neutral names for an attempt's files, by id. `partIds` in PART_ORDER, `files` in
 * EVIDENCE_FILE_ORDER (all of a part's uploaded files, or the numbers shift). Within each part the
 * files other than captions are numbered in upload order; a captions file takes the name of the
 * video it belongs to (pairCaptions on the real names) with ".vtt", so pairing captions by name
 * pairs exactly the same files again; captions belonging to no video are numbered apart.
 */
export function neutralFileNames(partIds: readonly string[], files: readonly NameableFile[]): Map<string, string> {
  const names = new Map<string, string>();
  const position = new Map(partIds.map((id, i) => [id, i + 1]));
  const byPart = new Map<string, NameableFile[]>();
  for (const f of files) byPart.set(f.partId, [...(byPart.get(f.partId) ?? []), f]);
  let unplaced = 0;
  for (const [partId, own] of byPart) {
    const n = position.get(partId);
    // A file of no known part (it should not happen) still gets no real name.
    const prefix = n ? `Part ${n} – ` : '';
    const videoOf = new Map([...pairCaptions(own)].map(([videoId, c]) => [c.id, videoId]));
    const bases = new Map<string, string>();
    let count = 0;
    for (const f of own) {
      if (isCaptions(f)) continue;
      const base = n ? `${prefix}file ${++count}` : `File ${++unplaced}`;
      bases.set(f.id, base);
      names.set(f.id, `${base}${neutralExtension(f)}`);
    }
    let loose = 0;
    for (const f of own) {
      if (!isCaptions(f)) continue;
      const video = videoOf.get(f.id);
      const base = (video && bases.get(video)) ?? (n ? `${prefix}captions ${++loose}` : `Captions ${++unplaced}`);
      names.set(f.id, `${base}${neutralExtension(f)}`);
    }
  }
  return names;
}

/**
 * The files as this viewer may see them: unchanged for whoever sees the teacher's own names,
 * otherwise each `fileName` replaced by its neutral name (the real one is not kept anywhere in
 * what is returned, so it cannot reach a page or its payload).
 */
export function withViewerFileNames<F extends NameableFile>(files: readonly F[], opts: { partIds: readonly string[]; original: boolean }): F[] {
  if (opts.original) return [...files];
  const names = neutralFileNames(opts.partIds, files);
  return files.map((f) => ({ ...f, fileName: names.get(f.id) ?? 'Evidence file' }));
}
