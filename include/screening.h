/* screening.h — the questions before a loading program starts.
 *
 * Pure: answers in, a verdict and its advice out. The questions and what
 * follows from them come from the clinical practice guideline for
 * midportion Achilles tendinopathy (Martin et al., JOSPT 2018): signs of a
 * rupture need same-day care, not a program; a recent fluoroquinolone
 * antibiotic, a steroid injection near the tendon, or pain in both tendons
 * with other joints call for a clinician first; pain where the tendon meets
 * the heel (insertional) is loaded only down to floor level (Jonsson et al.,
 * Br J Sports Med 2008).
 */
#ifndef TENDO_SCREENING_H
#define TENDO_SCREENING_H

#include <stdbool.h>

struct screening {
	bool red_flag;        /* a pop, a kick at the back of the heel, a gap, can't push off */
	bool insertional;     /* the pain is where the tendon meets the heel bone */
	bool fluoroquinolone; /* such an antibiotic in the last months */
	bool steroid;         /* a steroid injection near the tendon */
	bool systemic;        /* both tendons hurt, with other joints */
	bool cleared;         /* a clinician has seen it and said the program may start */
};

enum screening_verdict {
	SCREENING_START,          /* the program may start */
	SCREENING_SAME_DAY_CARE,  /* a possible rupture: no program, care today */
	SCREENING_CLINICIAN_FIRST /* see a clinician first; may start once cleared */
};

/* The questions, in the order asked; each is answered yes or no. */
enum screening_question {
	QUESTION_RED_FLAG,
	QUESTION_INSERTIONAL,
	QUESTION_FLUOROQUINOLONE,
	QUESTION_STEROID,
	QUESTION_SYSTEMIC,
	QUESTION_CLEARED, /* asked only when one of the three before applies */
	QUESTION_COUNT
};

extern const char *const screening_questions[QUESTION_COUNT];

/* The answer a question sets. */
bool *screening_answer(struct screening *s, enum screening_question q);

/* The question to ask after q (given the answers so far) into *q; false
 * when the screening is over: a red flag ends it at once, and the
 * clearance is asked only after a caution. */
bool screening_next(const struct screening *s, enum screening_question *q);

enum screening_verdict screening_verdict(const struct screening *s);

/* A verdict in a few words, as the log keeps it: "start", "same-day care",
 * "clinician first". */
const char *screening_verdict_name(enum screening_verdict v);

/* The advice for a verdict, in full sentences. */
const char *screening_advice(enum screening_verdict v);

/* The site in words, as the log keeps it: "insertional" or "midportion". */
const char *screening_site(const struct screening *s);

#endif
