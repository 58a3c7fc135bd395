package az.ekabinet.domain.exam.application;

import static az.ekabinet.domain.exam.application.ApplicationProblem.BACHELOR_MISSING;
import static az.ekabinet.domain.exam.application.ApplicationProblem.EXAM_CHOICES_MISSING;
import static az.ekabinet.domain.exam.application.ApplicationProblem.MASTER_BEFORE_BACHELOR;
import static az.ekabinet.domain.exam.application.ApplicationProblem.MASTER_MISSING;
import static az.ekabinet.domain.exam.application.ApplicationProblem.RESIDENCE_MISSING;

import java.util.ArrayList;
import java.util.List;

/**
 * What the citizen has filled in so far; null means "not yet". The aggregate decides on it (can it be confirmed?)
 * and the read side shows it; both get the problems list from {@link #problems()}, so the status panel and the
 * confirmation can never disagree.
 */
public record ApplicationForm(PreviousNames previousNames, Residence residence, BachelorEducation bachelor,
                              MasterEducation master, ExamChoices examChoices) {

    public static final ApplicationForm EMPTY = new ApplicationForm(PreviousNames.NONE, null, null, null, null);

    public ApplicationForm {
        previousNames = previousNames == null ? PreviousNames.NONE : previousNames;
    }

    public ApplicationForm withPreviousNames(PreviousNames names) {
        return new ApplicationForm(names, residence, bachelor, master, examChoices);
    }

    public ApplicationForm withResidence(Residence residence) {
        return new ApplicationForm(previousNames, residence, bachelor, master, examChoices);
    }

    public ApplicationForm withBachelor(BachelorEducation education) {
        return new ApplicationForm(previousNames, residence, education, master, examChoices);
    }

    public ApplicationForm withMaster(MasterEducation education) {
        return new ApplicationForm(previousNames, residence, bachelor, education, examChoices);
    }

    public ApplicationForm withExamChoices(ExamChoices choices) {
        return new ApplicationForm(previousNames, residence, bachelor, master, choices);
    }

    /**
     * What is still missing or wrong, section by section, in form order. Each section's own fields are checked when
     * they are entered; what remains are missing sections and rules across sections, which a later change elsewhere
     * can break (so the list is always computed, never stored).
     */
    public List<ApplicationProblem> problems() {
        List<ApplicationProblem> problems = new ArrayList<>();
        if (residence == null) {
            problems.add(new ApplicationProblem(ApplicationSection.PERSONAL, RESIDENCE_MISSING));
        }
        if (bachelor == null) {
            problems.add(new ApplicationProblem(ApplicationSection.BACHELOR, BACHELOR_MISSING));
        }
        if (master == null) {
            problems.add(new ApplicationProblem(ApplicationSection.MASTER, MASTER_MISSING));
        } else if (bachelor != null && master.graduationYear() != null
                && master.graduationYear() < bachelor.graduationYear()) {
            problems.add(new ApplicationProblem(ApplicationSection.MASTER, MASTER_BEFORE_BACHELOR));
        }
        if (examChoices == null) {
            problems.add(new ApplicationProblem(ApplicationSection.EXAM, EXAM_CHOICES_MISSING));
        }
        return List.copyOf(problems);
    }
}
