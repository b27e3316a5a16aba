// Calibration exemplars: anonymised sample applications with agreed scores. A reviewer scores them before
// reviewing real applications for the credential; their ranks are compared with expectedRanks.
// Data only; prisma/seed.ts writes them as CalibrationExemplar rows.
import { SLUGS } from '@/prisma/seed-data/credentials';

export type SeedCalibrationExemplar = {
  microCredentialSlug: string;
  // Neutral title shown to the reviewer (it does not reveal the expected result).
  title: string;
  // One entry per answered part; partTitle matches the part's title exactly.
  responses: { partTitle: string; text: string }[];
  // { [criterion index (sortOrder)]: expected rank }, 0 = "Not yet" ... 3 = "Exemplary".
  expectedRanks: Record<number, number>;
  // Why the agreed scores are what they are; safe to show the reviewer after they have scored.
  rationale: string;
};

export const calibrationExemplars: SeedCalibrationExemplar[] = [
  // ───────────── Stages of Team Building (criteria: 0 context, 1 understanding, 2 evidence-based analysis, 3 reflection)
  {
    microCredentialSlug: SLUGS.stagesOfTeamBuilding,
    title: 'Sample A: Grade 4 homeroom team',
    responses: [
      {
        partTitle: 'Overview and context',
        text: [
          'I teach Grade 4 at an international primary school in Southeast Asia. Our Grade 4 team has five homeroom teachers and an English as an additional language (EAL) specialist who works with all five classes. We meet every Tuesday for an hour to plan units, moderate writing and share information about students.',
          'Three of us have worked together for two years. This August two new teachers joined from overseas, and our previous team leader moved to a curriculum role, so I became team leader. At the same time the school asked every grade to introduce common writing assessments. So the team has new members, a new leader and a new task all at once, and I chose it because I want to understand what I am seeing in our meetings.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Stage analysis',
        text: [
          'Tuckman describes five stages. In forming, people are polite and cautious and look to the leader to explain what the team is for. In storming, differences in ideas and working styles come out, and there is conflict about goals, roles or methods; it feels uncomfortable but it means people care about the work. In norming, the team agrees how it will work and trust grows. In performing, the team works interdependently and solves problems without needing the leader to drive everything. In adjourning, the team finishes its work or breaks up and looks back on what it achieved. Teams can slip back a stage when something changes, such as a new member.',
          'I think our team is in storming, and beginning to move into norming. My evidence:',
          '1. In our September meetings the two new teachers said very little and asked me how things "are done here", which fits forming. By October that had changed.',
          '2. In the meeting on the common writing rubric, one experienced teacher and one new teacher disagreed openly about whether to grade spelling in the rubric. The discussion went over time and two people left without agreeing. This is classic storming: a real disagreement about the task.',
          '3. Our EAL specialist told me privately that she feels her suggestions are "noted and then ignored". That is a role conflict, also typical of storming.',
          '4. At the same time there are signs of norming: last week someone suggested we write down how we make decisions, and everyone agreed, and two teachers have started sharing planning documents without being asked.',
          'Because we had a stable, almost performing team last year and then changed members, leader and task, I see this as the team slipping back and starting again, not as a failure.',
          'The leadership move I have chosen is to spend the first twenty minutes of our next meeting agreeing written norms, including how we make decisions (we will use "fist to five" and agree that we can live with a decision at three or above), and to give the EAL specialist a standing agenda item. This fits storming because it brings the conflict into the open and gives us a fair way to resolve it, rather than me deciding the rubric myself.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Reflection',
        text: [
          'Before this course I saw our tense meetings as a sign that I was a weak leader or that the new teachers did not fit. Understanding the stages helped me see the disagreement as the team doing real work together for the first time. I now think that my wish to keep everyone comfortable was keeping us in storming longer, because the conflict was going underground.',
          'In the next month I will agree written norms, use a clear decision process for the writing rubric, and check in with the EAL specialist after each meeting. I will know we are moving into norming when disagreements are raised in the meeting rather than afterwards in corridors, when we make the rubric decision and stick to it, and when team members start to lead agenda items themselves.',
          'My remaining question is how to keep a team in norming and performing when our school has so much staff turnover every year.',
        ].join('\n\n'),
      },
    ],
    expectedRanks: { 0: 2, 1: 3, 2: 2, 3: 2 },
    rationale:
      'Meets the standard. Context is complete, including the recent changes (Demonstrated). All five stages are explained accurately in the teacher\'s own words, and the response notes that teams slip back when something changes and names the triggers (Exemplary). The storming diagnosis rests on four specific, observable examples, earlier forming is identified, and the leadership move fits storming (Demonstrated; it does not weigh competing interpretations in depth, so not Exemplary). The reflection links the model to the teacher\'s own behaviour and names observable signs of progress (Demonstrated).',
  },
  {
    microCredentialSlug: SLUGS.stagesOfTeamBuilding,
    title: 'Sample B: Secondary humanities department',
    responses: [
      {
        partTitle: 'Overview and context',
        text: [
          'I am a member of the humanities department at an international secondary school. The department has seven teachers covering history, geography and individuals and societies for Grades 6 to 12. We meet every two weeks after school for 90 minutes, and our head of department chairs the meetings. I have been in the department for four years and this year I coordinate the Grade 6 to 8 curriculum.',
          'Five of us have worked together for several years; one teacher joined last year and one this year. Our main task this year is to rewrite our Grade 6 to 8 units for the school\'s new concept-based curriculum framework.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Stage analysis',
        text: [
          'The first stage is forming, when the group comes together. Members are polite, unsure about the purpose and depend on the leader for direction. The second stage is storming, when conflict appears about goals, roles and ways of working; this is a normal part of development. Norming is when the group agrees on norms and roles and members start to trust each other. Performing is when the team works well together towards its goals with little direction. Adjourning is the final stage, when the task is finished and the team separates.',
          'I believe our department is in the performing stage. We have worked together for a long time and we get along very well. Our meetings are friendly and there are no arguments. Everyone is professional and we always finish the agenda on time. People are happy in the department.',
          'A leadership move that fits the performing stage is to delegate more. Our head of department could let us lead more of the curriculum work ourselves.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Reflection',
        text: [
          'This course helped me understand that teams go through stages and that conflict is not always bad. I used to think a good team never disagrees, and now I understand that storming can be productive if it is handled well.',
          'In the next month I want to suggest to our head of department that teachers lead the unit rewriting for their own grade level. I will also ask the two newer teachers how they are finding the department, because they may be at a different stage from the rest of us. I will know the team is developing if more people volunteer to lead agenda items and if our rewritten units are finished by the deadline in March.',
          'I would like to learn more about how a team can be at different stages for different members at the same time.',
        ].join('\n\n'),
      },
    ],
    expectedRanks: { 0: 2, 1: 2, 2: 1, 3: 2 },
    rationale:
      'Falls short on the evidence-based analysis. Context and the explanation of the five stages are accurate and complete (Demonstrated), and the reflection names concrete next steps and observable signs (Demonstrated). But the performing diagnosis rests on general impressions ("we get along", "no arguments") rather than three specific, observable examples, and several of them (politeness, no disagreement during a major curriculum change, finishing on time) point as much to forming or avoided storming as to performing. The evidence does not support the stage named, so this criterion is Developing and the application does not pass.',
  },

  // ───────────── The Assessment Cycle (criteria: 0 goals and success criteria, 1 whole cycle, 2 students as partners, 3 reflection)
  {
    microCredentialSlug: SLUGS.assessmentCycle,
    title: 'Sample A: Grade 9 mathematics, linear functions',
    responses: [
      {
        partTitle: 'Overview and context',
        text: [
          'I teach Grade 9 mathematics at an international school in the Middle East. My classes have 22 students from more than twelve countries; about a third are learning in English as an additional language. The unit I mapped is a four-week unit on linear functions.',
          'Our school reports achievement against criteria each semester, and each unit ends with a common test set by the department. Until this year I used quizzes mainly for grades, and I rarely changed my plans during a unit.',
          'I chose this unit because last year many students could calculate a gradient but could not explain what it meant in a real situation, and I wanted to see where in my cycle that was being lost.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Mapping the cycle',
        text: [
          'Learning goal and success criteria. The goal, as students saw it: "I can explain what the gradient and y-intercept of a linear function mean in a real situation." Success criteria: (1) I can find the gradient from a graph, a table or two points; (2) I can say what the gradient means using the units in the problem ("the cost rises by 3 dollars per kilometre"); (3) I can say what the y-intercept means in the problem.',
          'Evidence. In lesson 3 I gave a two-question exit ticket: find the gradient of a taxi-fare graph and explain it in words. 19 of 22 students found the gradient, but only 8 explained it using the units. In lesson 6 I used mini whiteboards for a "what does it mean?" round with five contexts.',
          'Feedback. I did not grade the exit ticket. Instead, I wrote one comment on each: either "Add the units: what is changing per what?" or "Now explain the y-intercept in this context." Students spent the first ten minutes of lesson 4 redoing their explanation in response.',
          'Adjustment. Because most students could calculate but not explain, I replaced a planned practice set with a card sort matching gradients to sentences with units, and I grouped the EAL students with sentence frames ("For every ___, the ___ increases by ___"). The lesson 6 whiteboards showed 17 of 22 explaining gradients with units, so I moved on, but I kept a small group of five for a short follow-up on y-intercepts.',
          'Students as partners. Before the end-of-unit test, students used the three success criteria to highlight their own answers on a practice question in three colours and wrote which criterion they needed to work on. Pairs then swapped and checked each other\'s explanations against criterion 2, and each student chose one of three practice sets matched to their weakest criterion.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Reflection',
        text: [
          'Mapping the unit showed me that my strongest stage is now gathering evidence: the exit ticket told me exactly where students were. My weakest stage used to be adjustment. I had always "covered" the practice set whatever the evidence said. This time the evidence changed the next lesson, and the whiteboard round suggests it worked.',
          'The change that would most help my students is to make self-assessment against success criteria a routine in every unit rather than only before the test. At the moment, students use the criteria when I prompt them, but they do not yet use them on their own.',
          'I will know the change is working if, by the end of next unit, most students can tell me which success criterion they are working on without looking at their notes, and if fewer students make the same error on the end-of-unit test that they made on the first exit ticket.',
        ].join('\n\n'),
      },
    ],
    expectedRanks: { 0: 2, 1: 2, 2: 3, 3: 2 },
    rationale:
      'Meets the standard. The goal describes learning and the three success criteria are in student-friendly language (Demonstrated; no evidence of how students came to understand them, so not Exemplary). Evidence, feedback and adjustment are clearly linked to the goal, with numbers (Demonstrated; only one clear turn of the cycle, though a second check is mentioned). Students self-assess with the criteria, give peer feedback, and choose next steps matched to their weakest criterion (Exemplary). The reflection names strongest and weakest stages, one specific change and how success will be judged (Demonstrated).',
  },
  {
    microCredentialSlug: SLUGS.assessmentCycle,
    title: 'Sample B: Grade 2 literacy, recount writing',
    responses: [
      {
        partTitle: 'Overview and context',
        text: [
          'I teach a Grade 2 class of 18 students at an international school in Europe. Most of my students speak two or more languages at home. The unit I mapped is a three-week writing unit on recounts, in which students write about a class trip to a local farm.',
          'In our school, students in Grade 2 receive a written report with comments each term, and we use a writing continuum to track progress. I chose this unit because writing is where I most want to improve my assessment.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Mapping the cycle',
        text: [
          'Learning goal and success criteria. Our goal was "We are learning to write a recount in the order things happened." The success criteria, shown with pictures on our writing wall, were: I wrote when and where at the start; I used time words (first, next, then, finally); I told events in order; I wrote how I felt at the end.',
          'Evidence. After the farm trip, students wrote a first draft. I read all the drafts and used a checklist of the four success criteria. Most students had the events in order, but 11 of 18 used only "and then" as a time word, and 7 left out when and where.',
          'Feedback. I conferenced with every student over three days. I pointed to one success criterion they had met and one to work on, and wrote a "next step" sticker on their draft, for example "Try a different time word here."',
          'Adjustment. Because so many students used only "and then", I added a mini-lesson with a time-word sorting game and a word bank on the wall. Students then revised their drafts. In the final drafts, 15 of 18 used at least three different time words.',
          'Students as partners. At the end of the unit students swapped their final recounts with a partner and gave each other a star and a wish. Most wrote comments like "I like your picture" or "Good writing". They then coloured in a smiley face to show how they felt about their writing.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Reflection',
        text: [
          'My strongest stage is feedback: conferencing takes time, but every student knew one thing to work on, and the revisions showed they used it. My weakest stage is involving students. The "star and a wish" did not work: the comments were kind but not about writing, and the smiley faces told me how students felt, not what they had learned.',
          'The change I will make is to teach students to use the picture success criteria for peer feedback. I will model it with my own writing first, then give partners a simple card with the four criteria to tick and one criterion to suggest as a wish.',
          'I will know it is working if partners\' wishes name one of the success criteria, and if students can tell me which criterion they are working on when I conference with them.',
        ].join('\n\n'),
      },
    ],
    expectedRanks: { 0: 2, 1: 2, 2: 1, 3: 2 },
    rationale:
      'Falls short on students as partners. The goal and pictorial success criteria are clear and suitable for Grade 2 (Demonstrated); evidence, feedback and adjustment are specific and linked, with before-and-after numbers (Demonstrated); and the reflection honestly identifies the weakest stage with a specific, measurable change (Demonstrated). But in the unit itself, the students\' role was peer comments unconnected to the success criteria and a feelings rating; students did not use the criteria to assess their own or each other\'s work. That criterion is Developing, so the application does not pass yet, although the planned change shows the teacher knows what to do next.',
  },

  // ───────────── Growth Mindset: Praising the Process (criteria: 0 process praise, 1 linking process to progress, 2 student response, 3 reflection)
  {
    microCredentialSlug: SLUGS.growthMindset,
    title: 'Sample A: Grade 6 mathematics',
    responses: [
      {
        partTitle: 'Overview and context',
        text: [
          'I teach Grade 6 mathematics in a public middle school, four classes of about 26 students. Many of my students arrive believing they are "good at math" or "bad at math". In September, during a fractions task, a student put her pencil down after one attempt and said, "I don\'t do fractions. My mom says she was never a math person either." Three others at her table nodded.',
          'I realised that my own praise was feeding this. I often said "You\'re a natural!" to quick students, and "Good try" to students who struggled, which tells both groups that speed equals ability.',
          'I hoped that students who give up quickly would try a second strategy before asking for help, and that quick students would be more willing to take on harder problems.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Classroom evidence',
        text: [
          'Files: classroom video (8 minutes, fraction-division problem solving, Period 3); praise log (23 entries over three weeks).',
          'Video time stamps: 01:40, I say to a student, "You drew a model when the numbers got confusing. That\'s a strategy you can use on every fraction problem." 04:15, a student is stuck; I say, "Not yet. You\'ve tried common denominators twice. What\'s another way we\'ve learned?" and she switches to a bar model. 06:50, I ask a quick finisher to explain which strategy was most efficient and why, and praise her checking her answer with estimation.',
          'Log summary: in week 1, 9 of 11 entries were process-focused; by week 3 all were. In week 1 I noticed I gave praise mostly to the same eight confident students, so in weeks 2 and 3 I planned to give process feedback to at least two quieter students each lesson. The log shows 17 different students by the end.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Student voice',
        text: [
          'Files: three student reflections (written), each from early September and late October.',
          'In September, Student 1 wrote "I am not good at fractions so I ask the teacher." In October she wrote, "When I got stuck I drew the bar model. Then I checked with estimation. I got it on my second try." Student 2 moved from "I\'m fast so it\'s easy" to "The hard one took me three tries. Drawing it helped." Student 3\'s reflections both focused on effort ("I tried hard"), but the October one also names a strategy ("I used the number line"). Two of three students now describe strategies rather than fixed ability.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Reflection',
        text: [
          'My praise changed more than I expected. In the first week my log showed I was still praising speed and "being good at this", and only to the confident students. Planning who I would give feedback to, and rewriting my go-to phrases, made process praise a habit by week three.',
          'The biggest change in students was in how they respond to being stuck. In September, most students in Period 3 raised their hand or stopped after one attempt. In the video and in the last two weeks, more students try a second strategy first. In the end-of-unit test, 21 of 26 students in Period 3 showed more than one strategy on the hardest question, compared with 9 of 26 on the September pre-test.',
          'I will keep the log for one class each unit, because it shows me who I am missing. I will also keep pairing "not yet" with a question about a new strategy, since "not yet" on its own sometimes sounded like "wrong".',
        ].join('\n\n'),
      },
    ],
    expectedRanks: { 0: 3, 1: 2, 2: 2, 3: 2 },
    rationale:
      'Meets the standard. The video and log show specific process praise, and the teacher deliberately extended it to quieter students (Exemplary). The teacher links strategies to success and pairs "not yet" with a next strategy (Demonstrated; no side-by-side evidence of growth shown to students). Before-and-after reflections show students describing strategies, and the explanation is accurate, including for the student whose change was small (Demonstrated). The reflection uses the log and student results and names next steps (Demonstrated).',
  },
  {
    microCredentialSlug: SLUGS.growthMindset,
    title: 'Sample B: Grade 10 chemistry',
    responses: [
      {
        partTitle: 'Overview and context',
        text: [
          'I teach Grade 10 chemistry in a large public high school. Many students believe chemistry is for "science people", and some students who did well in earlier grades avoid questions they might get wrong. When I introduced balancing equations, one student said "I\'m not smart enough for this" and stopped working.',
          'I wanted my students to see struggle as normal and to keep working on hard problems.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Classroom evidence',
        text: [
          'Files: classroom video (6 minutes, balancing equations practice); praise log (12 entries over two weeks).',
          'Video time stamps: 00:55, I say "Great job organising your atoms in a table." 02:30, "I can see you checked each element. Nice careful work." 04:10, a student is stuck and says he can\'t do it; I say, "Not yet! Keep going, you\'ll get there," and move to the next group.',
          'Log summary: 10 of 12 entries name something the student did (used a table, checked each element, tried again), and 2 are "great work". Most feedback was given to students while I circulated during practice.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Student voice',
        text: [
          'Files: two student exit reflections (written), one from the start and one from the end of the unit.',
          'At the start, Student 1 wrote "I am bad at balancing equations." At the end she wrote "Balancing is hard but I kept trying and checked each element, and I got the last two right." Student 2 wrote "Using a table helped me see which atoms were not equal yet." Both describe strategies that helped them.',
        ].join('\n\n'),
      },
      {
        partTitle: 'Reflection',
        text: [
          'Keeping the log made me notice that I used to say "good job" without saying what was good. Now most of my praise names what the student did, such as using a table or checking each element. The log also shows that my feedback reached nine different students, mostly those who called me over for help, so quieter students heard much less of it.',
          'Students seem more willing to try hard problems. Fewer students gave up during our practice sessions in the second week, and the class average on the balancing quiz rose from 64% to 78%.',
          'Next I want to use process praise in labs as well as in practice work, keep the log going for another unit, and plan to give feedback to three students each lesson who do not usually ask for help.',
        ].join('\n\n'),
      },
    ],
    expectedRanks: { 0: 2, 1: 1, 2: 2, 3: 2 },
    rationale:
      'Falls short on linking process to progress. Most praise in the video and log names a specific action, with twelve entries over two weeks (Demonstrated). Two student reflections show students describing strategies that helped them (Demonstrated), and the reflection draws on the log and quiz results with a next step (Demonstrated). But the teacher never connects students\' strategies to what improved, and at 04:10 "Not yet! Keep going" is used without a next step or new strategy, leaving a struggling student to persist alone. That criterion is Developing, so the application does not pass yet.',
  },
];
