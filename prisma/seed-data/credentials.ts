// Demo catalogue: courses and tracks, their micro-credentials, and a stack. Data only; every definition
// parses with the zod schemas in lib/authoring/schemas.ts (see prisma/seed-data/check.ts).
import type { z } from 'zod';
import type { MicroCredentialDef, StackDef, TrackDef } from '@/lib/authoring/schemas';

export type MicroCredentialInput = z.input<typeof MicroCredentialDef>;
export type TrackInput = z.input<typeof TrackDef>;
export type StackInput = z.input<typeof StackDef>;

export type SeedTrack = { issuerSlug: string; track: TrackInput };
// trackSlug is set for credentials that are a level of a course or track (their slug is in track.levels too).
export type SeedMicroCredential = { issuerSlug: string; trackSlug?: string; def: MicroCredentialInput };
export type SeedStack = { issuerSlug: string; stack: StackInput };

export const RUBRIC_LEVELS = ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'];
// Every criterion at "Demonstrated" (rank 2) or above.
export const PASSING_RULE = { kind: 'ALL_AT_LEAST', levelRank: 2 } as const;
// Product limit for classroom video evidence.
export const VIDEO_MAX_BYTES = 2 * 1024 ** 3; // 2 GiB = 2147483648

// Frameworks the credentials align to.
const ISTE_URL = 'https://www.iste.org/standards/iste-standards-for-teachers';
const ISTE = 'ISTE Standards for Educators';
const INTASC_URL = 'https://ccsso.org/resource-library/intasc-model-core-teaching-standards-and-learning-progressions-teachers-10';
const INTASC = 'InTASC Model Core Teaching Standards';
const TLMS_URL = 'https://www.nea.org/resource-library/teacher-leader-model-standards';
const TLMS = 'Teacher Leader Model Standards';

// ───────────────────────────── Slugs ─────────────────────────────

export const SLUGS = {
  // PTC: Leadership Tools for International School Teacher Leaders
  leadershipTools: 'ptc-leadership-tools-for-teacher-leaders',
  stagesOfTeamBuilding: 'stages-of-team-building',
  teamAgenda: 'designing-an-effective-team-agenda',
  // PTC: Empowering Students through Assessment
  empoweringAssessment: 'ptc-empowering-students-through-assessment',
  assessmentCycle: 'the-assessment-cycle',
  contextualAssessment: 'designing-a-contextual-assessment',
  // Teaching Matters: Teacher Leadership
  teacherLeadership: 'teaching-matters-teacher-leadership',
  collaborativeInquiry: 'facilitating-collaborative-inquiry',
  evidenceBasedCycles: 'leading-evidence-based-team-cycles',
  // Digital Promise standalone credentials and their stack
  growthMindset: 'growth-mindset-praising-the-process',
  drivingQuestions: 'project-based-learning-driving-questions',
  gameBasedLearning: 'game-based-learning-play-with-purpose',
  studentCenteredLearning: 'student-centered-learning',
} as const;

// ───────────────────────────── Tracks and courses ─────────────────────────────

export const tracks: SeedTrack[] = [
  {
    issuerSlug: 'ptc',
    track: {
      slug: SLUGS.leadershipTools,
      kind: 'COURSE',
      title: 'Leadership Tools for International School Teacher Leaders',
      summary:
        'Practical tools for teacher leaders who guide grade-level, department or project teams: understand how teams develop, then run meetings that move the work forward.',
      description: [
        'This course is offered at the Teacher Leader Institutes of the Principals\' Training Center. It is for teachers who lead, or are about to lead, a team of colleagues in an international school.',
        '',
        'The course has two levels of micro-credential:',
        '',
        '- **Level 1: Stages of Team Building.** Show that you understand how teams develop, using Tuckman\'s stages, by analysing a team you belong to.',
        '- **Level 2: Designing an Effective Team Agenda.** Show that you can plan and run a focused meeting with your own team, with the agenda, the meeting record and your team\'s feedback as evidence.',
        '',
        'Earn level 1 first. Each badge can be shared on LinkedIn or a CV, so colleagues, supervisors and future employers can see what you learned.',
      ].join('\n'),
      topic: 'Teacher leadership',
      subjects: ['All subjects'],
      gradeBands: ['K-5', '6-8', '9-12'],
      levels: [SLUGS.stagesOfTeamBuilding, SLUGS.teamAgenda],
    },
  },
  {
    issuerSlug: 'ptc',
    track: {
      slug: SLUGS.empoweringAssessment,
      kind: 'COURSE',
      title: 'Empowering Students through Assessment',
      summary:
        'Use assessment to help students learn, not only to grade them: understand the assessment cycle, then design an assessment that fits your own students and context.',
      description: [
        'This course is offered at the Teacher Leader Institutes of the Principals\' Training Center. It is for classroom teachers in any subject who want assessment to give students a clearer picture of where they are going and how to get there.',
        '',
        'The course has two levels of micro-credential:',
        '',
        '- **Level 1: The Assessment Cycle.** Show that you understand how learning goals, evidence, feedback and adjustment connect, using a unit you teach.',
        '- **Level 2: Designing a Contextual Assessment.** Design an assessment for your own students, use it, and show what their work told you and what you changed.',
      ].join('\n'),
      topic: 'Assessment',
      subjects: ['All subjects'],
      gradeBands: ['K-5', '6-8', '9-12'],
      levels: [SLUGS.assessmentCycle, SLUGS.contextualAssessment],
    },
  },
  {
    issuerSlug: 'teaching-matters',
    track: {
      slug: SLUGS.teacherLeadership,
      kind: 'TRACK',
      title: 'Teacher Leadership',
      summary:
        'The essential skills of a teacher leader: facilitate collaborative inquiry among colleagues, then lead a team through evidence-based cycles that improve student learning.',
      description: [
        'Teaching Matters built this track around the skills that make the most difference in a teacher leader\'s work with colleagues. Each level is a well-defined skill you can learn and show in a reasonable time, with coaching-style feedback on what you submit.',
        '',
        '- **Level 1: Facilitating Collaborative Inquiry.** Plan an inquiry cycle that keeps a team focused on student work, with a clear question, the right evidence and a protocol.',
        '- **Level 2: Leading Evidence-Based Team Cycles.** Lead a real team through a full cycle and show its impact on student learning.',
      ].join('\n'),
      topic: 'Teacher leadership',
      subjects: ['All subjects'],
      gradeBands: ['K-5', '6-8', '9-12'],
      levels: [SLUGS.collaborativeInquiry, SLUGS.evidenceBasedCycles],
    },
  },
];

// ───────────────────────────── Micro-credentials ─────────────────────────────

const stagesOfTeamBuilding: MicroCredentialInput = {
  slug: SLUGS.stagesOfTeamBuilding,
  title: 'Stages of Team Building',
  summary:
    "Understand how teams develop through Tuckman's stages (forming, storming, norming, performing and adjourning) and use them to analyse a team you belong to.",
  competency:
    "The educator explains the five stages of team development (forming, storming, norming, performing and adjourning) and uses observable evidence to identify the stage of a team they belong to and a leadership move suited to that stage.",
  keyMethod:
    "The educator chooses a team they belong to, gathers specific examples of how members behave and work together, matches those behaviours to Tuckman's stages of team development, and names a leadership move that fits the team's current stage.",
  methodComponents: [
    '**The five stages**',
    '',
    '- **Forming:** members are polite and cautious, look to the leader for direction, and are unsure of the team\'s purpose and their own roles.',
    '- **Storming:** differences in ideas, working styles and priorities come to the surface. Conflict is normal and, handled well, is a sign the team is engaging with real work.',
    '- **Norming:** the team agrees on how it works (norms, roles, decision-making) and trust grows. Members start to own the team\'s goals.',
    '- **Performing:** the team works interdependently, solves problems on its own and holds itself to account for results. The leader can step back.',
    '- **Adjourning:** the team completes its task or disbands. Members look back on what they achieved and what they learned.',
    '',
    '**Analysing your team**',
    '',
    '- Collect evidence over at least two meetings or work sessions: what people say and do, how decisions are made, how disagreement is handled.',
    '- Match the evidence to a stage. Teams rarely fit one stage perfectly, and they can slip back (for example when a new member joins or the task changes). Name the stage that best fits and explain why.',
    '- Choose a leadership move that fits the stage: clear purpose and structure when forming, surfacing and working through conflict when storming, writing down and revisiting norms when norming, delegating and stretching goals when performing, and celebrating and capturing learning when adjourning.',
  ].join('\n'),
  researchRationale: [
    'Bruce Tuckman\'s 1965 review of research on small groups, "Developmental sequence in small groups", described four stages that groups commonly pass through: forming, storming, norming and performing. In 1977 Tuckman and Mary Ann Jensen revisited the model and added a fifth stage, adjourning, for groups that finish their work and disband. The model has lasted because it gives leaders a shared, simple language for what is happening in a group.',
    'The model matters for teacher leaders because school teams change often: staff move on, teams are re-formed each year, and new initiatives change a team\'s task. A leader who reads conflict as a normal stage of development, rather than as failure, can respond with the right support instead of avoiding the disagreement or imposing a solution.',
    'Later research on effective teams points the same way. Amy Edmondson\'s studies of psychological safety (1999) show that teams learn and improve when members feel safe to raise problems and disagree, which is the work of the storming and norming stages. Patrick Lencioni\'s widely read model of team dysfunction similarly places trust and healthy conflict at the foundation of team results.',
  ].join('\n\n'),
  topic: 'Teacher leadership',
  subjects: ['All subjects'],
  gradeBands: ['K-5', '6-8', '9-12'],
  level: 1,
  pdHours: 4,
  badgeColor: '#0f766e',
  resources: [
    {
      kind: 'READING',
      title: 'Tuckman: Developmental sequence in small groups',
      body:
        'Tuckman, B. W. (1965). Developmental sequence in small groups. Psychological Bulletin, 63(6), 384-399; and Tuckman, B. W. & Jensen, M. A. C. (1977). Stages of small-group development revisited. Group & Organization Studies, 2(4), 419-427. Read the summary of each stage and note two behaviours you would expect to see at each one.',
      minutes: 40,
    },
    {
      kind: 'READING',
      title: 'Psychological safety in teams',
      body:
        'Edmondson, A. (1999). Psychological safety and learning behavior in work teams. Administrative Science Quarterly, 44(2), 350-383. Focus on how leaders make it safe to raise problems and disagree, and connect it to the storming and norming stages.',
      minutes: 30,
    },
    {
      kind: 'ACTIVITY',
      title: 'Team stage observation log',
      body:
        'Over your next two team meetings, keep a simple two-column log. In the left column write what you saw or heard (for example "two members disagreed about the common assessment; the discussion was cut short"). In the right column note the stage it suggests and why. You will use this log in your stage analysis.',
      minutes: 60,
    },
    {
      kind: 'ACTIVITY',
      title: 'Match the leadership move to the stage',
      body:
        'For each of the five stages, write one thing a team leader could do this week to help the team move forward. Compare your list with a colleague and keep the moves you agree are most useful for your own team.',
      minutes: 20,
    },
  ],
  parts: [
    {
      title: 'Overview and context',
      prompt: [
        'Describe the team you will analyse. Use roles, not names.',
        '',
        '1. What is the team\'s purpose, who is on it, how long has it worked together and how often does it meet?',
        '2. What is your role on the team?',
        '3. Has anything recently changed the team, such as new members, a new task or a new leader?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 350,
    },
    {
      title: 'Stage analysis',
      prompt: [
        'Analyse your team using Tuckman\'s stages of team development.',
        '',
        '1. Briefly explain each of the five stages in your own words.',
        '2. Which stage is your team in now? Support your answer with at least three specific, observable examples of how members behave and work together. Say which stage or stages the team has already passed through, and any signs of slipping back.',
        '3. Name one leadership move that fits the team\'s current stage and explain why it fits.',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 700,
    },
    {
      title: 'Reflection',
      prompt: [
        'Reflect on what you learned.',
        '',
        '1. How has understanding the stages changed the way you see conflict, silence or progress in your team?',
        '2. What will you do differently in the next month, and what would tell you the team has moved to the next stage?',
        '3. What question about team development do you still have?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 450,
    },
    {
      title: 'Supporting documents (optional)',
      prompt:
        'If you have them, you may attach up to three documents that support your analysis, such as your observation log or your team\'s written norms. Remove the names of colleagues before uploading.',
      responseType: 'FILES',
      required: false,
      allowedTypes: ['pdf', 'image', 'document', 'slides'],
      maxFiles: 3,
    },
  ],
  rubric: {
    levels: RUBRIC_LEVELS,
    criteria: [
      {
        title: 'Team context',
        description: 'The overview gives a reviewer enough context to judge the stage analysis.',
        partIndex: 0,
        descriptors: [
          'The team, its purpose or the educator\'s role is missing or unclear.',
          'The team and its purpose are named, but key context (membership, history, how often it meets, or the educator\'s role) is missing.',
          'The team\'s purpose, membership, history, meeting pattern and the educator\'s role are clearly described, including any recent change.',
          'All of "Demonstrated", and the overview explains how the team\'s context (for example turnover, a new task or school priorities) is likely to shape its development.',
        ],
      },
      {
        title: 'Understanding of the stages',
        description: 'The educator explains all five stages accurately in their own words.',
        partIndex: 1,
        descriptors: [
          'Stages are missing or described inaccurately, for example treating conflict as a sign of failure rather than a stage.',
          'Most stages are described accurately, but one is missing or confused, or descriptions are copied definitions without explanation.',
          'All five stages, including adjourning, are explained accurately in the educator\'s own words, with the typical behaviours of each.',
          'All of "Demonstrated", and the explanation notes that teams can move back and forth between stages and names what can trigger this.',
        ],
      },
      {
        title: 'Evidence-based analysis',
        description: 'The stage the educator names is supported by specific, observable evidence from the team.',
        partIndex: 1,
        descriptors: [
          'A stage is named without evidence, or the evidence does not match the stage.',
          'A stage is named with general or fewer than three examples ("we get along well"), or the leadership move does not fit the stage.',
          'The current stage is supported by at least three specific, observable examples that match it, earlier stages are identified, and the leadership move clearly fits the stage.',
          'All of "Demonstrated", and the analysis weighs evidence that points to different stages, or shows signs of slipping back, before reaching a reasoned conclusion.',
        ],
      },
      {
        title: 'Reflection and next steps',
        description: 'The reflection connects the model to the educator\'s own leadership and names concrete next steps.',
        partIndex: 2,
        descriptors: [
          'The reflection summarises the model without connecting it to the educator\'s own team or practice.',
          'The reflection describes a change in thinking, but the next steps are vague ("communicate better") or there are no signs to watch for.',
          'The reflection explains how the model has changed the way the educator sees their team, and names concrete next steps and observable signs that the team is moving to the next stage.',
          'All of "Demonstrated", and the reflection shows critical thinking about the model itself or about the educator\'s own part in the team\'s dynamics.',
        ],
      },
    ],
    passingRule: PASSING_RULE,
  },
  alignments: [
    {
      targetName: 'Domain I: Fostering a Collaborative Culture to Support Educator Development and Student Learning',
      targetUrl: TLMS_URL,
      targetFramework: TLMS,
      targetCode: 'Domain I',
    },
    {
      targetName: 'Collaborator',
      targetUrl: ISTE_URL,
      targetDescription: 'Educators dedicate time to collaborate with both colleagues and students to improve practice.',
      targetFramework: ISTE,
      targetCode: '2.4',
    },
  ],
};

const teamAgenda: MicroCredentialInput = {
  slug: SLUGS.teamAgenda,
  title: 'Designing an Effective Team Agenda',
  summary:
    'Plan and run a focused team meeting with a purposeful agenda, then show the agenda, the meeting record and your team\'s feedback as evidence.',
  competency:
    'The educator designs a meeting agenda with clear outcomes, timed items, roles and pre-work, uses it to facilitate a meeting of their own team, and uses the team\'s feedback to improve the next meeting.',
  keyMethod:
    'The educator plans a team meeting backwards from the outcomes it must achieve, shares an agenda in advance, facilitates the meeting so that it ends with clear decisions, owners and deadlines, and gathers feedback from the team to improve the next agenda.',
  methodComponents: [
    '**Before the meeting**',
    '',
    '- Start from outcomes: write one to three things the team will have decided, produced or understood by the end.',
    '- Frame each agenda item as a question or decision ("Which two success criteria will we use for the lab report?"), not a topic ("Lab report").',
    '- Label each item as *inform*, *discuss* or *decide*, give it a time, and name who leads it.',
    '- Fit the agenda to the team\'s stage of development: more structure and time for relationships when forming, time to work through disagreement when storming.',
    '- Send the agenda and any pre-reading at least two days before the meeting.',
    '',
    '**During the meeting**',
    '',
    '- Open by restating the outcomes and the team\'s norms. Assign roles such as facilitator, timekeeper and note-taker.',
    '- Keep to time, or change the plan on purpose and say so. Park off-topic items for later.',
    '- Close by reviewing decisions, owners and deadlines, and agree what goes on the next agenda.',
    '',
    '**After the meeting**',
    '',
    '- Share the notes within a day.',
    '- Collect quick feedback (for example a three-question exit survey, or a plus/delta round) and use it to improve the next agenda.',
  ].join('\n'),
  researchRationale: [
    'Teachers spend a great deal of time in meetings, and time is the scarcest resource in a school. In "Meeting Wise: Making the Most of Collaborative Time for Educators" (2014), Kathryn Parker Boudett and Elizabeth City argue that the agenda is the single most useful lever a facilitator has: clear objectives, items linked to those objectives, realistic timing and assigned roles turn a meeting from a list of announcements into shared work on teaching and learning.',
    'Organisational research supports this. Steven Rogelberg\'s studies of workplace meetings, summarised in "The Surprising Science of Meetings" (2019), find that meeting quality affects how people feel about their jobs and their team, and that leaders who treat meetings as something to design, and who ask attendees for feedback, run better ones.',
    'Robert Garmston and Bruce Wellman\'s work on adaptive schools stresses that teams need agreed norms and clear structures to do hard collaborative work well. An agenda that fits the team\'s stage of development, as described by Tuckman, helps a leader give the right amount of structure at the right time.',
  ].join('\n\n'),
  topic: 'Teacher leadership',
  subjects: ['All subjects'],
  gradeBands: ['K-5', '6-8', '9-12'],
  level: 2,
  pdHours: 10,
  badgeColor: '#115e59',
  resources: [
    {
      kind: 'READING',
      title: 'Meeting Wise: Making the Most of Collaborative Time for Educators',
      body:
        'Boudett, K. P. & City, E. A. (2014). Harvard Education Press. Read the chapters on setting objectives and building the agenda, and use the Meeting Wise checklist to review an agenda you have used recently.',
      minutes: 90,
    },
    {
      kind: 'READING',
      title: 'The Surprising Science of Meetings',
      body:
        'Rogelberg, S. G. (2019). Oxford University Press. Skim the chapters on agendas framed as questions and on asking attendees for feedback.',
      minutes: 45,
    },
    {
      kind: 'ACTIVITY',
      title: 'Rewrite a topic list as an outcome-based agenda',
      body:
        'Take an agenda from a recent meeting. Rewrite it so that it starts with outcomes, frames each item as a question or decision, labels it inform / discuss / decide, and gives it a time and a lead. Note what you had to cut.',
      minutes: 30,
    },
    {
      kind: 'ACTIVITY',
      title: 'Three-question team feedback form',
      body:
        'Build a short form your team can complete in two minutes at the end of the meeting: (1) How well did this meeting achieve its outcomes? (1-5) (2) What helped? (3) What should we change next time? You can submit the results as evidence.',
      minutes: 15,
    },
  ],
  parts: [
    {
      title: 'Overview and context',
      prompt: [
        'Describe the team and the meeting. Use roles, not names.',
        '',
        '1. Who is on the team, what is its purpose, and what stage of development is it in?',
        '2. What did this meeting need to achieve, and why did it matter for students?',
        '3. What usually gets in the way of productive meetings for this team?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 400,
    },
    {
      title: 'Agenda and meeting record',
      prompt:
        'Upload (1) the agenda exactly as you sent it to the team before the meeting and (2) the notes or minutes from the meeting, showing the decisions made, who owns each next step, and deadlines. Remove or replace colleagues\' names before uploading.',
      responseType: 'FILES',
      allowedTypes: ['pdf', 'document', 'image', 'slides'],
      maxFiles: 5,
    },
    {
      title: 'Team voice',
      prompt: [
        'Show how the meeting worked for your team, with one of the following:',
        '',
        '- a short video (up to 5 minutes) of you facilitating part of the meeting, with your colleagues\' permission; or',
        '- the results of feedback you collected from the team after the meeting (for example a short exit survey).',
        '',
        'In the text box, explain what the video or the feedback shows about how well the agenda worked.',
      ].join('\n'),
      responseType: 'TEXT_AND_FILES',
      wordLimit: 250,
      allowedTypes: ['video', 'audio', 'pdf', 'image', 'document', 'spreadsheet'],
      maxFileBytes: VIDEO_MAX_BYTES,
      maxFiles: 3,
    },
    {
      title: 'Reflection',
      prompt: [
        'Reflect on the meeting and what comes next.',
        '',
        '1. Which choices in your agenda helped the team reach its outcomes, and which did not work as planned?',
        '2. What did your team\'s feedback tell you, and what will you change in your next agenda as a result?',
        '3. How will better meetings make a difference for students?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 500,
    },
  ],
  rubric: {
    levels: RUBRIC_LEVELS,
    criteria: [
      {
        title: 'Purposeful agenda design',
        description: 'The agenda is built around clear outcomes and gives the meeting a workable structure.',
        partIndex: 1,
        descriptors: [
          'The agenda is a list of topics with no stated outcomes, times or roles, or no agenda is provided.',
          'The agenda states a purpose, but items are not clearly linked to outcomes, or times, roles or pre-work are missing.',
          'The agenda states one to three outcomes; each item is framed as a question or decision, has a time and a lead; roles are assigned; and it was shared in advance.',
          'All of "Demonstrated", and the agenda is deliberately fitted to the team\'s stage of development and norms (for example time set aside for disagreement or for building relationships).',
        ],
      },
      {
        title: 'Facilitation and follow-through',
        description: 'The meeting record shows that the meeting produced clear results.',
        partIndex: 1,
        descriptors: [
          'There are no notes, or the notes do not show what was decided.',
          'The notes record the discussion, but decisions, owners or deadlines are incomplete.',
          'The notes show decisions or products for each outcome, with an owner and a deadline for every next step, and any changes to the agenda are explained.',
          'All of "Demonstrated", and the notes show the team holding itself to account, for example by reviewing actions from the previous meeting.',
        ],
      },
      {
        title: 'Team voice',
        description: 'The video or feedback shows how the team experienced the meeting.',
        partIndex: 2,
        descriptors: [
          'No video or team feedback is provided, or it is unrelated to the meeting.',
          'A video or feedback is provided, but the explanation does not say what it shows about the agenda.',
          'The video or feedback clearly shows how the team experienced the meeting, and the explanation draws accurate conclusions from it about the agenda.',
          'All of "Demonstrated", and the evidence shows several members actively contributing, or feedback from most of the team.',
        ],
      },
      {
        title: 'Reflection and improvement',
        description: 'The educator learns from the meeting and plans specific improvements.',
        partIndex: 3,
        descriptors: [
          'The reflection describes the meeting without evaluating it.',
          'The reflection evaluates the meeting in general terms, or the changes planned are not linked to the team\'s feedback.',
          'The reflection names which agenda choices worked and which did not, uses the team\'s feedback to plan specific changes, and connects better meetings to benefits for students.',
          'All of "Demonstrated", and the reflection shows how the educator will build the team\'s own ownership of meetings over time.',
        ],
      },
    ],
    passingRule: PASSING_RULE,
  },
  alignments: [
    {
      targetName: 'Domain I: Fostering a Collaborative Culture to Support Educator Development and Student Learning',
      targetUrl: TLMS_URL,
      targetFramework: TLMS,
      targetCode: 'Domain I',
    },
    {
      targetName: 'Standard 10: Leadership and Collaboration',
      targetUrl: INTASC_URL,
      targetFramework: INTASC,
      targetCode: '10',
    },
  ],
};

const assessmentCycle: MicroCredentialInput = {
  slug: SLUGS.assessmentCycle,
  title: 'The Assessment Cycle',
  summary:
    'Understand how learning goals, evidence of learning, feedback and adjustment connect in a cycle, and how students can take part in each step.',
  competency:
    'The educator explains the four stages of the assessment cycle (learning goals and success criteria, gathering evidence, feedback, and adjusting teaching and learning) and analyses how they connect, and where students take part, in a unit they teach.',
  keyMethod:
    'The educator maps one recent unit onto the assessment cycle: what students were meant to learn and how they knew, what evidence was gathered and when, what feedback students received and used, and what the teacher and students changed as a result.',
  methodComponents: [
    '**The four stages of the cycle**',
    '',
    '- **Learning goals and success criteria:** students know what they are learning and what success looks like, in language they understand.',
    '- **Gathering evidence:** the teacher plans questions, tasks and observations that show where each student is, during the learning and not only at the end.',
    '- **Feedback:** students receive information about where they are against the success criteria and what to do next, and they have time to act on it.',
    '- **Adjustment:** the teacher changes the next steps of teaching, and students change their next steps of learning, based on the evidence.',
    '',
    '**Students as partners**',
    '',
    '- Students use success criteria to check their own work and each other\'s (self- and peer assessment).',
    '- Students set next steps and track their progress, so assessment becomes something they do, not only something done to them.',
  ].join('\n'),
  researchRationale: [
    'Paul Black and Dylan Wiliam\'s 1998 review of research on classroom assessment, summarised for teachers in "Inside the Black Box", found that formative assessment (using evidence of learning to adapt teaching while learning is still happening) produces substantial learning gains, with some of the largest gains for lower-achieving students. Wiliam later described five key strategies: clarifying learning intentions and success criteria, eliciting evidence, giving feedback that moves learners forward, activating students as resources for one another, and activating students as owners of their own learning.',
    'Royce Sadler (1989) argued that for feedback to improve learning, students must understand the goal, compare their current work with it, and act to close the gap. John Hattie and Helen Timperley\'s 2007 review "The Power of Feedback" framed the same idea as three questions every learner needs answered: Where am I going? How am I going? Where to next?',
    'Seeing assessment as a cycle rather than a single event is the foundation for the level 2 credential, in which you design an assessment for your own students.',
  ].join('\n\n'),
  topic: 'Assessment',
  subjects: ['All subjects'],
  gradeBands: ['K-5', '6-8', '9-12'],
  level: 1,
  pdHours: 4,
  expiryMonths: 36,
  badgeColor: '#b45309',
  resources: [
    {
      kind: 'READING',
      title: 'Inside the Black Box: Raising Standards through Classroom Assessment',
      body:
        'Black, P. & Wiliam, D. (1998). Phi Delta Kappan, 80(2), 139-148. A short, readable summary of the research on formative assessment. Note the three questions it raises for your own classroom.',
      minutes: 40,
    },
    {
      kind: 'READING',
      title: 'The Power of Feedback',
      body:
        'Hattie, J. & Timperley, H. (2007). Review of Educational Research, 77(1), 81-112. Focus on the three feedback questions and on the difference between feedback about the task, the process and the learner.',
      minutes: 45,
    },
    {
      kind: 'ACTIVITY',
      title: 'Rewrite a learning goal with success criteria',
      body:
        'Choose one learning goal from your current unit. Rewrite it in words your students would understand, and add two or three success criteria that describe what they would see in good work.',
      minutes: 20,
    },
    {
      kind: 'ACTIVITY',
      title: 'Map a unit onto the cycle',
      body:
        'Draw the four stages of the cycle as a loop. For a recent unit, write what happened at each stage and circle any stage where students had no active role. Keep this map; it will help you with the "Mapping the cycle" part.',
      minutes: 30,
    },
  ],
  parts: [
    {
      title: 'Overview and context',
      prompt: [
        'Describe your teaching context and the unit you will map.',
        '',
        '1. What subject and grade do you teach, and what should your students know about the unit?',
        '2. How does assessment usually work in your class or school (for example grading policy, common assessments, reporting)?',
        '3. Why did you choose this unit?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 350,
    },
    {
      title: 'Mapping the cycle',
      prompt: [
        'Map your unit onto the four stages of the assessment cycle.',
        '',
        '1. State one learning goal and its success criteria as students saw them.',
        '2. Describe the evidence you gathered during the unit, when you gathered it, and what it told you.',
        '3. Describe the feedback students received and how they used it.',
        '4. Describe what you and your students adjusted as a result, and where students took part in assessing their own or each other\'s learning.',
        '',
        'You may attach a diagram of your cycle or one anonymised example of feedback you gave.',
      ].join('\n'),
      responseType: 'TEXT_AND_FILES',
      wordLimit: 700,
      allowedTypes: ['pdf', 'image', 'document'],
      maxFiles: 3,
    },
    {
      title: 'Reflection',
      prompt: [
        'Reflect on what the mapping showed you.',
        '',
        '1. Which stage of the cycle is strongest in your practice, and which is weakest?',
        '2. What one change would most help your students use assessment to learn?',
        '3. How would you know the change is working?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 450,
    },
  ],
  rubric: {
    levels: RUBRIC_LEVELS,
    criteria: [
      {
        title: 'Learning goals and success criteria',
        description: 'The learning goal and success criteria are clear to students and measurable.',
        partIndex: 1,
        descriptors: [
          'No learning goal is given, or it is an activity ("complete the worksheet") rather than learning.',
          'A learning goal is given, but success criteria are missing, vague or written only for adults.',
          'The learning goal describes learning, and two or more success criteria describe what good work looks like in language students understand.',
          'All of "Demonstrated", and the response shows how students came to understand the criteria, for example by looking at examples of work.',
        ],
      },
      {
        title: 'Understanding of the whole cycle',
        description: 'The response shows how evidence, feedback and adjustment connect back to the learning goal.',
        partIndex: 1,
        descriptors: [
          'Stages are missing, or assessment is described only as end-of-unit grading.',
          'All stages are described, but as separate events, without showing how evidence led to feedback and feedback led to adjustment.',
          'Each stage is described and linked: evidence gathered during the unit led to specific feedback and a specific adjustment, all tied to the learning goal.',
          'All of "Demonstrated", and the response shows more than one turn of the cycle within the unit, with the second turn informed by the first.',
        ],
      },
      {
        title: 'Students as partners in assessment',
        description: 'Students take an active part in the cycle, not only receive grades.',
        partIndex: 1,
        descriptors: [
          'Students have no active role; assessment is something done to them.',
          'Students have a role (for example peer marking), but it is not connected to success criteria or next steps.',
          'Students use success criteria to assess their own or each other\'s work and act on feedback to improve it.',
          'All of "Demonstrated", and students set and track their own next steps across the unit.',
        ],
      },
      {
        title: 'Reflection and next steps',
        description: 'The educator uses the mapping to plan a specific improvement.',
        partIndex: 2,
        descriptors: [
          'The reflection does not evaluate the educator\'s own practice.',
          'Strengths and weaknesses are named, but the planned change is vague or not linked to the weakest stage.',
          'The reflection identifies the strongest and weakest stages with reasons, plans one specific change, and names how the educator will know it is working.',
          'All of "Demonstrated", and the reflection considers which students benefit least from current practice and how the change would reach them.',
        ],
      },
    ],
    passingRule: PASSING_RULE,
  },
  alignments: [
    {
      targetName: 'Standard 6: Assessment',
      targetUrl: INTASC_URL,
      targetFramework: INTASC,
      targetCode: '6',
    },
    {
      targetName: 'Analyst',
      targetUrl: ISTE_URL,
      targetDescription: 'Educators understand and use data to drive their instruction and support students in achieving their learning goals.',
      targetFramework: ISTE,
      targetCode: '2.7',
    },
  ],
};

const contextualAssessment: MicroCredentialInput = {
  slug: SLUGS.contextualAssessment,
  title: 'Designing a Contextual Assessment',
  summary:
    'Design an assessment task that fits your own students and context, use it in class, and show what student work told you and what you changed.',
  competency:
    'The educator designs an assessment task aligned to clear learning goals and grounded in a context that is meaningful and accessible to their students, uses it in their own classroom, gives feedback that moves learning forward, and adjusts teaching based on the evidence.',
  keyMethod:
    'The educator designs an assessment backwards from learning goals, sets it in a context students recognise, shares success criteria in student-friendly language, uses it in class, analyses a range of student work, gives actionable feedback, and plans next steps from the results.',
  methodComponents: [
    '- **Start from the goal:** decide what students must know and be able to do, and what evidence would convince you.',
    '- **Choose a context:** set the task in a situation that matters to your students: their community, the country your school is in, their languages and cultures, a real audience or problem.',
    '- **Make it accessible:** remove barriers that are not part of what you are assessing (for example reading load in a science task), and offer more than one way to show learning where appropriate.',
    '- **Share success criteria:** give students the criteria or a rubric in language they understand, ideally with examples of work.',
    '- **Use it and collect work:** use the task in class; choose samples that show a range of performance.',
    '- **Give feedback that moves learning forward:** say what was done well against the criteria and what to do next, and give time to act on it.',
    '- **Adjust:** use what the work shows to decide what to reteach, extend or change, for the whole class and for groups of students.',
  ].join('\n'),
  researchRationale: [
    'Grant Wiggins and Jay McTighe\'s "Understanding by Design" sets out backward design: decide the desired results first, then the evidence that would show them, and only then plan the learning. Wiggins\' earlier work on "authentic" or "educative" assessment argued that tasks which mirror real situations and audiences tell teachers more about what students can do with their knowledge, and motivate students to do it.',
    'Context matters especially in international schools, where students bring many languages and cultures. Research on Universal Design for Learning (CAST) shows that offering multiple means of engagement and expression lets more students show what they know, and that barriers unrelated to the goal, such as reading load in a mathematics task, can hide real understanding.',
    'Designing a good task is only half of the work. Black and Wiliam\'s research on formative assessment shows the gains come when evidence from the task is used: when students get feedback they can act on and teachers adapt what they do next. For that reason this credential asks for student work, your feedback, and what you changed.',
  ].join('\n\n'),
  topic: 'Assessment',
  subjects: ['All subjects'],
  gradeBands: ['K-5', '6-8', '9-12'],
  level: 2,
  pdHours: 12,
  expiryMonths: 36,
  badgeColor: '#92400e',
  resources: [
    {
      kind: 'READING',
      title: 'Understanding by Design: backward design and performance tasks',
      body:
        'Wiggins, G. & McTighe, J. (2005). Understanding by Design (2nd ed.). ASCD. Read the chapters on "Thinking like an assessor" and on performance tasks, including the GRASPS framework (Goal, Role, Audience, Situation, Product, Standards).',
      minutes: 90,
    },
    {
      kind: 'READING',
      title: 'How to Create and Use Rubrics for Formative Assessment and Grading',
      body:
        'Brookhart, S. M. (2013). ASCD. Focus on writing criteria that describe learning rather than counting features, and on sharing rubrics with students.',
      minutes: 60,
    },
    {
      kind: 'ACTIVITY',
      title: 'Barrier check',
      body:
        'Read your draft task as a student who is new to the language of instruction, and again as a student who finds reading hard. List anything that could stop them showing what they know that is not part of the learning goal, and revise.',
      minutes: 30,
    },
    {
      kind: 'ACTIVITY',
      title: 'Sort the work',
      body:
        'After students complete the task, sort the work into three piles (not yet, nearly, secure) against your success criteria before you grade it. Note what the "nearly" pile has in common: that is usually your best next teaching step.',
      minutes: 45,
    },
  ],
  parts: [
    {
      title: 'Overview and context',
      prompt: [
        'Describe your students and the assessment you designed.',
        '',
        '1. Who are your students (grade, subject, languages, relevant needs)?',
        '2. What learning goals does the assessment address?',
        '3. Why did you choose this context for the task, and how does it connect to your students\' lives or community?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 400,
    },
    {
      title: 'Assessment design',
      prompt:
        'Upload the assessment task as students received it, the success criteria or rubric in student-friendly language, and any scaffolds or options you offered. Remove student names.',
      responseType: 'FILES',
      allowedTypes: ['pdf', 'document', 'slides', 'image'],
      maxFiles: 5,
    },
    {
      title: 'Student work samples',
      prompt: [
        'Upload three samples of student work that show a range of performance (for example not yet, nearly there, secure), each with the feedback you gave. Remove student names. You may include a short video (up to 5 minutes) of students working on the task or talking about their work, with permission.',
        '',
        'In the text box, explain briefly what each sample shows against your success criteria and how the student used your feedback.',
      ].join('\n'),
      responseType: 'TEXT_AND_FILES',
      wordLimit: 400,
      allowedTypes: ['pdf', 'image', 'document', 'video'],
      maxFileBytes: VIDEO_MAX_BYTES,
      maxFiles: 6,
    },
    {
      title: 'Reflection',
      prompt: [
        'Reflect on what the assessment told you.',
        '',
        '1. What did the results show about your students\' learning, and about groups of students?',
        '2. What did you change in your teaching as a result, and what happened?',
        '3. What would you change in the task itself next time?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 500,
    },
  ],
  rubric: {
    levels: RUBRIC_LEVELS,
    criteria: [
      {
        title: 'Alignment to learning goals',
        description: 'The task and its criteria assess the stated learning goals.',
        partIndex: 1,
        descriptors: [
          'The task does not assess the stated goals, or no success criteria are provided.',
          'The task assesses some of the goals, or the success criteria describe features (length, neatness) rather than learning.',
          'The task requires students to show each stated goal, and the success criteria describe the learning in student-friendly language.',
          'All of "Demonstrated", and the criteria describe progress across levels, so students can see their next step.',
        ],
      },
      {
        title: 'Context and access',
        description: 'The task is set in a meaningful context and lets all students show what they know.',
        partIndex: 1,
        descriptors: [
          'The task has no context, or the context is a barrier for many students.',
          'The task has a context, but it is decorative (it does not affect the thinking required) or barriers unrelated to the goal remain.',
          'The context is meaningful to these students and shapes the task, and barriers unrelated to the goal have been removed or supported.',
          'All of "Demonstrated", and the task offers students genuine choice in how they show their learning without lowering the expectation.',
        ],
      },
      {
        title: 'Feedback that moves learning forward',
        description: 'Student work samples show feedback that students could act on.',
        partIndex: 2,
        descriptors: [
          'No work samples or no feedback are provided.',
          'Feedback is given, but it is mostly grades or general praise, or it is not linked to the success criteria.',
          'Three samples show a range of performance, with feedback that names strengths and a specific next step against the criteria, and the explanation shows how students used it.',
          'All of "Demonstrated", and the samples show students\' improved work after acting on the feedback.',
        ],
      },
      {
        title: 'Using evidence to adjust teaching',
        description: 'The educator uses the results to change teaching and improve the task.',
        partIndex: 3,
        descriptors: [
          'The reflection does not use the results of the assessment.',
          'The reflection summarises the results, but changes to teaching are general or not linked to them.',
          'The reflection draws conclusions from the results, including for groups of students, describes a specific change to teaching and its effect, and plans an improvement to the task.',
          'All of "Demonstrated", and the reflection shows a second round of evidence confirming the change helped the students who needed it.',
        ],
      },
    ],
    passingRule: PASSING_RULE,
  },
  alignments: [
    {
      targetName: 'Standard 6: Assessment',
      targetUrl: INTASC_URL,
      targetFramework: INTASC,
      targetCode: '6',
    },
    {
      targetName: 'Standard 2: Learning Differences',
      targetUrl: INTASC_URL,
      targetFramework: INTASC,
      targetCode: '2',
    },
  ],
};

const collaborativeInquiry: MicroCredentialInput = {
  slug: SLUGS.collaborativeInquiry,
  title: 'Facilitating Collaborative Inquiry',
  summary:
    'Plan a collaborative inquiry cycle that keeps a team of teachers focused on student work: a clear question, the right evidence, a protocol and norms.',
  competency:
    'The teacher leader explains the stages of a collaborative inquiry cycle and plans one for a team of colleagues, with an inquiry question grounded in student learning, relevant evidence, a protocol suited to the purpose, and facilitation moves that build trust.',
  keyMethod:
    'The teacher leader plans an inquiry cycle in which a team chooses a student learning problem, examines student work using a structured protocol, agrees a change to try in classrooms, and comes back to examine new evidence.',
  methodComponents: [
    '**The inquiry cycle**',
    '',
    '1. **Focus:** name a specific problem of student learning the team cares about, and write it as a question ("Why do our students struggle to use evidence in their written explanations?").',
    '2. **Examine evidence:** look at student work and other data together, using a protocol so that the team describes before it judges.',
    '3. **Plan:** agree on one instructional change each member will try, and on what evidence to bring back.',
    '4. **Act:** try the change in classrooms over an agreed period.',
    '5. **Reflect:** examine the new evidence together and decide what to keep, change or try next.',
    '',
    '**Facilitation**',
    '',
    '- Agree on norms and revisit them, especially about how to talk about student work and each other\'s teaching.',
    '- Choose protocols that fit the purpose (for example a tuning protocol to improve a task, or a looking-at-student-work protocol to understand thinking).',
    '- Keep the focus on student learning and on what the team can control, not on blaming students or circumstances.',
    '- Build psychological safety: model curiosity, share your own students\' work first, and thank people for raising problems.',
  ].join('\n'),
  researchRationale: [
    'Collaborative inquiry, in which teachers study student learning together and test changes in their own classrooms, is one of the most studied forms of professional learning. Vescio, Ross and Adams\' 2008 review of research on professional learning communities found that student achievement improved where teacher collaboration focused on student learning and examined student work, but not where collaboration stayed general.',
    'Protocols make that focus possible. In "The Power of Protocols" (2003), McDonald, Mohr, Dichter and McDonald describe how structured conversations help teachers look at student work carefully, hear every voice, and give each other honest feedback. Langer, Colton and Goff\'s "Collaborative Analysis of Student Work" shows how teams use such analysis to find and address learning problems.',
    'The facilitator\'s skill matters as much as the structure. Amy Edmondson\'s research on psychological safety shows that teams learn only when members feel safe to raise problems and admit mistakes. The Teacher Leader Model Standards name this work directly: fostering a collaborative culture and promoting professional learning for continuous improvement.',
  ].join('\n\n'),
  topic: 'Teacher leadership',
  subjects: ['All subjects'],
  gradeBands: ['K-5', '6-8', '9-12'],
  level: 1,
  pdHours: 5,
  badgeColor: '#1d4ed8',
  resources: [
    {
      kind: 'READING',
      title: 'A review of research on the impact of professional learning communities',
      body:
        'Vescio, V., Ross, D. & Adams, A. (2008). A review of research on the impact of professional learning communities on teaching practice and student learning. Teaching and Teacher Education, 24(1), 80-91. Note what distinguished communities that improved student learning.',
      minutes: 45,
    },
    {
      kind: 'READING',
      title: 'The Power of Protocols: An Educator\'s Guide to Better Practice',
      body:
        'McDonald, J. P., Mohr, N., Dichter, A. & McDonald, E. C. (2003). Teachers College Press. Read the introduction and two protocols for looking at student work, and note when you would use each.',
      minutes: 60,
    },
    {
      kind: 'ACTIVITY',
      title: 'From complaint to inquiry question',
      body:
        'Write down three things colleagues often say about student learning ("They just don\'t read the question"). Rewrite each as an inquiry question the team could investigate with evidence and act on.',
      minutes: 20,
    },
    {
      kind: 'ACTIVITY',
      title: 'Try a protocol',
      body:
        'With one or two colleagues, use a looking-at-student-work protocol on a single piece of work from your class. Afterwards, note what the structure made possible that an open conversation would not have.',
      minutes: 45,
    },
  ],
  parts: [
    {
      title: 'Overview and context',
      prompt: [
        'Describe the team you will facilitate.',
        '',
        '1. Who is on the team (roles, not names), and what is it responsible for?',
        '2. How does the team currently use its meeting time, and how does it talk about student work?',
        '3. What is your role, formal or informal, in leading the team?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 350,
    },
    {
      title: 'Inquiry plan',
      prompt: [
        'Plan one collaborative inquiry cycle for this team.',
        '',
        '1. What is the inquiry question, and what student learning problem is it based on?',
        '2. What student work or other evidence will the team examine, and when?',
        '3. Which protocol will you use, and why does it fit the purpose?',
        '4. What norms and facilitation moves will you use to build trust and keep the focus on student learning?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 700,
    },
    {
      title: 'Reflection',
      prompt: [
        'Reflect on your role as facilitator.',
        '',
        '1. What challenges do you expect in leading this cycle with these colleagues, and how will you respond?',
        '2. How will you know the cycle is making a difference for students?',
        '3. What do you want to learn next as a facilitator?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 450,
    },
  ],
  rubric: {
    levels: RUBRIC_LEVELS,
    criteria: [
      {
        title: 'Inquiry question grounded in student learning',
        description: 'The question focuses the team on a specific, actionable student learning problem.',
        partIndex: 1,
        descriptors: [
          'There is no inquiry question, or it is about adult logistics rather than student learning.',
          'The question is about student learning but is too broad to act on, or places the problem entirely outside the team\'s control.',
          'The question names a specific student learning problem, is based on evidence or observation, and is something the team can investigate and act on.',
          'All of "Demonstrated", and the plan explains how the team will be involved in choosing or refining the question.',
        ],
      },
      {
        title: 'Evidence and protocol',
        description: 'The evidence and protocol fit the inquiry question.',
        partIndex: 1,
        descriptors: [
          'No evidence or protocol is planned.',
          'Evidence or a protocol is named, but it does not clearly fit the question or the plan does not say when it will be used.',
          'The plan names specific student work or data that will answer the question, when the team will examine it, and a protocol whose purpose fits.',
          'All of "Demonstrated", and the plan includes evidence from before and after the team\'s change, so the team can judge its impact.',
        ],
      },
      {
        title: 'Facilitation for trust and focus',
        description: 'The plan shows how the teacher leader will build a safe, focused conversation.',
        partIndex: 1,
        descriptors: [
          'Norms and facilitation moves are not addressed.',
          'Norms are mentioned in general terms ("be respectful") without moves the facilitator will make.',
          'The plan names specific norms and facilitation moves that build trust and keep the conversation on student learning.',
          'All of "Demonstrated", and the plan anticipates a specific difficulty in this team and how the facilitator will respond.',
        ],
      },
      {
        title: 'Reflection on facilitation',
        description: 'The teacher leader reflects honestly on their role and how they will know the cycle works.',
        partIndex: 2,
        descriptors: [
          'The reflection does not address the teacher leader\'s own role.',
          'Challenges are named, but responses are vague or there is no way of knowing whether the cycle helps students.',
          'The reflection names realistic challenges with specific responses, and says what evidence will show the cycle is making a difference for students.',
          'All of "Demonstrated", and the reflection identifies a specific facilitation skill to develop and how to practise it.',
        ],
      },
    ],
    passingRule: PASSING_RULE,
  },
  alignments: [
    {
      targetName: 'Domain III: Promoting Professional Learning for Continuous Improvement',
      targetUrl: TLMS_URL,
      targetFramework: TLMS,
      targetCode: 'Domain III',
    },
    {
      targetName: 'Domain I: Fostering a Collaborative Culture to Support Educator Development and Student Learning',
      targetUrl: TLMS_URL,
      targetFramework: TLMS,
      targetCode: 'Domain I',
    },
  ],
};

const evidenceBasedCycles: MicroCredentialInput = {
  slug: SLUGS.evidenceBasedCycles,
  title: 'Leading Evidence-Based Team Cycles',
  summary:
    'Lead a team of colleagues through a full cycle of examining student evidence, trying a change in classrooms and measuring the result, and show its impact on students.',
  competency:
    'The teacher leader leads a team of colleagues through at least one complete evidence-based improvement cycle, facilitating structured analysis of student evidence, securing shared commitment to an instructional change, and measuring its effect on student learning.',
  keyMethod:
    'The teacher leader guides a team through a cycle of at least two meetings and a classroom trial: the team analyses student evidence with a protocol, agrees on a focused change, tries it in every member\'s classroom, and examines new evidence to judge its impact.',
  methodComponents: [
    '- **Baseline evidence:** gather a common piece of student evidence from every classroom on the team (for example the same short task or exit ticket).',
    '- **Structured analysis:** use a protocol so the team describes patterns before explaining them, and names a specific learner-centred problem.',
    '- **Focused change:** agree one instructional change, small enough to try within two to four weeks, and what "doing it" looks like in each classroom.',
    '- **Shared commitment:** record who will do what by when, and how members will support each other (for example by visiting one another\'s classrooms).',
    '- **Follow-up evidence:** collect the same kind of evidence after the trial so the team can compare.',
    '- **Decide and share:** decide together whether to adopt, adapt or drop the change, and share what was learned with the wider school.',
  ].join('\n'),
  researchRationale: [
    'In "Data Wise", developed by Kathryn Parker Boudett, Elizabeth City and Richard Murnane with Harvard researchers and Boston public school educators, teams follow a disciplined cycle: prepare, inquire into student data and work, act on a specific learner-centred problem, and assess the result. The authors found that the discipline of the cycle, not the data itself, is what changes teaching. Anthony Bryk and colleagues make a similar argument in "Learning to Improve" (2015): small, rapid cycles of testing a change and studying the results let teams learn what works in their own setting.',
    'Team collaboration of this kind is linked to student results. Ronfeldt and colleagues (2015), studying thousands of teachers in Miami-Dade schools, found that students achieved more in schools where teachers reported better-quality collaboration in instructional teams, and that teachers themselves improved more over time.',
    'Leading such a cycle is a core function in the Teacher Leader Model Standards, which call on teacher leaders to help colleagues use assessments and data to improve instruction. This credential asks for evidence of the whole cycle, including its effect on students, because that is what distinguishes real improvement from activity.',
  ].join('\n\n'),
  topic: 'Teacher leadership',
  subjects: ['All subjects'],
  gradeBands: ['K-5', '6-8', '9-12'],
  level: 2,
  pdHours: 15,
  expiryMonths: 36,
  badgeColor: '#1e3a8a',
  resources: [
    {
      kind: 'READING',
      title: 'Data Wise: A Step-by-Step Guide to Using Assessment Results to Improve Teaching and Learning',
      body:
        'Boudett, K. P., City, E. A. & Murnane, R. J. (Eds.) (2013). Revised edition, Harvard Education Press. Read the chapters on digging into student data and examining instruction.',
      minutes: 120,
    },
    {
      kind: 'READING',
      title: 'Learning to Improve: How America\'s Schools Can Get Better at Getting Better',
      body:
        'Bryk, A. S., Gomez, L. M., Grunow, A. & LeMahieu, P. G. (2015). Harvard Education Press. Focus on the chapter about Plan-Do-Study-Act cycles.',
      minutes: 60,
    },
    {
      kind: 'ACTIVITY',
      title: 'Choose a common task',
      body:
        'With your team, choose a short task (10-15 minutes) every member can give their students before and after the trial. It should show the learning problem clearly and be quick to sort.',
      minutes: 30,
    },
    {
      kind: 'ACTIVITY',
      title: 'Commitment chart',
      body:
        'At the end of your planning meeting, complete a chart with each member\'s role: what they will try, with which class, by when, and what evidence they will bring back. Keep it for your evidence.',
      minutes: 15,
    },
  ],
  parts: [
    {
      title: 'Overview and context',
      prompt: [
        'Describe the team and the cycle you led.',
        '',
        '1. Who is on the team (roles, not names), and what was your role?',
        '2. What student learning problem did the cycle address, and how did the team arrive at it?',
        '3. What was the timeline of the cycle?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 400,
    },
    {
      title: 'Cycle artifacts',
      prompt:
        'Upload artifacts from at least two meetings of the cycle: agendas, protocol notes, the team\'s analysis of baseline evidence, the commitment chart, and a summary of before-and-after evidence (for example a table of results). Remove student and colleague names.',
      responseType: 'FILES',
      allowedTypes: ['pdf', 'document', 'slides', 'spreadsheet', 'image'],
      maxFiles: 8,
    },
    {
      title: 'Facilitation evidence',
      prompt: [
        'Show yourself leading the team, with one of the following:',
        '',
        '- a video (up to 10 minutes) of you facilitating a protocol with the team, with colleagues\' permission; or',
        '- written feedback from at least two team members on your facilitation.',
        '',
        'In the text box, point the reviewer to the moments that best show your facilitation.',
      ].join('\n'),
      responseType: 'TEXT_AND_FILES',
      wordLimit: 250,
      allowedTypes: ['video', 'audio', 'pdf', 'document'],
      maxFileBytes: VIDEO_MAX_BYTES,
      maxFiles: 3,
    },
    {
      title: 'Impact and reflection',
      prompt: [
        'Reflect on the impact of the cycle.',
        '',
        '1. What did the before-and-after evidence show about student learning? Be specific about how many students, and which students, improved.',
        '2. What did the team decide to do next, and why?',
        '3. What did you learn about leading colleagues, and what will you do differently in the next cycle?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 500,
    },
  ],
  rubric: {
    levels: RUBRIC_LEVELS,
    criteria: [
      {
        title: 'Evidence-driven team decisions',
        description: 'The artifacts show the team analysing evidence and choosing a focused change because of it.',
        partIndex: 1,
        descriptors: [
          'Artifacts are missing, or show no analysis of student evidence.',
          'Student evidence is collected, but the change chosen is not clearly linked to the analysis, or the analysis skipped from data to solutions.',
          'Artifacts from two or more meetings show the team describing patterns in common evidence, naming a learner-centred problem, and agreeing a focused change with clear commitments.',
          'All of "Demonstrated", and the artifacts show the team checking its assumptions, for example by looking at a second source of evidence.',
        ],
      },
      {
        title: 'Facilitation of colleagues',
        description: 'The video or feedback shows the teacher leader facilitating effectively.',
        partIndex: 2,
        descriptors: [
          'No facilitation evidence is provided.',
          'The evidence shows the teacher leader running the meeting, but conversation is dominated by a few voices or drifts from student evidence.',
          'The evidence shows the teacher leader using a protocol and facilitation moves that involve all members and keep the focus on student evidence.',
          'All of "Demonstrated", and the evidence shows the teacher leader handling disagreement or a difficult moment constructively.',
        ],
      },
      {
        title: 'Impact on student learning',
        description: 'The reflection uses before-and-after evidence to judge the impact on students.',
        partIndex: 3,
        descriptors: [
          'No evidence of impact on students is given.',
          'Impact is claimed from impressions, or results are reported without comparing before and after.',
          'The reflection compares before-and-after evidence, states specifically how many and which students improved, and explains the team\'s decision.',
          'All of "Demonstrated", and the reflection examines which students did not improve and how the next cycle will address them.',
        ],
      },
      {
        title: 'Reflection on leadership',
        description: 'The teacher leader learns from leading the cycle.',
        partIndex: 3,
        descriptors: [
          'The reflection does not address the teacher leader\'s own leadership.',
          'The reflection names lessons about leadership in general terms.',
          'The reflection names specific leadership choices that helped or hindered the team and what the teacher leader will do differently next cycle.',
          'All of "Demonstrated", and the reflection describes how the teacher leader will develop other members\' ability to lead cycles.',
        ],
      },
    ],
    passingRule: PASSING_RULE,
  },
  alignments: [
    {
      targetName: 'Domain V: Promoting the Use of Assessments and Data for School and District Improvement',
      targetUrl: TLMS_URL,
      targetFramework: TLMS,
      targetCode: 'Domain V',
    },
    {
      targetName: 'Standard 10: Leadership and Collaboration',
      targetUrl: INTASC_URL,
      targetFramework: INTASC,
      targetCode: '10',
    },
  ],
};

const growthMindset: MicroCredentialInput = {
  slug: SLUGS.growthMindset,
  title: 'Growth Mindset: Praising the Process',
  summary:
    'Give students specific feedback on their effort, strategies and use of feedback rather than on their ability, and help them see how their process leads to progress.',
  competency:
    'The educator consistently gives students specific, process-focused praise and feedback (on strategies, effort, persistence and use of feedback) instead of praise for ability, and helps students connect their process to their progress.',
  keyMethod:
    'The educator plans and uses process-focused praise during everyday lessons, keeps a log of the praise they give, avoids praise for ability or for effort alone, and uses language such as "not yet" to help students link the strategies they use to the progress they make.',
  methodComponents: [
    '- **Praise the process, not the person:** name what the student did ("You tried a second method when the first one didn\'t work") instead of who they are ("You\'re so smart").',
    '- **Be specific:** point to the strategy, the effort or the revision that made the difference, so the student can do it again.',
    '- **Don\'t praise effort alone:** when effort has not yet led to progress, praise the effort and help the student find a new strategy or ask for help.',
    '- **Use "not yet":** frame unfinished learning as "not yet" rather than failure, and show students evidence of their own progress over time.',
    '- **Make it routine:** plan a few process-praise moments into each lesson, and keep a simple log of what you said to whom, so you can check it reaches every student, not only the confident ones.',
    '- **Ask students:** invite students to describe the strategies that helped them, in writing or aloud.',
  ].join('\n'),
  researchRationale: [
    'Carol Dweck\'s research describes two beliefs students can hold about ability: a fixed mindset (ability is set and cannot change) and a growth mindset (ability can be developed through effort, good strategies and help from others). In a well-known series of experiments, Claudia Mueller and Carol Dweck (1998) found that fifth graders praised for being smart chose easier tasks, enjoyed them less and performed worse after a setback than those praised for their effort. Blackwell, Trzesniewski and Dweck (2007) found that junior high students who believed intelligence could grow earned better mathematics grades over the following two years.',
    'Later research has added important cautions. A 2018 meta-analysis by Sisk and colleagues found that the average effects of growth mindset interventions are small, and Dweck herself has warned against a "false growth mindset" that praises effort alone. The large National Study of Learning Mindsets (Yeager and colleagues, 2019) found that a short online intervention improved grades for lower-achieving ninth graders, and that effects were larger in schools whose peer culture supported taking on challenges.',
    'For teachers the lesson is that posters and slogans are not enough: the daily language teachers use, and whether it links effort and strategies to real progress, is what shapes students\' beliefs. This credential asks you to show that language in your own classroom.',
  ].join('\n\n'),
  topic: 'Student engagement',
  subjects: ['All subjects'],
  gradeBands: ['K-5', '6-8', '9-12'],
  level: 2,
  pdHours: 10,
  badgeColor: '#15803d',
  resources: [
    {
      kind: 'VIDEO',
      title: 'Carol Dweck: The power of believing that you can improve',
      url: 'https://www.ted.com/talks/carol_dweck_the_power_of_believing_that_you_can_improve',
      body: 'A ten-minute talk in which Carol Dweck explains "not yet" and how praise for process builds persistence.',
      minutes: 10,
    },
    {
      kind: 'READING',
      title: 'Praise for intelligence can undermine children\'s motivation and performance',
      body:
        'Mueller, C. M. & Dweck, C. S. (1998). Journal of Personality and Social Psychology, 75(1), 33-52. Read the introduction and the summary of the first study: what happened to students after a difficult task, depending on how they had been praised?',
      minutes: 30,
    },
    {
      kind: 'READING',
      title: 'Mindset: The New Psychology of Success',
      body:
        'Dweck, C. S. (2006). Random House. Read the chapter on teachers and parents, and in particular the section on the messages praise sends.',
      minutes: 60,
    },
    {
      kind: 'ACTIVITY',
      title: 'Praise log',
      body:
        'For two weeks, log at least ten moments of praise or feedback you give: the student (initials or a number), what they did, exactly what you said, and whether it was about the person, the effort alone or the process. Look for patterns: who gets which kind of praise?',
      minutes: 60,
    },
    {
      kind: 'ACTIVITY',
      title: 'Rewrite your go-to phrases',
      body:
        'List five things you often say to praise students. Rewrite each as process praise that names a strategy, a revision or persistence. Keep the list on your desk or lanyard for a week.',
      minutes: 15,
    },
  ],
  parts: [
    {
      title: 'Overview and context',
      prompt: [
        'Describe your class and why process praise matters for these students.',
        '',
        '1. What grade and subject do you teach, and who are your students?',
        '2. Describe a moment when students\' beliefs about their ability showed (for example a student who said "I\'m just not a maths person").',
        '3. What did you hope would change for your students?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 350,
    },
    {
      title: 'Classroom evidence',
      prompt: [
        'Upload:',
        '',
        '1. a video (5 to 10 minutes) of you giving process-focused praise during a lesson, with permission from students and families as your school requires; and',
        '2. your praise log, with at least ten entries over at least two weeks.',
        '',
        'In the text box, give the time stamps of two or three moments in the video that best show process praise, and summarise what your log shows.',
      ].join('\n'),
      responseType: 'TEXT_AND_FILES',
      wordLimit: 300,
      allowedTypes: ['video', 'audio', 'pdf', 'document', 'spreadsheet', 'image'],
      maxFileBytes: VIDEO_MAX_BYTES,
      maxFiles: 4,
    },
    {
      title: 'Student voice',
      prompt: [
        'Show how students responded. Upload two or three anonymised student reflections (written, drawn, audio or video) in which students describe how they approached a difficult task and what helped them improve. Reflections from before and after your focus on process praise are especially useful.',
        '',
        'In the text box, explain what the reflections show.',
      ].join('\n'),
      responseType: 'TEXT_AND_FILES',
      wordLimit: 250,
      allowedTypes: ['pdf', 'image', 'document', 'audio', 'video'],
      maxFileBytes: VIDEO_MAX_BYTES,
      maxFiles: 5,
    },
    {
      title: 'Reflection',
      prompt: [
        'Reflect on your practice.',
        '',
        '1. How did your praise change over the weeks, and what did your log show about which students received which kind of praise?',
        '2. What changes did you see in how students approach difficult work?',
        '3. What will you keep doing, and what will you change?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 450,
    },
  ],
  rubric: {
    levels: RUBRIC_LEVELS,
    criteria: [
      {
        title: 'Process-focused praise',
        description: 'The video and log show specific praise for strategies, effort, persistence and use of feedback.',
        partIndex: 1,
        descriptors: [
          'Praise is mostly about ability ("you\'re so smart") or is generic ("good job"), or no video or log is provided.',
          'Some praise names the process, but much is generic or praises effort alone, or the log has fewer than ten entries.',
          'Most praise in the video and log names a specific strategy, revision or persistence, and the log has at least ten entries over two weeks.',
          'All of "Demonstrated", and process praise reaches a wide range of students, including those who usually get little feedback.',
        ],
      },
      {
        title: 'Linking process to progress',
        description: 'The educator helps students see how their process leads to improvement.',
        partIndex: 1,
        descriptors: [
          'There is no connection between students\' process and their progress.',
          'The educator praises process but does not connect it to what improved, or uses "not yet" without next steps.',
          'The educator explicitly connects students\' strategies or effort to their progress, and responds to struggle with "not yet" and a next step or new strategy.',
          'All of "Demonstrated", and students are shown evidence of their own growth over time (for example earlier and later work side by side).',
        ],
      },
      {
        title: 'Student response',
        description: 'Student reflections show how students think about difficult work.',
        partIndex: 2,
        descriptors: [
          'No student reflections are provided.',
          'Reflections are provided, but the explanation does not say what they show, or they describe only the task.',
          'Two or more reflections show students describing strategies, effort or help that led them to improve, and the explanation interprets them accurately.',
          'All of "Demonstrated", and before-and-after reflections show a change in how students talk about difficulty or ability.',
        ],
      },
      {
        title: 'Reflection on practice',
        description: 'The educator reflects honestly on their praise and its effects.',
        partIndex: 3,
        descriptors: [
          'The reflection describes the activities without evaluating them.',
          'The reflection evaluates the practice in general terms without drawing on the log or student evidence.',
          'The reflection uses the log and student evidence to describe how the educator\'s praise changed, who it reached, the effect on students, and specific next steps.',
          'All of "Demonstrated", and the reflection considers a limit of the approach, such as praising effort that is not leading to progress, and how to address it.',
        ],
      },
    ],
    passingRule: PASSING_RULE,
  },
  alignments: [
    {
      targetName: 'Standard 3: Learning Environments',
      targetUrl: INTASC_URL,
      targetFramework: INTASC,
      targetCode: '3',
    },
  ],
};

const drivingQuestions: MicroCredentialInput = {
  slug: SLUGS.drivingQuestions,
  title: 'Project-Based Learning: Driving Questions',
  summary:
    'Write an open-ended, student-friendly driving question that anchors a project in an authentic problem and your learning goals, and use it to keep students\' inquiry going.',
  competency:
    'The educator writes a driving question that is open-ended, engaging, aligned to learning goals and set in an authentic context, launches a project with it, and returns to it throughout the project to sustain student inquiry.',
  keyMethod:
    'The educator drafts and refines a driving question for a project using clear criteria, launches it with an entry event that generates students\' "need to know" questions, and uses the question and those questions to guide inquiry, feedback and the final product.',
  methodComponents: [
    '**A strong driving question is:**',
    '',
    '- **Open-ended:** it has more than one reasonable answer and cannot be answered by a quick search.',
    '- **Engaging for students:** it is written in language students understand and care about, often with "we" or "our".',
    '- **Aligned to learning goals:** answering it well requires the key knowledge and skills of the unit.',
    '- **Authentic:** it connects to a real problem, place, audience or product.',
    '',
    '**Using it in the project:**',
    '',
    '- Draft several versions, test them against the criteria and with a colleague or students, and refine.',
    '- Launch the project with an entry event (a visitor, a site visit, a surprising data set or a letter) and the driving question.',
    '- Build a "need to know" list with students and return to it regularly as their questions are answered and new ones arise.',
    '- Keep the question visible and use it to frame checkpoints, critique and the public product.',
  ].join('\n'),
  researchRationale: [
    'In Gold Standard PBL, described by John Larmer, John Mergendoller and Suzie Boss in "Setting the Standard for Project Based Learning" (2015), a challenging problem or question is the first of seven essential project design elements, alongside sustained inquiry, authenticity, student voice and choice, reflection, critique and revision, and a public product. Joseph Krajcik and Phyllis Blumenfeld describe the driving question as what organises a project: it gives students a reason to learn the content and holds the project\'s activities together.',
    'Well-designed project-based learning has good evidence behind it. Recent large randomised studies, including Krajcik and colleagues\' work with third-grade science and Duke and colleagues\' work with second-grade social studies and literacy (both published in 2021-2023), found that students in project-based classrooms learned more than comparison students. John Thomas\'s earlier review (2000) found that the benefits depend on how well projects are designed and supported.',
    'The driving question is where design quality starts. A question that is too closed turns the project into a report; one that is too broad leaves students lost. This credential focuses on writing and using a question that keeps students thinking throughout.',
  ].join('\n\n'),
  topic: 'Student engagement',
  subjects: ['All subjects', 'Science', 'Social studies', 'English language arts', 'Mathematics'],
  gradeBands: ['K-5', '6-8', '9-12'],
  level: 2,
  pdHours: 12,
  badgeColor: '#c2410c',
  resources: [
    {
      kind: 'LINK',
      title: 'Gold Standard PBL: Essential Project Design Elements',
      url: 'https://www.pblworks.org/what-is-pbl/gold-standard-project-design',
      body: 'PBLWorks\' summary of the seven essential project design elements. Read the section on a challenging problem or question.',
      minutes: 15,
    },
    {
      kind: 'READING',
      title: 'Setting the Standard for Project Based Learning',
      body:
        'Larmer, J., Mergendoller, J. & Boss, S. (2015). ASCD. Read the chapter on the essential project design elements and the section on writing driving questions.',
      minutes: 60,
    },
    {
      kind: 'ACTIVITY',
      title: 'Driving question tune-up',
      body:
        'Write three versions of a driving question for an upcoming unit. Score each against the four criteria (open-ended, engaging, aligned, authentic). Share the best one with a colleague or a small group of students and ask: "Would you want to answer this? What would you need to know?" Revise.',
      minutes: 40,
    },
    {
      kind: 'ACTIVITY',
      title: 'Plan your entry event and need-to-know list',
      body:
        'Plan a 20-30 minute entry event that makes students curious about the driving question. Plan how you will capture their "need to know" questions and where the list will be displayed.',
      minutes: 30,
    },
  ],
  parts: [
    {
      title: 'Overview and context',
      prompt: [
        'Describe your students and the project.',
        '',
        '1. What grade and subject do you teach, and who are your students?',
        '2. What are the project\'s learning goals?',
        '3. What real problem, audience or place does the project connect to, and why did you choose it?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 350,
    },
    {
      title: 'Driving question and project plan',
      prompt: [
        'Upload your project plan (for example a project overview and calendar), including the learning goals, the entry event, checkpoints and the public product.',
        '',
        'In the text box, give your final driving question and at least two earlier drafts, and explain how you improved it against the criteria: open-ended, engaging, aligned to learning goals and authentic.',
      ].join('\n'),
      responseType: 'TEXT_AND_FILES',
      wordLimit: 400,
      allowedTypes: ['pdf', 'document', 'slides', 'image'],
      maxFiles: 5,
    },
    {
      title: 'Classroom evidence',
      prompt: [
        'Show the driving question at work in your classroom. Upload:',
        '',
        '- a photo or copy of the class "need to know" list, ideally at the start and later in the project;',
        '- a short video (up to 5 minutes) of the project launch or of students discussing the driving question; and',
        '- two or three anonymised samples of student work that respond to the driving question.',
        '',
        'In the text box, explain how you returned to the driving question during the project.',
      ].join('\n'),
      responseType: 'TEXT_AND_FILES',
      wordLimit: 300,
      allowedTypes: ['video', 'image', 'pdf', 'document', 'slides'],
      maxFileBytes: VIDEO_MAX_BYTES,
      maxFiles: 6,
    },
    {
      title: 'Reflection',
      prompt: [
        'Reflect on the driving question and the project.',
        '',
        '1. How did the driving question shape students\' inquiry and their final products?',
        '2. Where did the question work well, and where did students lose focus or get stuck?',
        '3. How would you revise the question or the way you used it next time?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 450,
    },
  ],
  rubric: {
    levels: RUBRIC_LEVELS,
    criteria: [
      {
        title: 'Quality of the driving question',
        description: 'The question is open-ended, engaging and authentic, and was refined through drafts.',
        partIndex: 1,
        descriptors: [
          'There is no driving question, or it is a closed question with one correct answer.',
          'The question is open-ended but is worded for adults, lacks an authentic connection, or shows no refinement.',
          'The question is open-ended, written in student-friendly language and connected to an authentic problem, audience or place, and the drafts show deliberate refinement against the criteria.',
          'All of "Demonstrated", and students or colleagues helped refine the question, and the explanation shows how their input improved it.',
        ],
      },
      {
        title: 'Alignment to learning goals',
        description: 'Answering the question well requires the project\'s learning goals.',
        partIndex: 1,
        descriptors: [
          'The question and plan are not connected to learning goals.',
          'The question connects to the topic, but students could answer it without the key knowledge or skills of the unit.',
          'Answering the question well requires the stated learning goals, and the plan\'s checkpoints and product show where students learn and show them.',
          'All of "Demonstrated", and the plan includes success skills (such as collaboration or critical thinking) that are taught and assessed, not only expected.',
        ],
      },
      {
        title: 'Sustained inquiry in practice',
        description: 'Classroom evidence shows the question driving student inquiry throughout the project.',
        partIndex: 2,
        descriptors: [
          'No classroom evidence is provided.',
          'The question was launched, but there is little evidence it was used after the launch.',
          'The need-to-know list, video and student work show students generating questions and returning to the driving question at several points in the project.',
          'All of "Demonstrated", and student work shows students developing their own, more sophisticated questions as the project progressed.',
        ],
      },
      {
        title: 'Reflection',
        description: 'The educator reflects on how the question worked and how to improve it.',
        partIndex: 3,
        descriptors: [
          'The reflection describes the project without evaluating the driving question.',
          'The reflection evaluates the question in general terms without drawing on student evidence.',
          'The reflection uses student evidence to explain where the question worked and where it did not, and gives specific revisions for next time.',
          'All of "Demonstrated", and the reflection considers which students the question engaged least and how to reach them.',
        ],
      },
    ],
    passingRule: PASSING_RULE,
  },
  alignments: [
    {
      targetName: 'Standard 8: Instructional Strategies',
      targetUrl: INTASC_URL,
      targetFramework: INTASC,
      targetCode: '8',
    },
    {
      targetName: 'Designer',
      targetUrl: ISTE_URL,
      targetDescription: 'Educators design authentic, learner-driven activities and environments that recognize and accommodate learner variability.',
      targetFramework: ISTE,
      targetCode: '2.5',
    },
  ],
};

const gameBasedLearning: MicroCredentialInput = {
  slug: SLUGS.gameBasedLearning,
  title: 'Game-Based Learning: Designing Play with Purpose',
  summary:
    'Choose or design a game, digital or not, whose rules and challenges build a learning goal, play it with students, and lead a debrief that turns play into learning.',
  competency:
    'The educator selects, adapts or designs a game whose mechanics directly exercise a learning goal, uses it with students, and leads a structured debrief that helps students connect what they did in the game to the concepts and skills being learned.',
  keyMethod:
    'The educator analyses a game\'s goals, rules, choices and feedback to check that playing it requires the target learning, plans the lesson around play and debrief, uses it with students, and gathers evidence of what students learned.',
  methodComponents: [
    '- **Start with the learning goal,** then look for a game (or design one) whose core actions require it. If students could win without using the target knowledge or skill, the game will not teach it.',
    '- **Analyse the mechanics:** what players are trying to do, the rules and constraints, the choices they make, and the feedback the game gives them.',
    '- **Adapt as needed:** change rules, roles or scoring so the learning sits at the centre of play. Make sure every student can take part.',
    '- **Plan the lesson:** a short introduction, time to play, and a debrief that takes at least as long as you think it needs.',
    '- **Lead the debrief:** ask what happened, why, and how it connects to the concept ("What strategy worked? Why? Where do we see that in the real world?").',
    '- **Check learning:** use an exit ticket or short task after the debrief to find out what students can now explain or do.',
  ].join('\n'),
  researchRationale: [
    'In "What Video Games Have to Teach Us About Learning and Literacy" (2003), James Paul Gee argued that good games are built on sound learning principles: players learn by doing, get immediate feedback, work at the edge of their competence, and meet information just when they need it. Games can bring these principles into classrooms, but only when the game\'s challenges are the learning.',
    'Research reviews support a careful, design-focused view. Douglas Clark, Emily Tanner-Smith and Stephen Killingsworth\'s 2016 meta-analysis in Review of Educational Research found that digital games improved learning compared with non-game instruction, and that games with richer designs, and those used over several sessions, worked better. Jan Plass, Bruce Homer and Charles Kinzer (2015) describe how game design choices affect cognitive, motivational, emotional and social engagement.',
    'The debrief is where much of the learning is secured. Garris, Ahlers and Driskell\'s model of instructional games (2002) highlights debriefing as the link between the game and learning outcomes: without it, students may enjoy playing yet never connect their experience to the concept. This credential therefore asks for evidence of both play and debrief.',
  ].join('\n\n'),
  topic: 'Student engagement',
  subjects: ['All subjects', 'Mathematics', 'Science', 'Social studies'],
  gradeBands: ['K-5', '6-8', '9-12'],
  level: 2,
  pdHours: 10,
  badgeColor: '#7c3aed',
  resources: [
    {
      kind: 'READING',
      title: 'What Video Games Have to Teach Us About Learning and Literacy',
      body:
        'Gee, J. P. (2003; revised 2007). Palgrave Macmillan. Read the chapter on learning principles and choose three principles you want your game to use.',
      minutes: 60,
    },
    {
      kind: 'READING',
      title: 'Digital games, design, and learning: a systematic review and meta-analysis',
      body:
        'Clark, D. B., Tanner-Smith, E. E. & Killingsworth, S. S. (2016). Review of Educational Research, 86(1), 79-122. Read the discussion of which game features were linked to stronger learning.',
      minutes: 45,
    },
    {
      kind: 'ACTIVITY',
      title: 'Mechanics-to-learning map',
      body:
        'For a game you are considering, list its goal, rules, main player choices and the feedback it gives. For each, write what a player has to know or do to succeed. Circle where this matches your learning goal. If little is circled, adapt the game or choose another.',
      minutes: 30,
    },
    {
      kind: 'ACTIVITY',
      title: 'Write your debrief questions',
      body:
        'Write four debrief questions that move from what happened in the game, to why, to the concept, to a new situation. Plan at least ten minutes for the debrief.',
      minutes: 20,
    },
  ],
  parts: [
    {
      title: 'Overview and context',
      prompt: [
        'Describe your students and the game.',
        '',
        '1. What grade and subject do you teach, and who are your students?',
        '2. What is the learning goal, and why did you choose a game to teach it?',
        '3. What game did you choose, adapt or design?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 350,
    },
    {
      title: 'Game and lesson design',
      prompt:
        'Upload your mechanics-to-learning map (or a similar analysis of the game), any rules or materials you created or changed, and your lesson plan including your debrief questions.',
      responseType: 'FILES',
      allowedTypes: ['pdf', 'document', 'slides', 'image'],
      maxFiles: 5,
    },
    {
      title: 'Classroom evidence',
      prompt: [
        'Show the game and debrief in your classroom. Upload:',
        '',
        '- a video (up to 10 minutes) showing students playing and part of your debrief, with permission as your school requires; and',
        '- anonymised exit tickets or other work showing what students learned, from at least three students.',
        '',
        'In the text box, give time stamps for the most important moments and summarise what the student work shows.',
      ].join('\n'),
      responseType: 'TEXT_AND_FILES',
      wordLimit: 300,
      allowedTypes: ['video', 'image', 'pdf', 'document'],
      maxFileBytes: VIDEO_MAX_BYTES,
      maxFiles: 6,
    },
    {
      title: 'Reflection',
      prompt: [
        'Reflect on the game as a learning tool.',
        '',
        '1. Where did playing the game require the learning goal, and where could students succeed without it?',
        '2. What did the debrief and student work show about what students learned?',
        '3. What would you change in the game, the lesson or the debrief next time?',
      ].join('\n'),
      responseType: 'TEXT',
      wordLimit: 450,
    },
  ],
  rubric: {
    levels: RUBRIC_LEVELS,
    criteria: [
      {
        title: 'Game mechanics aligned to the learning goal',
        description: 'Succeeding in the game requires the target knowledge or skill.',
        partIndex: 1,
        descriptors: [
          'No analysis of the game is provided, or the game is unrelated to the learning goal.',
          'The game relates to the topic, but students could succeed without using the target learning, or the analysis is incomplete.',
          'The analysis shows that the game\'s goal, rules and choices require the target learning, and any adaptations strengthen this and include every student.',
          'All of "Demonstrated", and the educator designed or substantially adapted the game so that the learning is the core challenge of play.',
        ],
      },
      {
        title: 'Debrief that connects play to learning',
        description: 'The debrief helps students connect their game experience to the concept.',
        partIndex: 2,
        descriptors: [
          'There is no debrief, or it only asks who won or whether students enjoyed the game.',
          'The debrief recalls what happened in the game but does not connect it to the concept.',
          'The video shows a debrief in which students explain what happened and why, and connect it to the concept, guided by planned questions.',
          'All of "Demonstrated", and students apply the concept to a new situation beyond the game during the debrief.',
        ],
      },
      {
        title: 'Evidence of student learning',
        description: 'Student work shows what students learned from the game.',
        partIndex: 2,
        descriptors: [
          'No student work is provided.',
          'Student work is provided, but it shows engagement rather than learning, or the summary does not interpret it.',
          'Work from at least three students shows what they learned about the goal, and the summary interprets it accurately, including misconceptions.',
          'All of "Demonstrated", and the evidence compares students\' understanding before and after the game.',
        ],
      },
      {
        title: 'Reflection',
        description: 'The educator reflects critically on the game as a learning tool.',
        partIndex: 3,
        descriptors: [
          'The reflection describes the lesson without evaluating it.',
          'The reflection evaluates student enjoyment or engagement rather than learning.',
          'The reflection uses the student evidence to judge where the game did and did not require the learning goal, and plans specific changes.',
          'All of "Demonstrated", and the reflection considers how different students experienced the game (for example competitive or quieter students) and how to include them all.',
        ],
      },
    ],
    passingRule: PASSING_RULE,
  },
  alignments: [
    {
      targetName: 'Designer',
      targetUrl: ISTE_URL,
      targetDescription: 'Educators design authentic, learner-driven activities and environments that recognize and accommodate learner variability.',
      targetFramework: ISTE,
      targetCode: '2.5',
    },
    {
      targetName: 'Standard 8: Instructional Strategies',
      targetUrl: INTASC_URL,
      targetFramework: INTASC,
      targetCode: '8',
    },
  ],
};

export const microCredentials: SeedMicroCredential[] = [
  { issuerSlug: 'ptc', trackSlug: SLUGS.leadershipTools, def: stagesOfTeamBuilding },
  { issuerSlug: 'ptc', trackSlug: SLUGS.leadershipTools, def: teamAgenda },
  { issuerSlug: 'ptc', trackSlug: SLUGS.empoweringAssessment, def: assessmentCycle },
  { issuerSlug: 'ptc', trackSlug: SLUGS.empoweringAssessment, def: contextualAssessment },
  { issuerSlug: 'teaching-matters', trackSlug: SLUGS.teacherLeadership, def: collaborativeInquiry },
  { issuerSlug: 'teaching-matters', trackSlug: SLUGS.teacherLeadership, def: evidenceBasedCycles },
  { issuerSlug: 'digital-promise', def: growthMindset },
  { issuerSlug: 'digital-promise', def: drivingQuestions },
  { issuerSlug: 'digital-promise', def: gameBasedLearning },
];

// ───────────────────────────── Stacks ─────────────────────────────

export const stacks: SeedStack[] = [
  {
    issuerSlug: 'digital-promise',
    stack: {
      slug: SLUGS.studentCenteredLearning,
      title: 'Student-Centered Learning',
      summary:
        'Earn all three classroom micro-credentials (growth mindset, driving questions and game-based learning) to show you put students at the centre of learning.',
      description: [
        'This stack brings together three Digital Promise micro-credentials that each put students at the centre of learning in a different way:',
        '',
        '- **Growth Mindset: Praising the Process**: students learn that strategies and effort lead to progress.',
        '- **Project-Based Learning: Driving Questions**: students pursue real questions that matter to them.',
        '- **Game-Based Learning: Designing Play with Purpose**: students learn by playing, then make sense of what they did.',
        '',
        'Each is earned with evidence from your own classroom, and together they show a classroom where students lead their own learning.',
      ].join('\n'),
      badgeColor: '#be185d',
      microCredentials: [SLUGS.growthMindset, SLUGS.drivingQuestions, SLUGS.gameBasedLearning],
    },
  },
];
