package az.ekabinet.command.exam.graduate;

/** Bachelor records in the registry's wire format (see {@link HttpGraduateRegistry}), for the tests to vary. */
final class WireRecords {

    /** At home, in TMMS, without a GPA. */
    static final String TMMS = """
            {"recordId":"TMMS-2019-0451","registry":"TMMS","institutionCode":"11703",
             "institutionName":"Azərbaycan Texniki Universiteti","admissionYear":2015,"graduationYear":2019,
             "specialtyCode":"50632","specialtyName":"İnformasiya texnologiyaları və sistemləri mühəndisliyi",
             "admissionCaseNumber":"2015-11703-0451","diplomaSeries":"TA","diplomaNumber":"123456",
             "instructionLanguage":"AZ","gpa":null}""";

    /** Abroad, in lower case as some registries send it, with a GPA as a JSON number and no admission case. */
    static final String ABROAD = """
            {"recordId":"ABROAD-2021-TR-0042","registry":"abroad","institutionCode":"abr-tr-0042",
             "institutionName":"İstanbul Texniki Universiteti (Türkiyə)","admissionYear":2017,"graduationYear":2021,
             "specialtyCode":"50633","specialtyName":"Kompüter mühəndisliyi",
             "diplomaSeries":"ITU","diplomaNumber":"2021-00451","instructionLanguage":"en",
             "gpa":{"scale":"4","value":3.42}}""";

    private WireRecords() {
    }
}
