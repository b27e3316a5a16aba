import Link from 'next/link';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { listDistrictSchools } from '@/lib/district/people';
import { MAX_INVITE_ROWS } from '@/lib/people/schemas';
import { Card, PageHeader } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';
import { DistrictPicker } from '@/components/admin/district-picker';
import { BulkInviteForm } from '@/components/district/bulk-invite-form';

export const metadata = { title: 'Invite teachers from a file' };
const Query = z.object({ district: z.string().max(40).optional().catch(undefined) });

// The empty template: only the header row, so nothing in it can be invited by mistake.
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent('email,name,school\r\n')}`;

export default async function DistrictBulkInvitePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/people/invite');
  const query = Query.parse(await searchParams);
  const { district, districts } = await districtForPage(actor, query.district);
  const schools = await listDistrictSchools({ actor, districtId: district.id });
  const keep = districts.length > 1 ? `?district=${district.id}` : '';
  const exampleSchool = schools[0]?.name;
  return (
    <div className="max-w-5xl">
      <p className="mb-2 text-sm"><Link href={`/district/people${keep}`}>← People</Link></p>
      <DistrictPicker districts={districts} current={district.id} />
      <PageHeader
        title="Invite teachers from a file"
        description={`Invite a whole staff to ${district.name} at once. Check the list first: every row is shown with what will happen to it. Invitations are sent only when every row is right — if any row has a problem, nobody is invited until you fix it.`}
      />
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">What the file looks like</h2>
        <p className="mb-2 text-sm text-slate-700">
          A spreadsheet saved as CSV, with one teacher per row (at most {MAX_INVITE_ROWS}) and a first row naming the columns. Other columns are ignored.
        </p>
        <dl className="mb-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="font-semibold"><code>email</code></dt>
          <dd>Required. The invitation goes to this address, and only its owner can accept it.</dd>
          <dt className="font-semibold"><code>name</code></dt>
          <dd>Optional. Shown in the check and used to greet them in the email; they choose the name on their account when they accept.</dd>
          <dt className="font-semibold"><code>school</code></dt>
          <dd>
            Optional. One of {district.name}’s schools, written as it is listed under Schools. A teacher invited to a school is placed there when they accept; left empty, they join the district as a whole and you can place them later on the Teachers page.
          </dd>
        </dl>
        <p className="mb-1 text-sm font-semibold">For example:</p>
        <TableScroll label="Example of the file" className="mb-3 rounded-md bg-slate-100">
          <pre className="w-max min-w-full p-3 text-sm">{`email,name,school\nana.diaz@yourdistrict.org,Ana Díaz,${exampleSchool ?? ''}\nsam.lee@yourdistrict.org,Sam Lee,`}</pre>
        </TableScroll>
        <p className="mb-3 text-sm">
          {schools.length
            ? <>Schools in {district.name}: {schools.map((s) => s.name).join(', ')}.</>
            : <>{district.name} has no schools listed yet, so leave the school column empty or <Link href={`/district/schools${keep}`}>add your schools</Link> first.</>}
        </p>
        <p className="mb-3 text-sm text-slate-700">
          Nobody is invited twice: teachers already in {district.name} and people with an open invitation are skipped, so checking or sending the same file again is safe. Someone who belongs to another district can be invited; if they accept, they move to {district.name}.
        </p>
        <a href={TEMPLATE_HREF} download="teachers-to-invite.csv" className="text-sm font-semibold">Download an empty template (CSV with the three column names)</a>
      </Card>
      <BulkInviteForm districtId={district.id} districtName={district.name} peopleHref={`/district/people${keep}`} />
    </div>
  );
}
