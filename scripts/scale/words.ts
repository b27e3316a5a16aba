// Word lists the scale seed combines into titles, competencies, rubric text and names, so full-text
// search over the catalogue has varied, realistic language to match (and to miss).

export const OBJECTS = [
  'exit tickets', 'academic discussions', 'peer feedback', 'learning intentions', 'success criteria',
  'small-group instruction', 'team agendas', 'data conversations', 'questioning strategies', 'student self-assessment',
  'reading conferences', 'number talks', 'lab investigations', 'restorative circles', 'family conferences',
  'digital portfolios', 'co-teaching routines', 'vocabulary instruction', 'writing workshops', 'project milestones',
  'retrieval practice', 'worked examples', 'classroom norms', 'growth mindset messages', 'collaborative problem solving',
  'formative assessment cycles', 'instructional rounds', 'lesson study', 'student-led conferences', 'universal design for learning',
  'sentence frames', 'inquiry questions', 'rubric co-construction', 'mentoring conversations', 'professional learning communities',
  'peer observation', 'goal setting', 'spaced practice', 'think-alouds', 'choice boards',
];

export const QUALIFIERS = [
  'in the primary classroom', 'for multilingual learners', 'across a unit of study', 'with student voice', 'in mixed-ability groups',
  'in secondary science', 'in middle school mathematics', 'with digital tools', 'for equitable participation', 'in a professional learning community',
  'for students with disabilities', 'in early literacy', 'in project-based learning', 'in a blended classroom', 'with families',
  'across grade-level teams', 'in high school English', 'for deeper learning', 'in social studies inquiry', 'for newcomer students',
  'in the arts', 'in physical education', 'during remote learning', 'in a co-taught classroom', 'for gifted learners',
];

// Level 1 shows understanding; level 2 shows the skill in the teacher's own classroom.
export const VERBS_L1 = ['Understanding', 'Exploring', 'Explaining', 'Examining', 'Recognising', 'Analysing'];
export const VERBS_L2 = ['Using', 'Leading', 'Designing', 'Facilitating', 'Implementing', 'Planning', 'Coaching', 'Scaffolding', 'Assessing', 'Modelling'];

export const OUTCOMES = [
  'misconceptions', 'participation patterns', 'progress toward learning goals', 'engagement', 'growth in academic language',
  'independence', 'mathematical reasoning', 'collaboration', 'self-regulation', 'gaps in achievement',
];

export const TOPICS = [
  'Formative assessment', 'Classroom discourse', 'Teacher leadership', 'Literacy across the curriculum', 'Culturally responsive teaching',
  'Digital learning', 'Social-emotional learning', 'Inclusive practice', 'Project-based learning', 'Mathematical thinking',
  'Science inquiry', 'Feedback', 'Student agency', 'Differentiation', 'Family engagement',
  'Data-informed instruction', 'Classroom climate', 'Collaborative planning', 'Assessment design', 'Language development',
];

export const SUBJECTS = ['English', 'Mathematics', 'Science', 'Social studies', 'Arts', 'Physical education', 'World languages', 'Computer science', 'Special education', 'All subjects'];

export const GRADE_BANDS = ['K-2', '3-5', '6-8', '9-12'];

export const ISSUER_ADJECTIVES = ['Northern', 'Coastal', 'Summit', 'Riverside', 'Prairie', 'Harbor', 'Lakeside', 'Evergreen', 'Granite', 'Meridian'];
export const ISSUER_NOUNS = ['Teacher Leadership', 'Learning Design', 'Classroom Practice', 'Educator Development', 'Instructional Coaching'];
export const ISSUER_SUFFIXES = ['Institute', 'Academy', 'Center', 'Collaborative', 'Network'];

export const PLACES = [
  'Maple Valley', 'Cedar Falls', 'Kettle Creek', 'Pine Ridge', 'Silver Lake', 'Oak Harbor', 'Willow Springs', 'Stone Bridge',
  'Eagle Point', 'Fox River', 'Clear Water', 'Red Rock', 'Bright Meadow', 'Iron Hills', 'Blue Mesa', 'Green Bay Heights',
  'Aspen Grove', 'Hollow Brook', 'Falcon Crest', 'Sandy Shores',
];
export const SCHOOL_KINDS = ['Elementary School', 'Middle School', 'High School', 'Primary Academy', 'K-8 School'];

export const FIRST_NAMES = [
  'Maya', 'Daniel', 'Priya', 'Tom', 'Aisha', 'Lucas', 'Sofia', 'Kenji', 'Amara', 'Noah', 'Elena', 'Mateo', 'Grace', 'Omar', 'Hannah',
  'Diego', 'Leila', 'Samuel', 'Chloe', 'Ravi', 'Fatima', 'Isaac', 'Mei', 'Jonah', 'Zara', 'Tariq', 'Ingrid', 'Kwame', 'Lucia', 'Aaron',
  'Nadia', 'Felix', 'Yuki', 'Emma', 'Kofi', 'Anya', 'Marcus', 'Rosa', 'Theo', 'Layla',
];
export const LAST_NAMES = [
  'Okafor', 'Reyes', 'Natarajan', 'Lindqvist', 'Nguyen', 'Garcia', 'Smith', 'Kowalski', 'Haddad', 'Johansson', 'Mensah', 'Tanaka',
  'Murphy', 'Rossi', 'Ahmed', 'Schmidt', 'Oliveira', 'Kim', 'Novak', 'Dubois', 'Patel', 'Hughes', 'Moreau', 'Bianchi', 'Costa',
  'Fischer', 'Ito', 'Walker', 'Adeyemi', 'Larsen', 'Silva', 'Chen', 'Petrov', 'Brennan', 'Sato', 'Ortiz', 'Khan', 'Baker', 'Horvat', 'Lopez',
];

export const PART_TITLES = ['Context', 'Evidence of practice', 'Student work', 'Reflection'];
export const CRITERION_TITLES = ['Context and goals', 'Use of the method', 'Evidence of student learning', 'Reflection and next steps'];
export const LEVEL_LABELS = ['Beginning', 'Developing', 'Proficient', 'Exemplary'];
export const FEEDBACK = [
  'Clear link between the goal and the evidence you chose.',
  'Add one more example of student work to show the change over time.',
  'Your reflection names a concrete next step; say how you will know it worked.',
  'The context is well described; tighten the connection to the rubric.',
  'Strong use of the method across the unit.',
  'Show how students responded, not only what you planned.',
];
export const SENTENCES = [
  'I teach a class of twenty-six students with a wide range of reading levels.',
  'Before the unit, most students could not explain their reasoning in writing.',
  'We used the routine three times a week and I kept notes after each lesson.',
  'Student work samples show clearer explanations by the third week.',
  'A colleague observed two lessons and we compared our notes.',
  'The quieter students began to contribute once the sentence frames were on the wall.',
  'Next term I will adapt the routine for the students who are still struggling.',
  'The data from exit tickets helped me regroup students for the following lesson.',
  'Families responded well to the short video updates we shared.',
  'I changed the success criteria after students found the first version confusing.',
];
