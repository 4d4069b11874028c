/* screening.c — the questions before a program starts (see screening.h). */
#include "screening.h"

const char *const screening_questions[QUESTION_COUNT] = {
    [QUESTION_RED_FLAG] =
        "Did the pain start with a sudden pop or snap, or a feeling of being kicked at the "
        "back of the heel? Or can you feel a gap in the tendon, or can't you push off or rise "
        "on your toes?",
    [QUESTION_INSERTIONAL] =
        "Is the pain where the tendon meets the heel bone (insertional), rather than 2 to 6 "
        "cm above the heel (mid-portion)?",
    [QUESTION_FLUOROQUINOLONE] = "Have you taken a fluoroquinolone antibiotic (such as "
                                 "ciprofloxacin or levofloxacin) in the last months?",
    [QUESTION_STEROID] = "Have you had a steroid injection near the tendon?",
    [QUESTION_SYSTEMIC] = "Do both Achilles tendons hurt, along with other joints?",
    [QUESTION_CLEARED] = "Has a doctor or physiotherapist seen the tendon since and said you "
                         "may start a loading program?",
};

bool *screening_answer(struct screening *s, enum screening_question q)
{
	bool *answers[QUESTION_COUNT] = {
	    [QUESTION_RED_FLAG] = &s->red_flag,
	    [QUESTION_INSERTIONAL] = &s->insertional,
	    [QUESTION_FLUOROQUINOLONE] = &s->fluoroquinolone,
	    [QUESTION_STEROID] = &s->steroid,
	    [QUESTION_SYSTEMIC] = &s->systemic,
	    [QUESTION_CLEARED] = &s->cleared,
	};
	return answers[q];
}

static bool caution(const struct screening *s)
{
	return s->fluoroquinolone || s->steroid || s->systemic;
}

bool screening_next(const struct screening *s, enum screening_question *q)
{
	if (*q == QUESTION_RED_FLAG && s->red_flag)
		return false;
	if (*q == QUESTION_SYSTEMIC && !caution(s))
		return false;
	if (*q + 1 >= QUESTION_COUNT)
		return false;
	*q = (enum screening_question)(*q + 1);
	return true;
}

enum screening_verdict screening_verdict(const struct screening *s)
{
	if (s->red_flag)
		return SCREENING_SAME_DAY_CARE;
	if (caution(s) && !s->cleared)
		return SCREENING_CLINICIAN_FIRST;
	return SCREENING_START;
}

const char *screening_verdict_name(enum screening_verdict v)
{
	static const char *const names[] = {
	    [SCREENING_START] = "start",
	    [SCREENING_SAME_DAY_CARE] = "same-day care",
	    [SCREENING_CLINICIAN_FIRST] = "clinician first",
	};
	return names[v];
}

const char *screening_advice(enum screening_verdict v)
{
	switch (v) {
	case SCREENING_SAME_DAY_CARE:
		return "These can be signs that the Achilles tendon has torn. Get a medical "
		       "assessment today (urgent care or an emergency department); do not walk it "
		       "off, and keep weight off the leg until you are seen. A loading program is "
		       "not for now, so tendo has not started one.";
	case SCREENING_CLINICIAN_FIRST:
		return "Fluoroquinolone antibiotics and steroid injections can weaken a tendon, "
		       "and "
		       "pain in both tendons with other joints can come from a condition of the "
		       "whole body. See a doctor or physiotherapist before you load the tendon; "
		       "once they have said you may start, choose the program again.";
	case SCREENING_START: break;
	}
	return "Nothing here stands in the way of the program.";
}

const char *screening_site(const struct screening *s)
{
	return s->insertional ? "insertional" : "midportion";
}
