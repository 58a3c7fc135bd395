package az.ekabinet.query.exam.pdf;

import static az.ekabinet.query.exam.pdf.PrintedValues.date;
import static az.ekabinet.query.exam.pdf.PrintedValues.dateTime;
import static az.ekabinet.query.exam.pdf.PrintedValues.joined;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Prints a confirmed master's exam application as an A4 PDF with Azerbaijani labels, in the shared layout
 * ({@link PdfPageLayout}) with DejaVu Sans embedded ({@link PdfFonts}). A render is CPU work that must not run on
 * the Netty event loop (see {@link PdfPageLayout#render}).
 *
 * <p>Thread-safe: the instance holds only the immutable font bytes, and each render builds everything else anew.
 */
@Component
public class ApplicationPdf {

    /** What an absent optional value prints as. */
    public static final String MISSING = PdfPageLayout.MISSING;

    private static final String TITLE = "Magistraturaya qəbul imtahanı üçün ərizə";

    private final PdfFonts fonts = new PdfFonts();

    /** The PDF bytes of the application; CPU-bound, see the class comment for where to call it. */
    public byte[] render(PrintedApplication application) {
        String number = application.applicationNumber();
        return PdfPageLayout.render(fonts, TITLE + " № " + number, "Ərizə № " + number,
                layout -> write(application, layout));
    }

    private static void write(PrintedApplication application, PdfPageLayout layout) throws IOException {
        PrintedApplication.Person person = application.person();
        layout.title(TITLE);
        layout.row("İş nömrəsi", application.applicationNumber());
        layout.row("İmtahan sessiyası", application.sessionTitle());

        layout.heading("Şəxsi məlumatlar");
        layout.row("Soyad", person.surname());
        layout.row("Ad", person.name());
        layout.row("Ata adı", person.patronymic());
        layout.row("Doğum tarixi", date(person.birthDate()));
        layout.row("FİN", person.fin());
        layout.row("Şəxsiyyət vəsiqəsi", person.identityDocument());
        layout.row("Vətəndaşlıq", person.citizenship());
        layout.row("Qeydiyyat ünvanı", person.registeredAddress());
        layout.row("Mobil telefon", person.mobilePhone());
        layout.row("E-poçt", person.email());
        layout.row("Faktiki yaşadığı məntəqə", application.actualResidence());
        layout.row("Əvvəlki soyad/ad/ata adı", previousNames(application.previousNames()));

        PrintedApplication.Bachelor bachelor = application.bachelor();
        layout.heading("Bakalavr təhsili");
        layout.row("Mənbə", bachelor.source());
        layout.row("Ali təhsil müəssisəsi", bachelor.institution());
        layout.row("Qəbul ili", text(bachelor.admissionYear()));
        layout.row("Bitirmə ili", text(bachelor.graduationYear()));
        layout.row("İxtisas", bachelor.specialty());
        layout.row("Qəbul işinin nömrəsi", bachelor.admissionCaseNumber());
        layout.row("Diplom", joined(" ", bachelor.diplomaSeries(), bachelor.diplomaNumber()));
        layout.row("Tədris dili", bachelor.instructionLanguage());
        layout.row("ÜOMG", bachelor.gpa());

        PrintedApplication.Master master = application.master();
        layout.heading("Magistr təhsili");
        layout.row("Növ", master == null ? null : master.kind());
        layout.row("Ali təhsil müəssisəsi", master == null ? null : master.institution());
        layout.row("Bitirmə ili", master == null ? null : text(master.graduationYear()));

        PrintedApplication.Exam exam = application.exam();
        layout.heading("İmtahan");
        layout.row("Bölmə", exam.section());
        layout.row("Xarici dil", exam.foreignLanguage());
        List<String> specializations = exam.specializations();
        layout.row("İxtisaslaşmalar", specializations.isEmpty() ? null : "1. " + specializations.get(0));
        for (int i = 1; i < specializations.size(); i++) {
            layout.row("", (i + 1) + ". " + specializations.get(i));
        }

        layout.heading("Ödəniş və təsdiq");
        layout.row("İmtahan haqqı", application.feeCharged() == null ? null : application.feeCharged() + " AZN");
        layout.row("Təsdiq edilib", dateTime(application.confirmedAt()));
    }

    private static String previousNames(PrintedApplication.PreviousNames names) {
        if (names == null || (names.surname() == null && names.name() == null && names.patronymic() == null)) {
            return null;
        }
        return Arrays.stream(new String[] {names.surname(), names.name(), names.patronymic()})
                .map(part -> part == null ? MISSING : part)
                .collect(Collectors.joining(" / "));
    }

    private static String text(Integer number) {
        return number == null ? null : number.toString();
    }
}
