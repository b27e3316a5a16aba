// Demo work for the demo teacher, Maya Okafor (grade 7 science, Kettle Moraine Middle School).
// The seed runs `earnedApplication` through the real submit, review and award path so she holds an earned
// badge, and saves `draftApplication` as an in-progress draft. Data only.
import { DEMO_ACCOUNTS } from '@/lib/demo';
import { SLUGS } from '@/prisma/seed-data/credentials';

export type DemoResponse = {
  // Index into the credential's parts, and its title (the check script verifies they match).
  partIndex: number;
  partTitle: string;
  text: string;
};

export type DemoCriterionScore = {
  // Index into the rubric's criteria (sortOrder) and the awarded level rank (0 = "Not yet").
  criterionIndex: number;
  rank: number;
  feedback: string;
};

export type DemoProposal = {
  microCredentialSlug: string;
  studentGoals: string;
  plan: string;
  status: 'APPROVED' | 'SUBMITTED';
  decisionComment?: string;
};

const teacherAccount = DEMO_ACCOUNTS.find((a) => a.role === 'Teacher')!;
const reviewerAccount = DEMO_ACCOUNTS.find((a) => a.role === 'Reviewer')!;

export const demoTeacher = {
  email: teacherAccount.email,
  name: teacherAccount.name,
  publicName: 'Maya Okafor',
  handle: 'maya-okafor',
  districtSlug: 'kettle-moraine',
  schoolSlug: 'kettle-moraine-middle-school',
  gradeLevel: 'Grade 7',
  subject: 'Science',
  // "What I teach" and the portfolio headline (account page), so the dashboard's suggestions, the
  // catalogue's "Matches what I teach" and the portfolio's top show them from the start. Values the
  // catalogue offers (check.ts).
  teachesSubjects: ['Science'],
  teachesGradeBands: ['6-8'],
  portfolioHeadline: 'Grade 7 science teacher',
};

// Kettle Moraine requires an approved proposal before a teacher starts; these are Maya's, both approved
// by the district leader demo account.
export const demoProposals: DemoProposal[] = [
  {
    microCredentialSlug: SLUGS.stagesOfTeamBuilding,
    studentGoals:
      'Our grade 7 science team is writing common lab assessments for the first time this year. If our team works well together, every grade 7 student will be assessed on the same lab skills with the same clear criteria, whichever teacher they have, and our co-taught classes will get assessments that are accessible from the start.',
    plan:
      'Complete the PTC level 1 credential on the stages of team building by the end of October: read the course materials, keep an observation log over three team meetings, analyse our team\'s stage and plan a leadership move for the November meetings. Then continue to the level 2 agenda credential.',
    status: 'APPROVED',
    decisionComment: 'Approved. This fits the grade 7 common assessment work well. Please share what you learn with the other team leaders at the December leadership meeting.',
  },
  {
    microCredentialSlug: SLUGS.teamAgenda,
    studentGoals:
      'Agree the success criteria for the grade 7 lab report rubric so that all 112 grade 7 students are assessed on the same criteria from the second quarter, and so that students with IEPs have supports built into the rubric rather than added later.',
    plan:
      'Design and use an outcome-based agenda for our November team meeting on the lab report rubric, send it two days in advance, collect team feedback with a three-question exit survey, and submit the agenda, minutes, feedback and a reflection by mid-December.',
    status: 'APPROVED',
    decisionComment: 'Approved. Good link to the common assessment goal and to students with IEPs. Count this toward your classroom-evidence salary step once earned.',
  },
];

// (a) A full application for "Stages of Team Building" (level 1) that passes review.
export const earnedApplication = {
  microCredentialSlug: SLUGS.stagesOfTeamBuilding,
  responses: [
    {
      partIndex: 0,
      partTitle: 'Overview and context',
      text: [
        'I teach grade 7 science at Kettle Moraine Middle School. The team I am analysing is our grade 7 science professional learning community: three science teachers (including me) and a special education teacher who co-teaches two of our sections. Together we teach all 112 grade 7 students. We meet every Wednesday for 45 minutes during common planning time, and once a month for a longer session on an early-release afternoon.',
        'The team is only partly new. Two of us have taught grade 7 science together for three years. This August, a long-serving colleague retired and was replaced by a teacher who moved from our high school, and the special education teacher joined the team for the first time. Our task has also changed: the district has asked every grade level to write common lab assessments, starting with a lab report rubric, by the end of the first semester.',
        'I do not have a formal title, but I volunteered to coordinate the common assessment work, so I set the agenda and facilitate most meetings. That makes it important for me to understand what is going on in the team.',
      ].join('\n\n'),
    },
    {
      partIndex: 1,
      partTitle: 'Stage analysis',
      text: [
        'Tuckman\'s model describes five stages. In forming, people are polite and careful, unsure of the team\'s purpose and their own roles, and they look to the leader for direction. In storming, real differences about goals, methods and roles come to the surface; it can feel uncomfortable, but it means people are engaging with the work. In norming, the team agrees how it will work together, through norms, roles and ways of deciding, and trust grows. In performing, members work interdependently, solve problems without waiting for the leader, and hold each other accountable for results. In adjourning, the team finishes its task or breaks up, and members look back on what they achieved. Teams do not always move forward in a straight line; a new member or a new task can send a team back to an earlier stage.',
        'Our team was in forming in late August and September. My observation log shows that the teacher from the high school and the special education teacher asked me how we "usually" did things, agreed with every suggestion, and rarely added items to the agenda. Meetings were friendly but we mostly shared calendar information.',
        'I believe we are now in storming and starting to move toward norming. My evidence from three meetings in October:',
        '1. When we drafted the lab report rubric, the teacher from the high school argued that we should grade the conclusion on "claim, evidence and reasoning" as the high school does, while my longer-serving colleague wanted to keep our current checklist. The discussion was tense and ran ten minutes over time without a decision.',
        '2. The special education teacher said in the meeting that the draft rubric "only works for students who can already write a paragraph", and asked who would adapt it. Nobody answered, and she told me afterwards that she was not sure whether her role was to co-write the rubric or to modify it afterwards. That is a role question, which is typical of storming.',
        '3. Two team members began discussing the rubric by email between meetings, and some decisions were "made" there without the whole team. This side conversation is a sign that we have not yet agreed how we make decisions.',
        '4. At the same time there are signs of norming. In our third October meeting, the teacher who had argued for the checklist suggested that we each score the same two student lab reports with both versions before deciding, and everyone agreed. It was the first time someone other than me proposed how we would decide something.',
        'So I would place the team in storming, with early signs of norming. Because two of us had a settled way of working before, it would be easy to think the new members are the problem; I think instead the team, with its new membership and new task, has had to start the stages again.',
        'The leadership move I have chosen is to bring the conflict into the meeting and give us a fair way to resolve it. At our next meeting I will spend fifteen minutes agreeing three or four written norms, including how we make decisions (decisions are made in meetings, not by email, and we use a "fist to five" check), and we will clarify the special education teacher\'s role as a co-author of the rubric from the first draft. This fits storming because it does not avoid the disagreement or settle it for the team; it gives the team a structure to work through it together.',
      ].join('\n\n'),
    },
    {
      partIndex: 2,
      partTitle: 'Reflection',
      text: [
        'Before this course, I read our tense rubric meeting as a sign that the team was not working and that I had failed as a facilitator. My instinct was to smooth things over, or to write the rubric myself and bring a finished version. Understanding the stages helped me see the disagreement as the first time we were really working on something together. Avoiding it would probably have kept us stuck in storming for longer, with the conflict moving into email and hallway conversations.',
        'It also changed how I see quiet. In September I took our new colleagues\' agreement as a sign that things were going well. Now I recognise it as forming, and I realise that the special education teacher\'s concerns were there all along; she was waiting to know whether it was safe to raise them.',
        'In the next month I will: agree written norms and a decision process at our next meeting; make the special education teacher a co-author of the rubric; and use the shared scoring of two lab reports, which the team suggested, to settle the rubric question with evidence. I will know we are moving into norming when disagreements are raised in the meeting rather than by email, when we reach a decision on the rubric and everyone uses it, and when team members other than me add items to the agenda and lead parts of the meeting.',
        'The question I still have is how to keep a team in norming and performing when its membership changes, because our team is likely to change again next year.',
      ].join('\n\n'),
    },
  ] satisfies DemoResponse[],
  // 2-3 sentences the teacher agrees to publish with the credential (no colleague or student names).
  publicSummary:
    'Maya analysed her grade 7 science team\'s development using Tuckman\'s stages, drawing on an observation log she kept across the team\'s autumn meetings. She identified the team as moving from storming toward norming after changes in membership and task, and planned written norms, a clear decision process and shared roles to help the team agree a common lab report rubric.',
  review: {
    reviewerEmail: reviewerAccount.email,
    decision: 'PASS' as const,
    scores: [
      {
        criterionIndex: 0,
        rank: 2,
        feedback:
          'Clear and complete context: the team\'s purpose, membership, meeting pattern and your role are all described, and you explain the two recent changes (new members and the common assessment task) that matter for your analysis.',
      },
      {
        criterionIndex: 1,
        rank: 3,
        feedback:
          'All five stages are explained accurately in your own words, including adjourning. You also note that teams can move back to earlier stages and connect this to your team\'s new members and new task, which is what lifts this to Exemplary.',
      },
      {
        criterionIndex: 2,
        rank: 2,
        feedback:
          'Your storming diagnosis is well supported by specific, observable examples from your log: the rubric disagreement, the unanswered role question and the email side conversations. Your leadership move fits the stage. To reach Exemplary, weigh the evidence more explicitly: for example, could the email conversations also be read as colleagues avoiding conflict, a sign of forming?',
      },
      {
        criterionIndex: 3,
        rank: 2,
        feedback:
          'A thoughtful reflection. Your insight that you read quiet agreement as success is a real shift in thinking. Your next steps are concrete, and you name observable signs that the team is moving into norming.',
      },
    ] satisfies DemoCriterionScore[],
    overallComment:
      'Congratulations, Maya: this application meets the standard on every criterion. Your analysis is grounded in what you actually observed, and you use the model to rethink your own role as facilitator, not only to label the team. Your plan for norms and shared decision-making is a strong starting point for the level 2 credential, Designing an Effective Team Agenda.',
  },
};

// (b) An in-progress draft for "Designing an Effective Team Agenda" (level 2): first part only.
export const draftApplication = {
  microCredentialSlug: SLUGS.teamAgenda,
  responses: [
    {
      partIndex: 0,
      partTitle: 'Overview and context',
      text: [
        'The team is our grade 7 science professional learning community at Kettle Moraine Middle School: three science teachers and a special education teacher who co-teaches two of our sections. We meet for 45 minutes every Wednesday. In my level 1 analysis I found the team in storming, beginning to move toward norming, after two new members joined and the district asked us to write common lab assessments.',
        'The meeting I planned was our November session on the lab report rubric. It needed to achieve two outcomes: agree the success criteria for the "conclusion" section, using our shared scoring of two student lab reports as evidence; and agree how the rubric will support students with IEPs from the start. This matters for students because, until now, a grade 7 student\'s lab report could be judged quite differently depending on their teacher, and students with IEPs received adapted rubrics weeks after everyone else.',
        'What usually gets in the way: our meetings start with announcements that take half the time, decisions drift into email afterwards, and we rarely agree who will do what by when.',
      ].join('\n\n'),
    },
  ] satisfies DemoResponse[],
};

// (c) An older badge: "The Assessment Cycle" (level 1, valid for three years), which Maya earned
// almost three years ago. It now falls inside the renewal window, so her badges page, the
// application page and a reminder offer to renew it. The seed runs the real flow, dated back.
export const renewalDueApplication = {
  microCredentialSlug: SLUGS.assessmentCycle,
  /** Decided this many months ago, less `daysLeft` days: the badge expires `daysLeft` days from today. */
  monthsAgo: 36,
  daysLeft: 40,
  proposal: {
    studentGoals:
      'Grade 7 students in my science classes will use success criteria to check and improve their own lab reports, so that by the end of the forces unit most of them can say which criterion they are working on without asking me.',
    plan:
      'Study the assessment cycle materials during September, map my forces and motion unit onto the cycle in October, and submit the mapping with one piece of student work and a reflection before the winter break.',
    decisionComment: 'Approved. A good fit with our focus on student self-assessment this year.',
  },
  responses: [
    {
      partIndex: 0,
      partTitle: 'Overview and context',
      text: [
        'I teach grade 7 science at Kettle Moraine Middle School: four classes of about 28 students each, including students with IEPs in two co-taught sections. The unit I mapped is a five-week unit on forces and motion, which ends with a lab report on a cart-and-ramp investigation.',
        'Our science team gives a common end-of-unit lab report scored with a shared rubric. Until this year I gave feedback mainly on the final report, when it was too late for students to use it.',
        'I chose this unit because last year many students could carry out the investigation but wrote conclusions that did not use their data, and I wanted to find where in my teaching that was being lost.',
      ].join('\n\n'),
    },
    {
      partIndex: 1,
      partTitle: 'Mapping the cycle',
      text: [
        'Learning goal and success criteria. The goal, as students saw it: "I can explain how a force changes an object\'s motion, using data from my own investigation." Success criteria: (1) my claim answers the investigation question; (2) I use at least two measurements from my data as evidence; (3) I explain why the evidence supports the claim, using the words force and speed.',
        'Evidence. After the first ramp trial, students wrote a one-paragraph draft conclusion on a sticky note. Of 112 students, 94 made a claim, but only 41 used any measurement from their data.',
        'Feedback. I did not grade the drafts. I sorted them into three piles and gave each student one question matched to the first criterion they had not met, for example "Which two numbers from your table show this?" Students rewrote their conclusion at the start of the next lesson.',
        'Adjustment. Because most students were missing criterion 2, I added a ten-minute mini-lesson on choosing data as evidence, with two sample conclusions to compare, and I gave the co-taught sections a sentence frame. On the second trial, 83 of 112 conclusions used at least two measurements, so I moved on, and met a small group of twelve for a short follow-up.',
        'Students as partners. Before the final report, students highlighted their own drafts in three colours, one per criterion, and swapped with a partner who wrote one "next step" against the criterion that was weakest. Each student then chose which criterion to improve first.',
      ].join('\n\n'),
    },
    {
      partIndex: 2,
      partTitle: 'Reflection',
      text: [
        'Mapping the unit showed me that I was strong at gathering evidence but weak at using it: I used to collect exit tickets and move on regardless of what they said. This time the sticky-note drafts changed my next lesson, and the second trial suggests it worked.',
        'The change that would most help my students is to make self-assessment against success criteria a routine in every unit, not only before a graded report. At the moment students use the criteria when I prompt them, but not yet on their own.',
        'I will know it is working if, by the end of the next unit, most students can name the criterion they are working on, and if fewer final lab reports make the same mistake as their first drafts.',
      ].join('\n\n'),
    },
  ] satisfies DemoResponse[],
  publicSummary:
    'Maya mapped her grade 7 forces and motion unit onto the assessment cycle, using draft conclusions as evidence and targeted questions as feedback. She changed her next lessons in response, and the share of students using data as evidence rose from about a third to three quarters.',
  review: {
    scores: [
      { criterionIndex: 0, rank: 2, feedback: 'The goal describes learning and the three success criteria are written in language students understand.' },
      { criterionIndex: 1, rank: 2, feedback: 'Evidence, feedback and adjustment are clearly linked to the goal, with numbers that show the cycle turning once.' },
      { criterionIndex: 2, rank: 2, feedback: 'Students assess their own and a partner\'s work against the criteria and choose what to improve.' },
      { criterionIndex: 3, rank: 2, feedback: 'You name your strongest and weakest stages, one specific change, and how you will judge its success.' },
    ] satisfies DemoCriterionScore[],
    overallComment: 'This application meets the standard on every criterion. Well done.',
  },
};
