// A badge's slot in its issuer's status list is chosen at random among those never given out. A
// slot can be free again with its bit still set (the account that held a revoked badge was
// deleted, and its awards with it): a new badge there would be born revoked, or suspended. And a
// slot whose award was deleted with its account is still pointed at by the copies of that badge
// downloaded before (ADR 011): given out again, they would follow the new badge's status.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createOrg } from '../factories';
import { allocateStatusEntry } from '@/lib/awards/status-lists';
import { getSigningKey } from '@/lib/awards/keys';
import { createStatusList, getStatusBit, setStatusBit } from '@/lib/credentials/status-list';

beforeEach(resetDatabase);

describe('choosing a new badge’s status slot', () => {
  it('never gives out a slot whose revocation or suspension bit is set', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const key = await getSigningKey(issuer.id);
    const first = await db.$transaction((tx) => allocateStatusEntry(tx, issuer.id, key.keyId));
    const list = await db.statusList.findUniqueOrThrow({ where: { id: first.statusListId } });
    // Every even slot revoked, every slot 1 mod 4 suspended: only slots 3 mod 4 are clean.
    const revoked = createStatusList();
    const suspended = createStatusList();
    for (let i = 0; i < list.size; i++) {
      if (i % 2 === 0) setStatusBit(revoked, i, true);
      else if (i % 4 === 1) setStatusBit(suspended, i, true);
    }
    await db.statusList.update({ where: { id: list.id }, data: { bits: Buffer.from(revoked), suspensionBits: Buffer.from(suspended) } });

    const indexes: number[] = [];
    for (let n = 0; n < 24; n++) indexes.push((await db.$transaction((tx) => allocateStatusEntry(tx, issuer.id, key.keyId))).statusListIndex);
    expect(indexes.filter((i) => i % 4 !== 3)).toEqual([]);
  });

  it('records each slot it gives out, and never gives one out twice, even with no award holding it any more', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const key = await getSigningKey(issuer.id);
    const first = await db.$transaction((tx) => allocateStatusEntry(tx, issuer.id, key.keyId));
    const list = await db.statusList.findUniqueOrThrow({ where: { id: first.statusListId } });
    // No award was ever stored at that slot (as when its account was deleted): still given out.
    expect(await db.award.count({ where: { statusListId: list.id } })).toBe(0);
    expect(getStatusBit(new Uint8Array(list.allocatedBits!), first.statusListIndex)).toBe(true);

    // Every slot but those 3 mod 4 given out already, with clear status bits and no awards.
    const given = createStatusList();
    for (let i = 0; i < list.size; i++) if (i % 4 !== 3) setStatusBit(given, i, true);
    await db.statusList.update({ where: { id: list.id }, data: { allocatedBits: Buffer.from(given) } });
    const indexes: number[] = [];
    for (let n = 0; n < 24; n++) indexes.push((await db.$transaction((tx) => allocateStatusEntry(tx, issuer.id, key.keyId))).statusListIndex);
    expect(indexes.filter((i) => i % 4 !== 3)).toEqual([]);
    expect(new Set(indexes).size).toBe(24);
  });
});
