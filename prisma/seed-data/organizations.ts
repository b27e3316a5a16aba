// Demo organisations: the issuers that publish micro-credentials, and the districts (with their schools and
// salary-step rules) whose teachers earn them. Data only; prisma/seed.ts writes it to the database.

export type SeedIssuer = {
  slug: string;
  name: string;
  kind: 'ISSUER';
  description: string;
  url?: string;
};

export type SeedSchool = {
  slug: string;
  name: string;
  kind: 'SCHOOL';
  description: string;
};

export type SeedSalaryStepRule = {
  label: string;
  description: string;
  // Only credentials at this level or above count (2 = classroom evidence).
  minLevel: number;
  credentialsRequired: number;
  amountCents: number;
  sortOrder: number;
};

export type SeedDistrict = {
  slug: string;
  name: string;
  kind: 'DISTRICT';
  description: string;
  url?: string;
  // Teachers submit a proposal (student goals and plan) that a district leader approves before they apply.
  requiresProposal: boolean;
  schools: SeedSchool[];
  salaryStepRules: SeedSalaryStepRule[];
};

export const issuers: SeedIssuer[] = [
  {
    slug: 'ptc',
    name: "Principals' Training Center",
    kind: 'ISSUER',
    description:
      "The Principals' Training Center (PTC) offers leadership training for educators in international schools around the world. " +
      'Its Teacher Leader Institutes bring together teachers and aspiring leaders for practical, classroom-connected courses. ' +
      'PTC courses offer two levels of micro-credential: level 1 shows you understand the ideas, and level 2 shows you have used them with your own team or students.',
    url: 'https://www.theptc.org',
  },
  {
    slug: 'teaching-matters',
    name: 'Teaching Matters',
    kind: 'ISSUER',
    description:
      'Teaching Matters is a New York City non-profit that develops teacher leaders. ' +
      'Its micro-credentials focus on the highest-leverage skills of teacher leadership, such as running collaborative inquiry and leading teams through evidence-based improvement cycles. ' +
      'Teachers work at their own pace, get feedback on what they submit, and show the impact of their leadership on classrooms.',
    url: 'https://www.teachingmatters.org',
  },
  {
    slug: 'digital-promise',
    name: 'Digital Promise',
    kind: 'ISSUER',
    description:
      'Digital Promise is a non-profit that works to improve learning opportunities for all. ' +
      'Its free, competency-based micro-credentials each focus on one classroom skill, are backed by research, and are earned by submitting evidence from your own teaching, such as lesson plans, student work and classroom video.',
    url: 'https://digitalpromise.org',
  },
];

export const districts: SeedDistrict[] = [
  {
    slug: 'kettle-moraine',
    name: 'Kettle Moraine School District',
    kind: 'DISTRICT',
    description:
      'A public school district in Wales, Wisconsin. Kettle Moraine teachers can replace traditional continuing-education courses with micro-credentials. ' +
      "Before starting, a teacher proposes how the micro-credential will help their students; once a district leader approves, the teacher earns it with evidence from their own classroom. " +
      "Classroom-evidence (level 2) micro-credentials count toward an increase in base salary of $100 to $600 when the evidence shows how the teacher's learning benefited students.",
    url: 'https://www.kmsd.edu',
    requiresProposal: true,
    schools: [
      {
        slug: 'kettle-moraine-middle-school',
        name: 'Kettle Moraine Middle School',
        kind: 'SCHOOL',
        description: 'Serves students in grades 6 to 8 with interdisciplinary grade-level teams.',
      },
      {
        slug: 'kettle-moraine-high-school',
        name: 'Kettle Moraine High School',
        kind: 'SCHOOL',
        description: 'Comprehensive high school serving students in grades 9 to 12.',
      },
      {
        slug: 'cushing-elementary',
        name: 'Cushing Elementary School',
        kind: 'SCHOOL',
        description: 'Neighbourhood elementary school serving students from 4K to grade 5.',
      },
    ],
    salaryStepRules: [
      {
        label: 'First classroom-evidence micro-credential',
        description:
          'A $100 increase in base salary for your first level 2 micro-credential, earned with evidence of how your learning benefited your students.',
        minLevel: 2,
        credentialsRequired: 1,
        amountCents: 10_000,
        sortOrder: 0,
      },
      {
        label: 'Three classroom-evidence micro-credentials',
        description:
          'A $300 increase in base salary once you hold three level 2 micro-credentials, each with evidence of benefit to students. Replaces the $100 step.',
        minLevel: 2,
        credentialsRequired: 3,
        amountCents: 30_000,
        sortOrder: 1,
      },
      {
        label: 'Six classroom-evidence micro-credentials',
        description:
          'A $600 increase in base salary, the highest step, once you hold six level 2 micro-credentials, each with evidence of benefit to students. Replaces the $300 step.',
        minLevel: 2,
        credentialsRequired: 6,
        amountCents: 60_000,
        sortOrder: 2,
      },
    ],
  },
  {
    slug: 'riverside-unified',
    name: 'Riverside Unified',
    kind: 'DISTRICT',
    description:
      'A district that recognises micro-credentials as professional development hours. Teachers choose and start micro-credentials on their own, without a proposal.',
    requiresProposal: false,
    schools: [
      {
        slug: 'riverside-middle-school',
        name: 'Riverside Middle School',
        kind: 'SCHOOL',
        description: 'Serves students in grades 6 to 8.',
      },
    ],
    salaryStepRules: [],
  },
];
